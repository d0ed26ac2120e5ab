// The authorization matrix (issue 5): every route handler under app/ and every exported server action, found
// by reading the source (endpoint-scan.ts), is called for real — anonymously, and as each role its declared
// permission excludes — and must refuse (401 / 403, or { ok: false, code }) without changing any table.
// An entry point without a declared permission fails here; endpoint-scan.test.ts proves that on fixtures.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ROLES, type Role, rolesWithout } from "@/lib/auth/permissions";
import { endpointMetaOf } from "./endpoint-meta";
import { PUBLIC_ROUTES } from "./public-endpoints";
import { type AuthHarness, startAuthHarness, TEST_ORIGIN, tableChecksums } from "./testing/auth-harness";
import { scanEndpoints } from "./testing/endpoint-scan";

// Server actions read the request through next/headers; here the "request" is whatever the test sets.
const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({
  headers: async () => request.headers,
  cookies: async () => ({
    get: () => undefined,
    getAll: () => [],
    set: () => {},
    delete: () => {},
    has: () => false,
  }),
}));

const ROOT = path.resolve(import.meta.dirname, "../..");
const scan = scanEndpoints(ROOT, "app", ["app", "components", "lib", "server"]);

let h: AuthHarness;
const cookies = {} as Record<Role, string>;
/** Values for dynamic route segments (`[id]` …): real rows, so a refusal is not a 404 in disguise. */
const segmentFixtures: Record<string, string> = {};

beforeAll(async () => {
  h = await startAuthHarness();
  for (const role of ROLES)
    cookies[role] = await h.sessionCookie(`matrix_${role}`, role, `198.51.100.${ROLES.indexOf(role) + 1}`);
  const cluster = await h.prisma.cluster.create({
    data: { name: "matrix-cluster", encryptedKubeconfig: Buffer.from("x"), encryptionKeyId: "k" },
  });
  segmentFixtures.id = cluster.id;
});

/** The params of a route file's dynamic segments, e.g. app/api/v1/admin/clusters/[id]/route.ts → { id }. */
function segmentParams(file: string): Record<string, string> {
  const names = [...file.matchAll(/\[([a-z_]+)\]/gi)].map((m) => m[1] ?? "");
  return Object.fromEntries(names.map((name) => [name, segmentFixtures[name] ?? `fixture-${name}`]));
}
afterAll(async () => h?.close());

async function load(file: string): Promise<Record<string, unknown>> {
  return (await import(/* @vite-ignore */ path.join(ROOT, file))) as Record<string, unknown>;
}

describe("the scan", () => {
  it("finds the entry points that exist (it is not blind)", () => {
    expect(scan.routes).toContainEqual({ file: "app/api/v1/system/status/route.ts", method: "GET" });
    expect(scan.actions).toContainEqual({
      file: "app/[locale]/admin/users/actions.ts",
      name: "createUserAction",
    });
    expect(scan.actions).toContainEqual({ file: "app/[locale]/actions.ts", name: "signOut" });
  });

  it("finds no inline server actions", () => {
    expect(scan.problems).toEqual([]);
  });

  it("every public route is one that exists", () => {
    const files = new Set(scan.routes.map((r) => r.file));
    expect(Object.keys(PUBLIC_ROUTES).filter((f) => !files.has(f))).toEqual([]);
  });

  it("every other route handler and every action declares a permission", async () => {
    const undeclared: string[] = [];
    for (const { file, method } of scan.routes) {
      if (PUBLIC_ROUTES[file]) continue;
      const meta = endpointMetaOf((await load(file))[method]);
      if (meta?.kind !== "route") undeclared.push(`${file} ${method}`);
    }
    for (const { file, name } of scan.actions) {
      const meta = endpointMetaOf((await load(file))[name]);
      if (meta?.kind !== "action") undeclared.push(`${file} ${name}`);
    }
    expect(undeclared).toEqual([]);
  });
});

