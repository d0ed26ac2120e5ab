// The VM command path on a real PostgreSQL, with the cache fed through the watchers' own sink: scope from
// governance rows (list, detail, actions, tasks; 404 never 403), policy by the namespace's registered
// environment (test: a job at once; prod: a PENDING_APPROVAL ticket), refusals with their exact code and
// nothing written, 50 concurrent identical requests → one job or one ticket and 49 refusals, and cancelling
// a pending request.
import { randomUUID } from "node:crypto";
import { runMigrations } from "graphile-worker";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TASKS_CHANGED_CHANNEL } from "@/lib/vms/task-change-notice";
import { vmListParamsSchema } from "@/lib/vms/vm-list-params";
import type { SessionUser } from "../auth/session";
import {
  type AuthHarness,
  startAuthHarness,
  TEST_ORIGIN,
  TEST_PASSWORD,
  tableChecksums,
} from "../auth/testing/auth-harness";
import { CacheService } from "../cache/cache-service";
import { governanceLabels, vmObject } from "../testing/vm-object";
import type { VmOperationDeps } from "./request-vm-operation";

let h: AuthHarness;
let deps: VmOperationDeps & { cache: CacheService };
let uc: typeof import("./vm-action-use-cases").VM_ACTION_USE_CASES;
const cluster = randomUUID();
const users = {} as Record<"admin" | "shop" | "crm", SessionUser>;
const ids = {} as Record<"web01" | "web02" | "web03" | "crm01", string>;
let shopCookie = "";
let crmCookie = "";

function vmi(name: string, namespace: string) {
  return {
    apiVersion: "kubevirt.io/v1",
    kind: "VirtualMachineInstance",
    metadata: {
      name,
      namespace,
      uid: `vmi-${name}`,
      resourceVersion: "1",
      ownerReferences: [{ kind: "VirtualMachine", name }],
    },
    status: {
      phase: "Running",
      nodeName: "node-1",
      interfaces: [{ ipAddress: "10.0.0.5" }],
      conditions: [
        {
          type: "LiveMigratable",
          status: "False",
          reason: "DisksNotLiveMigratable",
          message: "PVC web is not shared",
        },
        { type: "AgentConnected", status: "True" },
      ],
      guestOSInfo: { prettyName: "Fedora 40", version: "40", kernelRelease: "6.8" },
    },
  };
}
function snapshot(name: string, vmName: string, ready: boolean) {
  return {
    apiVersion: "snapshot.kubevirt.io/v1beta1",
    kind: "VirtualMachineSnapshot",
    metadata: {
      name,
      namespace: "test",
      uid: `snap-${name}`,
      resourceVersion: "1",
      creationTimestamp: "2026-01-02T00:00:00Z",
    },
    spec: { source: { apiGroup: "kubevirt.io", kind: "VirtualMachine", name: vmName } },
    status: { phase: ready ? "Succeeded" : "InProgress", readyToUse: ready },
  };
}

