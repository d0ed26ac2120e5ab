// The approval policy admin API (issue 13) on a real PostgreSQL through the real route handlers: the matrix
// of every operation × test/prod as seeded, edits audited `policy.update` with before/after, refusals with
// their exact code and nothing written, and the proof that the VM operations use case reads the table: a
// flipped cell changes what `POST /api/v1/vms/{id}/stop` does (task ↔ ticket) on the next request, no restart.
import { randomUUID } from "node:crypto";
import { runMigrations } from "graphile-worker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApprovalPolicyMatrixView, ApprovalPolicyView } from "@/lib/approvals/approval-policy-views";
import { OperationType } from "@/lib/approvals/ticket-status";
import type { VmActionAccepted } from "@/lib/vms/vm-views";
import {
  type AuthHarness,
  startAuthHarness,
  TEST_ORIGIN,
  TEST_PASSWORD,
  tableChecksums,
} from "../auth/testing/auth-harness";
import { CacheService } from "../cache/cache-service";
import { governanceLabels, vmObject } from "../testing/vm-object";

type Handler = (r: Request, s: { params: Promise<unknown> }) => Promise<Response>;

let h: AuthHarness;
let adminCookie = "";
let userCookie = "";
const cluster = randomUUID();
const vmIds: string[] = [];

async function call<T>(
  handler: Handler,
  method: string,
  cookie: string,
  opts: { body?: unknown; params?: Record<string, string> } = {},
): Promise<{ status: number; body: T }> {
  const res = await handler(
    new Request(`${TEST_ORIGIN}/api/v1/x`, {
      method,
      headers: { origin: TEST_ORIGIN, cookie, "content-type": "application/json" },
      ...(method === "GET" ? {} : { body: JSON.stringify(opts.body ?? {}) }),
    }),
    { params: Promise.resolve(opts.params ?? {}) },
  );
  return { status: res.status, body: (await res.json()) as T };
}

const routes = {
  matrix: async () => (await import("@/app/api/v1/admin/approval-policies/route")).GET as Handler,
  patch: async () => (await import("@/app/api/v1/admin/approval-policies/[id]/route")).PATCH as Handler,
  stop: async () => (await import("@/app/api/v1/vms/[id]/stop/route")).POST as Handler,
};
const matrix = async () => call<ApprovalPolicyMatrixView>(await routes.matrix(), "GET", adminCookie);
const patch = async (id: string, body: unknown, cookie = adminCookie) =>
  call<ApprovalPolicyView>(await routes.patch(), "PATCH", cookie, { params: { id }, body });
const stop = async (vmId: string) =>
  call<VmActionAccepted>(await routes.stop(), "POST", userCookie, { params: { id: vmId } });
const cell = (m: ApprovalPolicyMatrixView, operation: string, environment: string) =>
  m.cells.find((c) => c.operation === operation && c.environment === environment);

async function unchanged<T>(fn: () => Promise<T>): Promise<T> {
  const before = await tableChecksums(h.prisma);
  const result = await fn();
  expect(await tableChecksums(h.prisma)).toEqual(before);
  return result;
}

beforeAll(async () => {
  h = await startAuthHarness();
  await runMigrations({ connectionString: h.db.url, logger: undefined });
  const { prisma } = h;
  await prisma.cluster.create({
    data: { id: cluster, name: "alpha", encryptedKubeconfig: Buffer.from("x"), encryptionKeyId: "k" },
  });
  await prisma.namespaceRegistry.create({ data: { name: "test", environment: "test" } });
  const shop = await prisma.system.create({ data: { name: "shop" } });
  const api = await prisma.service.create({ data: { name: "api", systemId: shop.id } });
  const names = ["web-01", "web-02", "web-03"];
  await new CacheService({ prisma, staleAfterMs: 120_000 }).sink(cluster, "VirtualMachine").replace(
    names.map((n) => vmObject(n, "test", governanceLabels("shop", "api"))),
    "10",
  );
  for (const name of names) {
    const row = await prisma.vm.create({
      data: { name, namespace: "test", clusterId: cluster, serviceId: api.id, instance: "01" },
    });
    vmIds.push(row.id);
  }
  adminCookie = await h.sessionCookie("policy_admin", "admin");
  await h.addUser("policy_user", "user", [api.id]);
  userCookie = h.cookieHeader(await h.signIn("policy_user", TEST_PASSWORD, "203.0.113.91"));
});
afterAll(async () => h?.close());