describe("route handlers refuse, and change nothing", () => {
  const guarded = scan.routes.filter((r) => !PUBLIC_ROUTES[r.file]);

  async function call(file: string, method: string, cookie?: string): Promise<Response> {
    const handler = (await load(file))[method] as (
      r: Request,
      s: { params: Promise<unknown> },
    ) => Promise<Response>;
    const headers: Record<string, string> = { origin: TEST_ORIGIN, "content-type": "application/json" };
    if (cookie) headers.cookie = cookie;
    const hasBody = method !== "GET" && method !== "HEAD";
    return handler(new Request(`${TEST_ORIGIN}/x`, { method, headers, ...(hasBody ? { body: "{}" } : {}) }), {
      params: Promise.resolve(segmentParams(file)),
    });
  }

  it.each(guarded.map((r) => [`${r.method} ${r.file}`, r] as const))("%s", async (_, { file, method }) => {
    const permission = endpointMetaOf((await load(file))[method])?.permission;
    expect(permission).toBeDefined();
    const before = await tableChecksums(h.prisma);

    const anonymous = await call(file, method);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("content-type")).toBe("application/problem+json");
    expect(await anonymous.json()).toMatchObject({ code: "UNAUTHENTICATED", request_id: expect.any(String) });

    for (const role of rolesWithout(permission ?? "user.manage")) {
      const refused = await call(file, method, cookies[role]);
      expect(refused.status, role).toBe(403);
      expect(await refused.json()).toMatchObject({ code: "FORBIDDEN" });
    }
    expect(await tableChecksums(h.prisma)).toEqual(before);
  });

  it("lets a caller with the permission through (the refusals above are not vacuous)", async () => {
    const ok = await call("app/api/v1/system/status/route.ts", "GET", cookies.user);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ database: { ok: true } });
  });

  it("covers every admin cluster route, and lets an admin read the fixture cluster", async () => {
    const clusterRoutes = guarded.filter((r) => r.file.startsWith("app/api/v1/admin/clusters/"));
    expect(clusterRoutes.map((r) => `${r.method} ${r.file}`).sort()).toEqual([
      "DELETE app/api/v1/admin/clusters/[id]/route.ts",
      "GET app/api/v1/admin/clusters/[id]/route.ts",
      "GET app/api/v1/admin/clusters/route.ts",
      "PATCH app/api/v1/admin/clusters/[id]/route.ts",
      "POST app/api/v1/admin/clusters/[id]/check/route.ts",
      "POST app/api/v1/admin/clusters/[id]/namespaces/route.ts",
      "POST app/api/v1/admin/clusters/route.ts",
      "POST app/api/v1/admin/clusters/test-connection/route.ts",
      "PUT app/api/v1/admin/clusters/[id]/credentials/route.ts",
      "PUT app/api/v1/admin/clusters/[id]/declared-capabilities/route.ts",
    ]);
    const ok = await call("app/api/v1/admin/clusters/[id]/route.ts", "GET", cookies.admin);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ id: segmentFixtures.id, name: "matrix-cluster" });
  });
});

describe("the audit-log endpoints (issue 13) are in the matrix", () => {
  const get = async (file: string, cookie: string): Promise<Response> =>
    ((await load(file)).GET as (r: Request, s: { params: Promise<unknown> }) => Promise<Response>)(
      new Request(`${TEST_ORIGIN}/x`, { headers: { origin: TEST_ORIGIN, cookie } }),
      { params: Promise.resolve({}) },
    );

  it("finds the list and the export, both audit.read, and refuses an approver with 403", async () => {
    for (const file of [
      "app/api/v1/admin/audit-logs/route.ts",
      "app/api/v1/admin/audit-logs/export/route.ts",
    ]) {
      expect(scan.routes).toContainEqual({ file, method: "GET" });
      expect(endpointMetaOf((await load(file)).GET)).toEqual({ kind: "route", permission: "audit.read" });
      const refused = await get(file, cookies.approver);
      expect(refused.status).toBe(403);
    }
    const ok = await get("app/api/v1/admin/audit-logs/route.ts", cookies.admin);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ per_page: 50 });
  });
});

describe("the namespace registry and approval policy endpoints (issue 13) are in the matrix", () => {
  it("finds every route, each declaring its admin-only permission", async () => {
    const routes = scan.routes.filter(
      (r) =>
        r.file.startsWith("app/api/v1/admin/namespaces/") ||
        r.file.startsWith("app/api/v1/admin/approval-policies/") ||
        r.file === "app/api/v1/admin/clusters/[id]/namespaces/route.ts",
    );
    expect(routes.map((r) => `${r.method} ${r.file}`).sort()).toEqual([
      "GET app/api/v1/admin/approval-policies/route.ts",
      "GET app/api/v1/admin/namespaces/[id]/route.ts",
      "GET app/api/v1/admin/namespaces/route.ts",
      "PATCH app/api/v1/admin/approval-policies/[id]/route.ts",
      "PATCH app/api/v1/admin/namespaces/[id]/route.ts",
      "POST app/api/v1/admin/clusters/[id]/namespaces/route.ts",
      "POST app/api/v1/admin/namespaces/route.ts",
    ]);
    for (const { file, method } of routes) {
      const permission = endpointMetaOf((await load(file))[method])?.permission;
      expect(permission, file).toBe(
        file.includes("approval-policies") ? "policy.manage" : "namespace.manage",
      );
      expect(rolesWithout(permission ?? "user.manage")).toEqual(["approver", "user"]);
    }
  });
});