const actor = { id: "test", name: "test" };
const jobCount = async () =>
  Number((await h.prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM graphile_worker.jobs`)[0]?.n);
async function unchanged<T>(fn: () => Promise<T>): Promise<T> {
  const before = [await tableChecksums(h.prisma), await jobCount()];
  const result = await fn();
  expect([await tableChecksums(h.prisma), await jobCount()]).toEqual(before);
  return result;
}
const req = (user: SessionUser, vmId: string) => ({ user, actor, vmId });

beforeAll(async () => {
  h = await startAuthHarness();
  await runMigrations({ connectionString: h.db.url, logger: undefined });
  ({ VM_ACTION_USE_CASES: uc } = await import("./vm-action-use-cases"));
  const { prisma } = h;
  deps = { prisma, cache: new CacheService({ prisma, staleAfterMs: 120_000 }) };
  await prisma.cluster.create({
    data: {
      id: cluster,
      name: "alpha",
      environment: "prod",
      encryptedKubeconfig: Buffer.from("x"),
      encryptionKeyId: "k",
    },
  });
  // The namespace's registered environment wins over the cluster's (prod): "test" runs at once.
  await prisma.namespaceRegistry.createMany({
    data: [
      { name: "test", environment: "test" },
      { name: "prod", environment: "prod" },
    ],
  });
  const shop = await prisma.system.create({ data: { name: "shop" } });
  const crm = await prisma.system.create({ data: { name: "crm" } });
  const shopApi = await prisma.service.create({ data: { name: "api", systemId: shop.id } });
  const crmApi = await prisma.service.create({ data: { name: "api", systemId: crm.id } });

  await deps.cache.sink(cluster, "VirtualMachine").replace(
    [
      vmObject("web-01", "test", governanceLabels("shop", "api")),
      vmObject("web-02", "prod", governanceLabels("shop", "api")),
      vmObject("web-03", "test", governanceLabels("shop", "api"), "Stopped"),
      // Labels name shop/api, but no governance row: nobody but an admin sees it.
      vmObject("labelled-01", "test", governanceLabels("shop", "api")),
      vmObject("crm-01", "test", governanceLabels("crm", "api")),
    ],
    "10",
  );
  await deps.cache
    .sink(cluster, "VirtualMachineInstance")
    .replace(
      [vmi("web-01", "test"), vmi("web-02", "prod"), vmi("labelled-01", "test"), vmi("crm-01", "test")],
      "10",
    );
  await deps.cache
    .sink(cluster, "VirtualMachineSnapshot")
    .replace([snapshot("snap-ready", "web-03", true), snapshot("snap-busy", "web-03", false)], "10");

  const row = (name: string, namespace: string, serviceId: string) =>
    prisma.vm.create({
      data: { name, namespace, clusterId: cluster, serviceId, instance: "01" },
      select: { id: true },
    });
  ids.web01 = (await row("web-01", "test", shopApi.id)).id;
  ids.web02 = (await row("web-02", "prod", shopApi.id)).id;
  ids.web03 = (await row("web-03", "test", shopApi.id)).id;
  ids.crm01 = (await row("crm-01", "test", crmApi.id)).id;
  await prisma.pendingAdoption.create({
    data: {
      clusterId: cluster,
      namespace: "test",
      resourceName: "labelled-01",
      k8sUid: "uid-labelled-01",
      system: "shop",
      service: "api",
    },
  });

  const make = async (username: string, role: "admin" | "user", serviceIds: string[]) => {
    const u = await h.addUser(username, role, serviceIds);
    return { id: u.id, name: username, email: u.email, username, role } satisfies SessionUser;
  };
  users.admin = await make("op_admin", "admin", []);
  users.shop = await make("op_shop", "user", [shopApi.id]);
  users.crm = await make("op_crm", "user", [crmApi.id]);
  shopCookie = h.cookieHeader(await h.signIn("op_shop", TEST_PASSWORD, "203.0.113.81"));
  crmCookie = h.cookieHeader(await h.signIn("op_crm", TEST_PASSWORD, "203.0.113.82"));
});
afterAll(async () => h?.close());

describe("scope from governance rows", () => {
  it("lists for a user only the governed VMs of their services, with their ids; never from labels", async () => {
    const { listVms } = await import("./list-vms");
    const page = await listVms(users.shop, vmListParamsSchema.parse({ sort: "name" }), deps);
    expect(page.items.map((i) => [i.name, i.id, i.governed])).toEqual([
      ["web-01", ids.web01, true],
      ["web-02", ids.web02, true],
      ["web-03", ids.web03, true],
    ]);
    expect(page.items[0]).toMatchObject({
      system: "shop",
      service: "api",
      status: "RUNNING",
      ip: "10.0.0.5",
    });
  });

  it("lists for an admin every cached VM, the ungoverned one with its adoption item and no id", async () => {
    const { listVms } = await import("./list-vms");
    const page = await listVms(users.admin, vmListParamsSchema.parse({ sort: "name" }), deps);
    expect(page.items.map((i) => i.name)).toEqual(["crm-01", "labelled-01", "web-01", "web-02", "web-03"]);
    const pending = await h.prisma.pendingAdoption.findFirstOrThrow({ select: { id: true } });
    expect(page.items[1]).toMatchObject({ id: null, governed: false, adoption_item_id: pending.id });
    expect(page.pagination.total_items).toBe(5);
  });

  it("answers the detail of a VM in scope, and VM_NOT_FOUND for one outside it", async () => {
    const { getVmDetail } = await import("./get-vm-detail");
    const detail = await getVmDetail(deps, users.shop, ids.web01);
    expect(detail).toMatchObject({
      id: ids.web01,
      governed: true,
      environment: "test",
      status: "RUNNING",
      node: "node-1",
      ip_addresses: ["10.0.0.5"],
      agent_connected: true,
      guest_os: { name: "Fedora 40", version: "40", kernel: "6.8" },
      governance: { system: "shop", service: "api", instance: "01" },
      events: [],
    });
    expect(detail.actions.start).toMatchObject({ allowed: false, reason: { code: "VM_ALREADY_RUNNING" } });
    expect(detail.actions.stop).toEqual({ allowed: true, requires_approval: false, reason: null });
    expect(detail.actions.migrate?.reason).toEqual({
      code: "VM_NOT_MIGRATABLE",
      params: { name: "web-01", k8s_message: "PVC web is not shared" },
    });
    const prod = await getVmDetail(deps, users.shop, ids.web02);
    expect(prod.actions.stop).toMatchObject({ allowed: true, requires_approval: true });
    const stopped = await getVmDetail(deps, users.shop, ids.web03);
    expect(stopped.snapshots.map((s) => [s.name, s.ready_to_use]).sort()).toEqual([
      ["snap-busy", false],
      ["snap-ready", true],
    ]);
    await expect(getVmDetail(deps, users.crm, ids.web01)).rejects.toMatchObject({ code: "VM_NOT_FOUND" });
    await expect(getVmDetail(deps, users.shop, "no-such-id")).rejects.toMatchObject({ code: "VM_NOT_FOUND" });
  });

  it("shows an admin the ungoverned VM without actions, and hides it from a user", async () => {
    const { getUngovernedVmDetail } = await import("./get-vm-detail");
    const at = { clusterId: cluster, namespace: "test", name: "labelled-01" };
    const detail = await getUngovernedVmDetail(deps, users.admin, at);
    expect(detail).toMatchObject({ id: null, governed: false, governance: null, actions: {} });
    expect(detail.adoption_item_id).toEqual(expect.any(String));
    await expect(getUngovernedVmDetail(deps, users.shop, at)).rejects.toMatchObject({ code: "VM_NOT_FOUND" });
  });

  it("answers 404 (not 403) to a user outside the VM's service on the GET and POST routes, changing nothing", async () => {
    const headers = { origin: TEST_ORIGIN, cookie: crmCookie, "content-type": "application/json" };
    const { GET } = await import("@/app/api/v1/vms/[id]/route");
    const got = await GET(new Request(`${TEST_ORIGIN}/api/v1/vms/${ids.web01}`, { headers }), {
      params: Promise.resolve({ id: ids.web01 }),
    });
    expect(got.status).toBe(404);
    expect(await got.json()).toMatchObject({ code: "VM_NOT_FOUND" });
    const { POST } = await import("@/app/api/v1/vms/[id]/stop/route");
    const posted = await unchanged(() =>
      POST(
        new Request(`${TEST_ORIGIN}/api/v1/vms/${ids.web01}/stop`, { method: "POST", headers, body: "{}" }),
        {
          params: Promise.resolve({ id: ids.web01 }),
        },
      ),
    );
    expect(posted.status).toBe(404);
    expect(await posted.json()).toMatchObject({ code: "VM_NOT_FOUND" });
  });
});

describe("refusals: exact code, nothing written", () => {
  it.each([
    ["out of scope", () => uc.stop(deps, { ...req(users.crm, ids.web01), input: {} }), "VM_NOT_FOUND"],
    ["unknown id", () => uc.stop(deps, { ...req(users.shop, "nope"), input: {} }), "VM_NOT_FOUND"],
    [
      "already running",
      () => uc.start(deps, { ...req(users.shop, ids.web01), input: {} }),
      "VM_ALREADY_RUNNING",
    ],
    [
      "already stopped",
      () => uc.stop(deps, { ...req(users.shop, ids.web03), input: {} }),
      "VM_ALREADY_STOPPED",
    ],
    [
      "not migratable",
      () => uc.migrate(deps, { ...req(users.shop, ids.web01), input: {} }),
      "VM_NOT_MIGRATABLE",
    ],
    [
      "no migration to cancel",
      () => uc["cancel-migration"](deps, { ...req(users.shop, ids.web01), input: {} }),
      "VM_NO_ACTIVE_MIGRATION",
    ],
    [
      "restore a running VM",
      () => uc.restore(deps, { ...req(users.shop, ids.web01), input: { snapshot: "snap-ready" } }),
      "VM_MUST_BE_STOPPED",
    ],
    [
      "restore from a missing snapshot",
      () => uc.restore(deps, { ...req(users.shop, ids.web03), input: { snapshot: "gone" } }),
      "SNAPSHOT_NOT_FOUND",
    ],
    [
      "restore from a snapshot not ready",
      () => uc.restore(deps, { ...req(users.shop, ids.web03), input: { snapshot: "snap-busy" } }),
      "SNAPSHOT_NOT_READY",
    ],
    [
      "clone from a missing snapshot",
      () => uc.clone(deps, { ...req(users.shop, ids.web03), input: { snapshot: "gone" } }),
      "SNAPSHOT_NOT_FOUND",
    ],
    [
      "delete a snapshot of another VM",
      () => uc["delete-snapshot"](deps, { ...req(users.shop, ids.web01), input: { snapshot: "snap-ready" } }),
      "SNAPSHOT_NOT_FOUND",
    ],
    [
      "delete with a wrong name",
      () => uc.delete(deps, { ...req(users.shop, ids.web01), input: { confirm_name: "web-1" } }),
      "CONFIRMATION_NAME_MISMATCH",
    ],
  ] as const)("%s → %s", async (_, call, code) => {
    await unchanged(() => expect(call()).rejects.toMatchObject({ code }));
  });

  it("refuses every write while the cluster's cache rebuilds (503 CLUSTER_REBUILDING)", async () => {
    await h.prisma.cacheSyncState.update({
      where: { clusterId_resourceKind: { clusterId: cluster, resourceKind: "VirtualMachine" } },
      data: { rebuilding: true },
    });
    try {
      await unchanged(() =>
        expect(uc.stop(deps, { ...req(users.shop, ids.web01), input: {} })).rejects.toMatchObject({
          code: "CLUSTER_REBUILDING",
          httpStatus: 503,
        }),
      );
    } finally {
      await h.prisma.cacheSyncState.updateMany({
        where: { clusterId: cluster },
        data: { rebuilding: false },
      });
    }
  });

  it("refuses a VM whose governance row names no cluster with VM_NOT_GOVERNED", async () => {
    const shopApi = await h.prisma.service.findFirstOrThrow({ where: { system: { name: "shop" } } });
    const orphan = await h.prisma.vm.create({
      data: { name: "nowhere-01", namespace: "test", serviceId: shopApi.id },
    });
    try {
      await unchanged(() =>
        expect(uc.start(deps, { ...req(users.shop, orphan.id), input: {} })).rejects.toMatchObject({
          code: "VM_NOT_GOVERNED",
        }),
      );
    } finally {
      await h.prisma.vm.delete({ where: { id: orphan.id } });
    }
  });
});

describe("policy: a job at once, or a ticket", () => {
  it("runs a test-namespace verb at once: event PROCESSING, its job, the audit and the task notice", async () => {
    const listener = new pg.Client({ connectionString: h.db.url });
    await listener.connect();
    const notices: string[] = [];
    listener.on("notification", (n) => notices.push(n.payload ?? ""));
    await listener.query(`LISTEN ${TASKS_CHANGED_CHANNEL}`);
    try {
      const accepted = await uc.snapshot(deps, { ...req(users.shop, ids.web01), input: {} });
      expect(accepted).toEqual({ task_id: expect.any(String), status: "PROCESSING" });
      const taskId = (accepted as { task_id: string }).task_id;
      const event = await h.prisma.domainEvent.findUniqueOrThrow({ where: { id: taskId } });
      expect(event).toMatchObject({
        status: "PROCESSING",
        operation: "CREATE_SNAPSHOT",
        aggregateType: "vm",
        aggregateId: ids.web01,
        eventType: "VM_SNAPSHOT_REQUESTED",
      });
      expect((event.payload as { snapshot: string }).snapshot).toMatch(/^web-01-snap-\d{8}-\d{6}$/);
      const jobs = await h.prisma.$queryRaw<{ task_identifier: string; payload: unknown }[]>`
        SELECT t.identifier AS task_identifier, j.payload FROM graphile_worker._private_jobs j
        JOIN graphile_worker._private_tasks t ON t.id = j.task_id`;
      expect(jobs).toEqual([{ task_identifier: "vm-operation", payload: { event_id: taskId } }]);
      expect(await h.prisma.auditLog.count({ where: { action: "vm.request", resourceId: ids.web01 } })).toBe(
        1,
      );
      expect(await h.prisma.approvalTicket.count({ where: { eventId: taskId } })).toBe(0);
      // The notice is sent on commit; a round trip on the listener's connection delivers what is queued.
      await listener.query("SELECT 1");
      expect(notices.map((n) => JSON.parse(n))).toContainEqual({ task_id: taskId, vm_id: ids.web01 });

      const { getTask } = await import("./get-task");
      expect(await getTask(deps, users.shop, taskId)).toMatchObject({
        id: taskId,
        vm_id: ids.web01,
        action: "snapshot",
        status: "PROCESSING",
        ticket_id: null,
      });
      await expect(getTask(deps, users.crm, taskId)).rejects.toMatchObject({ code: "TASK_NOT_FOUND" });
    } finally {
      await listener.end();
    }
  });

  it("turns a prod-namespace verb into a PENDING_APPROVAL ticket with a PENDING event and no job", async () => {
    const jobsBefore = await jobCount();
    const accepted = await uc.stop(deps, { ...req(users.shop, ids.web02), input: { reason: "maintenance" } });
    expect(accepted).toEqual({
      ticket_id: expect.any(String),
      event_id: expect.any(String),
      status: "PENDING_APPROVAL",
    });
    const { ticket_id, event_id } = accepted as { ticket_id: string; event_id: string };
    expect(await h.prisma.approvalTicket.findUniqueOrThrow({ where: { id: ticket_id } })).toMatchObject({
      status: "PENDING_APPROVAL",
      operationType: "STOP_VM",
      requester: users.shop.id,
      resourceId: ids.web02,
      reason: "maintenance",
      eventId: event_id,
    });
    expect(await h.prisma.domainEvent.findUniqueOrThrow({ where: { id: event_id } })).toMatchObject({
      status: "PENDING",
    });
    expect(await jobCount()).toBe(jobsBefore);

    // The same request again: refused with the existing ticket, nothing written.
    await unchanged(() =>
      expect(uc.stop(deps, { ...req(users.shop, ids.web02), input: {} })).rejects.toMatchObject({
        code: "DUPLICATE_PENDING_REQUEST",
        params: { resource_id: ids.web02, operation: "STOP_VM", existing_ticket_id: ticket_id },
      }),
    );

    // My requests lists it, cancellable; another user cannot cancel it; the requester can, once.
    const { listMyRequests } = await import("./list-my-requests");
    const mine = await listMyRequests(deps, users.shop, { page: 1, per_page: 25 });
    expect(mine.items[0]).toMatchObject({
      id: ticket_id,
      vm_id: ids.web02,
      vm_name: "web-02",
      namespace: "prod",
      cluster_name: "alpha",
      action: "stop",
      can_cancel: true,
      task: { id: event_id, status: "PENDING" },
    });
    expect(mine.pagination).toMatchObject({ total_items: 1, page: 1 });
    const { cancelRequest } = await import("./cancel-request");
    await unchanged(() =>
      expect(cancelRequest(deps, users.crm, actor, ticket_id)).rejects.toMatchObject({
        code: "TICKET_NOT_FOUND",
      }),
    );
    await unchanged(() =>
      expect(cancelRequest(deps, users.admin, actor, ticket_id)).rejects.toMatchObject({
        code: "TICKET_CANCEL_FORBIDDEN",
      }),
    );
    await cancelRequest(deps, users.shop, actor, ticket_id);
    expect(await h.prisma.approvalTicket.findUniqueOrThrow({ where: { id: ticket_id } })).toMatchObject({
      status: "CANCELLED",
    });
    expect(await h.prisma.domainEvent.findUniqueOrThrow({ where: { id: event_id } })).toMatchObject({
      status: "CANCELLED",
    });
    expect(
      await h.prisma.auditLog.count({ where: { action: "approval.cancel", resourceId: ticket_id } }),
    ).toBe(1);
    await unchanged(() =>
      expect(cancelRequest(deps, users.shop, actor, ticket_id)).rejects.toMatchObject({
        code: "TICKET_NOT_PENDING",
        params: { status: "CANCELLED" },
      }),
    );
  });

  it("answers 202 on the route, and 204 on cancel through the route", async () => {
    const headers = { origin: TEST_ORIGIN, cookie: shopCookie, "content-type": "application/json" };
    const { POST } = await import("@/app/api/v1/vms/[id]/restart/route");
    const res = await POST(
      new Request(`${TEST_ORIGIN}/api/v1/vms/${ids.web02}/restart`, { method: "POST", headers, body: "{}" }),
      { params: Promise.resolve({ id: ids.web02 }) },
    );
    expect(res.status).toBe(202);
    const body = (await res.json()) as { ticket_id: string; status: string };
    expect(body.status).toBe("PENDING_APPROVAL");
    const bad = await POST(
      new Request(`${TEST_ORIGIN}/api/v1/vms/${ids.web02}/restart`, {
        method: "POST",
        headers,
        body: '{"force":true}',
      }),
      { params: Promise.resolve({ id: ids.web02 }) },
    );
    expect(bad.status).toBe(400);
    const cancel = await import("@/app/api/v1/approvals/[id]/cancel/route");
    const done = await cancel.POST(
      new Request(`${TEST_ORIGIN}/api/v1/approvals/${body.ticket_id}/cancel`, { method: "POST", headers }),
      { params: Promise.resolve({ id: body.ticket_id }) },
    );
    expect(done.status).toBe(204);
    const list = await import("@/app/api/v1/requests/route");
    const page = await list.GET(new Request(`${TEST_ORIGIN}/api/v1/requests?per_page=1`, { headers }), {
      params: Promise.resolve({}),
    });
    expect(page.status).toBe(200);
    expect(await page.json()).toMatchObject({ pagination: { per_page: 1, total_items: 2, has_next: true } });
  });
});

describe("50 concurrent identical requests", () => {
  it("make exactly one job; the other 49 are refused with VM_OPERATION_IN_PROGRESS", async () => {
    const jobsBefore = await jobCount();
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, () => uc.stop(deps, { ...req(users.shop, ids.web01), input: {} })),
    );
    const ok = results.filter((r) => r.status === "fulfilled");
    const refused = results.flatMap((r) =>
      r.status === "rejected" ? [r.reason as { code: string; params: unknown }] : [],
    );
    expect(ok).toHaveLength(1);
    const taskId = (ok[0] as PromiseFulfilledResult<{ task_id: string }>).value.task_id;
    expect(refused).toHaveLength(49);
    for (const e of refused)
      expect(e).toMatchObject({
        code: "VM_OPERATION_IN_PROGRESS",
        params: { operation: "STOP_VM", existing_task_id: taskId },
      });
    expect(await jobCount()).toBe(jobsBefore + 1);
    expect(
      await h.prisma.domainEvent.count({ where: { aggregateId: ids.web01, operation: "STOP_VM" } }),
    ).toBe(1);
  });

  it("make exactly one ticket; the other 49 are refused with DUPLICATE_PENDING_REQUEST", async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, () =>
        uc.delete(deps, { ...req(users.shop, ids.web02), input: { confirm_name: "web-02" } }),
      ),
    );
    const ok = results.filter((r) => r.status === "fulfilled");
    expect(ok).toHaveLength(1);
    const ticketId = (ok[0] as PromiseFulfilledResult<{ ticket_id: string }>).value.ticket_id;
    const refused = results.flatMap((r) => (r.status === "rejected" ? [r.reason] : []));
    expect(refused).toHaveLength(49);
    for (const e of refused)
      expect(e).toMatchObject({
        code: "DUPLICATE_PENDING_REQUEST",
        params: { resource_id: ids.web02, operation: "DELETE_VM", existing_ticket_id: ticketId },
      });
    expect(
      await h.prisma.approvalTicket.count({ where: { resourceId: ids.web02, operationType: "DELETE_VM" } }),
    ).toBe(1);
  });
});

describe("every verb through its use case", () => {
  const migration = {
    apiVersion: "kubevirt.io/v1",
    kind: "VirtualMachineInstanceMigration",
    metadata: {
      name: "mig-01-m",
      namespace: "test",
      uid: "vmim-1",
      resourceVersion: "1",
      creationTimestamp: "2026-01-03T00:00:00Z",
    },
    spec: { vmiName: "mig-01" },
    status: { phase: "Running" },
  };
  const paused = {
    ...vmi("pause-01", "test"),
    status: { phase: "Running", conditions: [{ type: "Paused", status: "True" }] },
  };
  const migrating = {
    ...vmi("mig-01", "test"),
    status: { phase: "Running", conditions: [{ type: "LiveMigratable", status: "True" }] },
  };
  const vmIds: Record<string, string> = {};

  beforeAll(async () => {
    const shopApi = await h.prisma.service.findFirstOrThrow({ where: { system: { name: "shop" } } });
    const vms = [
      ...["stop", "force-stop", "restart", "pause", "migrate", "snapshot", "clone", "delete"].map((v) =>
        vmObject(`run-${v}`, "test", governanceLabels("shop", "api")),
      ),
      vmObject("halt-01", "test", governanceLabels("shop", "api"), "Stopped"),
      vmObject("pause-01", "test", governanceLabels("shop", "api"), "Paused"),
      vmObject("mig-01", "test", governanceLabels("shop", "api"), "Migrating"),
    ];
    const add = (object: unknown) => ({ type: "ADDED" as const, object, resourceVersion: "20" });
    await deps.cache.sink(cluster, "VirtualMachine").applyBatch(vms.map(add), "20");
    const vmis = [
      ...vms
        .filter((v) => v.metadata.name.startsWith("run-"))
        .map((v) => {
          const i = vmi(v.metadata.name, "test");
          return { ...i, status: { ...i.status, conditions: [{ type: "LiveMigratable", status: "True" }] } };
        }),
      paused,
      migrating,
    ];
    await deps.cache.sink(cluster, "VirtualMachineInstance").applyBatch(vmis.map(add), "20");
    await deps.cache
      .sink(cluster, "VirtualMachineSnapshot")
      .applyBatch([add(snapshot("halt-snap", "halt-01", true))], "20");
    await deps.cache.sink(cluster, "VirtualMachineInstanceMigration").replace([migration], "20");
    for (const v of vms) {
      const row = await h.prisma.vm.create({
        data: { name: v.metadata.name, namespace: "test", clusterId: cluster, serviceId: shopApi.id },
      });
      vmIds[v.metadata.name] = row.id;
    }
  });

  // Verb, VM, body, and what the default policy makes of it in a test namespace.
  const table = [
    ["start", "halt-01", {}, "task"],
    ["stop", "run-stop", {}, "task"],
    ["force-stop", "run-force-stop", {}, "task"],
    ["restart", "run-restart", {}, "task"],
    ["pause", "run-pause", {}, "task"],
    ["unpause", "pause-01", {}, "task"],
    ["migrate", "run-migrate", {}, "task"],
    ["cancel-migration", "mig-01", {}, "task"],
    ["snapshot", "run-snapshot", { name: "manual-1" }, "task"],
    ["delete-snapshot", "halt-01", { snapshot: "halt-snap" }, "task"],
    ["restore", "halt-01", { snapshot: "halt-snap" }, "ticket"],
    ["clone", "run-clone", {}, "ticket"],
    ["delete", "run-delete", { confirm_name: "run-delete" }, "ticket"],
  ] as const;

  it.each(table)(
    "%s on %s: 404 out of scope, 503 while rebuilding, then a %s, then a 409",
    async (verb, name, body, kind) => {
      const call = (user: SessionUser) =>
        (uc[verb] as (typeof uc)["start"])(deps, { ...req(user, vmIds[name] ?? ""), input: body as never });
      await unchanged(() => expect(call(users.crm)).rejects.toMatchObject({ code: "VM_NOT_FOUND" }));

      await h.prisma.cacheSyncState.update({
        where: { clusterId_resourceKind: { clusterId: cluster, resourceKind: "VirtualMachine" } },
        data: { rebuilding: true },
      });
      try {
        await unchanged(() => expect(call(users.shop)).rejects.toMatchObject({ code: "CLUSTER_REBUILDING" }));
      } finally {
        await h.prisma.cacheSyncState.updateMany({
          where: { clusterId: cluster },
          data: { rebuilding: false },
        });
      }

      const accepted = await call(users.shop);
      const taskId = "task_id" in accepted ? accepted.task_id : accepted.event_id;
      const event = await h.prisma.domainEvent.findUniqueOrThrow({ where: { id: taskId } });
      expect(event.payload).toMatchObject({ action: verb, vm_id: vmIds[name], name, namespace: "test" });
      if (kind === "task") {
        expect(accepted).toEqual({ task_id: expect.any(String), status: "PROCESSING" });
        await unchanged(() =>
          expect(call(users.shop)).rejects.toMatchObject({ code: "VM_OPERATION_IN_PROGRESS" }),
        );
      } else {
        expect(accepted).toMatchObject({ status: "PENDING_APPROVAL" });
        await unchanged(() =>
          expect(call(users.shop)).rejects.toMatchObject({ code: "DUPLICATE_PENDING_REQUEST" }),
        );
      }
    },
  );

  it("carries the migration to cancel and the snapshot named in the payload", async () => {
    const events = await h.prisma.domainEvent.findMany({
      where: { aggregateId: { in: [vmIds["mig-01"] ?? "", vmIds["run-snapshot"] ?? ""] } },
      select: { payload: true },
    });
    expect(events.map((e) => e.payload)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: "cancel-migration", migration: "mig-01-m" }),
        expect.objectContaining({ action: "snapshot", snapshot: "manual-1" }),
      ]),
    );
  });
});