describe("the policy matrix", () => {
  it("has every operation × test/prod, each cell the seeded row that decides it", async () => {
    const res = await matrix();
    expect(res.status).toBe(200);
    const operations = Object.values(OperationType);
    expect(res.body.operations).toEqual(operations);
    expect(res.body.environments).toEqual(["test", "prod"]);
    expect(res.body.cells).toHaveLength(operations.length * 2);
    for (const c of res.body.cells) {
      expect(c.source).toBe("policy");
      expect(c.policy).toMatchObject({ operation: c.operation, environment: c.environment, enabled: true });
      expect(c.requires_approval).toBe(c.policy?.requires_approval);
    }
    expect(cell(res.body, "STOP_VM", "test")).toMatchObject({ requires_approval: false });
    expect(cell(res.body, "STOP_VM", "prod")).toMatchObject({ requires_approval: true });
    expect(cell(res.body, "CREATE_VM", "test")).toMatchObject({ requires_approval: true });
  });
});

describe("editing a cell", () => {
  it("refuses an unknown policy (404) and an unknown field (400), writing nothing", async () => {
    const missing = await unchanged(() => patch("no-such-policy", { enabled: false }));
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ code: "POLICY_NOT_FOUND", params: { id: "no-such-policy" } });
    const id = cell((await matrix()).body, "STOP_VM", "test")?.policy?.id ?? "";
    const bad = await unchanged(() => patch(id, { priority: 5 }));
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: "VALIDATION_FAILED" });
    const noop = await unchanged(() => patch(id, { requires_approval: false, enabled: true }));
    expect(noop.status).toBe(200);
  });

  it("refuses a non-admin (403), writing nothing", async () => {
    const id = cell((await matrix()).body, "STOP_VM", "test")?.policy?.id ?? "";
    const refused = await unchanged(() => patch(id, { requires_approval: true }, userCookie));
    expect(refused.status).toBe(403);
  });

  it("a flipped cell changes what stop does on the next request: task → ticket → (disabled) task", async () => {
    // Seeded: stop in a test namespace runs at once.
    const first = await stop(vmIds[0] ?? "");
    expect(first.status).toBe(202);
    expect(first.body).toEqual({ task_id: expect.any(String), status: "PROCESSING" });

    const id = cell((await matrix()).body, "STOP_VM", "test")?.policy?.id ?? "";
    const flipped = await patch(id, { requires_approval: true });
    expect(flipped.status).toBe(200);
    expect(flipped.body).toMatchObject({ id, requires_approval: true, enabled: true });
    const audit = await h.prisma.auditLog.findFirstOrThrow({ where: { action: "policy.update" } });
    expect(audit).toMatchObject({ resourceType: "approval_policy", resourceId: id, environment: "test" });
    expect(audit.details).toEqual({
      operation: "STOP_VM",
      before: { requires_approval: false },
      after: { requires_approval: true },
    });

    const second = await stop(vmIds[1] ?? "");
    expect(second.status).toBe(202);
    expect(second.body).toEqual({
      ticket_id: expect.any(String),
      event_id: expect.any(String),
      status: "PENDING_APPROVAL",
    });

    // Disabled, the row no longer decides: the built-in default matrix does (test stop: no approval).
    expect((await patch(id, { enabled: false })).status).toBe(200);
    const m = (await matrix()).body;
    expect(cell(m, "STOP_VM", "test")).toMatchObject({
      source: "default",
      requires_approval: false,
      policy: { id, enabled: false, requires_approval: true },
    });
    const third = await stop(vmIds[2] ?? "");
    expect(third.body).toEqual({ task_id: expect.any(String), status: "PROCESSING" });
    expect(await h.prisma.auditLog.count({ where: { action: "policy.update" } })).toBe(2);
  });
});