describe("the systems and services endpoints (issue 13) are in the matrix", () => {
  it("finds each route with its permission: reads and creates for everyone, edits for admins", async () => {
    const expected: Record<string, string> = {
      "GET app/api/v1/systems/route.ts": "system.read",
      "POST app/api/v1/systems/route.ts": "system.create",
      "GET app/api/v1/systems/[id]/route.ts": "system.read",
      "PATCH app/api/v1/systems/[id]/route.ts": "system.manage",
      "DELETE app/api/v1/systems/[id]/route.ts": "system.manage",
      "GET app/api/v1/systems/[id]/services/route.ts": "system.read",
      "POST app/api/v1/systems/[id]/services/route.ts": "system.create",
      "GET app/api/v1/systems/[id]/services/[serviceId]/route.ts": "system.read",
      "PATCH app/api/v1/systems/[id]/services/[serviceId]/route.ts": "system.manage",
      "DELETE app/api/v1/systems/[id]/services/[serviceId]/route.ts": "system.manage",
      "GET app/api/v1/admin/settings/self-service-systems/route.ts": "settings.manage",
      "PUT app/api/v1/admin/settings/self-service-systems/route.ts": "settings.manage",
    };
    const found = scan.routes
      .filter((r) => r.file.startsWith("app/api/v1/systems/") || r.file.includes("/admin/settings/"))
      .map((r) => `${r.method} ${r.file}`);
    expect(found.sort()).toEqual(Object.keys(expected).sort());
    for (const [key, permission] of Object.entries(expected)) {
      const [method = "", file = ""] = key.split(" ");
      expect(endpointMetaOf((await load(file))[method]), key).toEqual({ kind: "route", permission });
    }
  });

  it("refuses a user's create on the server while self-service is off (403 SELF_SERVICE_DISABLED), changing nothing", async () => {
    const before = await tableChecksums(h.prisma);
    const post = (await load("app/api/v1/systems/route.ts")).POST as (
      r: Request,
      s: { params: Promise<unknown> },
    ) => Promise<Response>;
    const res = await post(
      new Request(`${TEST_ORIGIN}/x`, {
        method: "POST",
        headers: { origin: TEST_ORIGIN, "content-type": "application/json", cookie: cookies.user },
        body: JSON.stringify({ name: "matrix-sys" }),
      }),
      { params: Promise.resolve({}) },
    );
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: "SELF_SERVICE_DISABLED" });
    expect(await tableChecksums(h.prisma)).toEqual(before);
  });
});

describe("the VM operation endpoints (issue 12) are in the matrix", () => {
  it("finds one POST route per verb, the VM detail, tasks, My requests and cancelling a request", async () => {
    const { VM_ACTIONS } = await import("@/lib/vms/vm-actions");
    const routes = scan.routes.map((r) => `${r.method} ${r.file}`);
    for (const verb of VM_ACTIONS) expect(routes).toContain(`POST app/api/v1/vms/[id]/${verb}/route.ts`);
    expect(routes).toEqual(
      expect.arrayContaining([
        "GET app/api/v1/vms/[id]/route.ts",
        "GET app/api/v1/tasks/[id]/route.ts",
        "GET app/api/v1/requests/route.ts",
        "POST app/api/v1/approvals/[id]/cancel/route.ts",
      ]),
    );
    for (const verb of VM_ACTIONS) {
      const meta = endpointMetaOf((await load(`app/api/v1/vms/[id]/${verb}/route.ts`)).POST);
      expect(meta, verb).toEqual({ kind: "route", permission: "vm.operate" });
    }
    expect(endpointMetaOf((await load("app/api/v1/approvals/[id]/cancel/route.ts")).POST)).toEqual({
      kind: "route",
      permission: "ticket.request",
    });
  });

  it("finds the VM pages' server actions, each declaring its permission", async () => {
    const file = "app/[locale]/vms/actions.ts";
    const names = scan.actions.filter((a) => a.file === file).map((a) => a.name);
    expect(names.sort()).toEqual(
      ["cancelRequestAction", "getTaskAction", "getVmDetailAction", "requestVmActionAction"].sort(),
    );
    const mod = await load(file);
    expect(endpointMetaOf(mod.requestVmActionAction)?.permission).toBe("vm.operate");
    expect(endpointMetaOf(mod.cancelRequestAction)?.permission).toBe("ticket.request");
  });
});

describe("server actions refuse, and change nothing", () => {
  async function call(file: string, name: string, cookie?: string): Promise<unknown> {
    request.headers = new Headers(cookie ? { cookie } : {});
    const action = (await load(file))[name] as (input: unknown) => Promise<unknown>;
    // A plausible input, so a refusal cannot be a validation failure in disguise.
    return action({ userId: "x", role: "admin", serviceIds: [], email: "e@example.test", username: "abc" });
  }

  it.each(scan.actions.map((a) => [`${a.name} in ${a.file}`, a] as const))(
    "%s",
    async (_, { file, name }) => {
      const permission = endpointMetaOf((await load(file))[name])?.permission;
      expect(permission).toBeDefined();
      const before = await tableChecksums(h.prisma);

      expect(await call(file, name)).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
      for (const role of rolesWithout(permission ?? "user.manage")) {
        expect(await call(file, name, cookies[role]), role).toMatchObject({ ok: false, code: "FORBIDDEN" });
      }
      expect(await tableChecksums(h.prisma)).toEqual(before);
    },
  );

  it("recognises a permitted caller (the refusals above are not vacuous)", async () => {
    request.headers = new Headers({ cookie: cookies.admin });
    const { setUserRoleAction } = await load("app/[locale]/admin/users/actions.ts");
    const result = await (setUserRoleAction as (i: unknown) => Promise<unknown>)({
      userId: "",
      role: "boss",
    });
    expect(result).toMatchObject({ ok: false, code: "VALIDATION_FAILED" });
  });
});
