// The namespace registry end to end (issue 13) through the real route handlers (session cookie, zod,
// defineRoute) on a real PostgreSQL, and "create on cluster" through the real provider against kubesim over
// HTTPS: created once, a second call answers "already exists" without a second create, an unregistered name
// sends nothing, a read-only credential is NAMESPACE_PERMISSION_DENIED and recorded as a failure.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type KubeSim, startKubeSim } from "@/kubesim/simulator";
import type {
  NamespaceOnClusterView,
  NamespacePageView,
  NamespaceView,
} from "@/lib/namespaces/namespace-views";
import {
  type AuthHarness,
  startAuthHarness,
  TEST_ORIGIN,
  tableChecksums,
} from "../auth/testing/auth-harness";
import { CacheService } from "../cache/cache-service";
import { KubeClient } from "../k8s/kube-client";
import { validateKubeconfig } from "../k8s/kubeconfig";
import { governanceLabels, vmObject } from "../testing/vm-object";

type Handler = (r: Request, s: { params: Promise<unknown> }) => Promise<Response>;
type RouteModule = Record<string, Handler>;

let h: AuthHarness;
let east: KubeSim;
let readOnly: KubeSim;
let adminCookie = "";
const clusters = { east: "", ro: "" };
let routes: Record<"list" | "one" | "onCluster" | "clusters", RouteModule>;

async function call<T = unknown>(
  route: RouteModule,
  method: string,
  opts: { body?: unknown; params?: Record<string, string>; query?: string } = {},
): Promise<{ status: number; body: T }> {
  const handler = route[method];
  if (!handler) throw new Error(`no ${method} handler`);
  const headers: Record<string, string> = { origin: TEST_ORIGIN, cookie: adminCookie };
  if (opts.body !== undefined) headers["content-type"] = "application/json";
  const res = await handler(
    new Request(`${TEST_ORIGIN}/api/v1/admin/x${opts.query ? `?${opts.query}` : ""}`, {
      method,
      headers,
      ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
    }),
    { params: Promise.resolve(opts.params ?? {}) },
  );
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

const register = (body: unknown) => call<NamespaceView>(routes.list, "POST", { body });
const patch = (id: string, body: unknown) =>
  call<NamespaceView>(routes.one, "PATCH", { params: { id }, body });
const onCluster = (clusterId: string, name: string) =>
  call<NamespaceOnClusterView>(routes.onCluster, "POST", { params: { id: clusterId }, body: { name } });

/** Runs `fn` and checks that no table changed. */
async function unchanged<T>(fn: () => Promise<T>): Promise<T> {
  const before = await tableChecksums(h.prisma);
  const result = await fn();
  expect(await tableChecksums(h.prisma)).toEqual(before);
  return result;
}

/** The API requests kubesim `sim` received after `since`. */
async function requestsSince(sim: KubeSim, since: number) {
  return (await sim.client.requests(since)).requests.map((r) => `${r.method} ${r.path}`);
}
const lastSeq = async (sim: KubeSim) => (await sim.client.requests()).last_seq;

const audits = (action: string) =>
  h.prisma.auditLog.findMany({ where: { action }, orderBy: { createdAt: "asc" } });

beforeAll(async () => {
  h = await startAuthHarness({ SHEPHERD_ENCRYPTION_KEY: randomBytes(32).toString("hex") });
  adminCookie = await h.sessionCookie("ns_admin", "admin");
  routes = {
    list: await import("@/app/api/v1/admin/namespaces/route"),
    one: await import("@/app/api/v1/admin/namespaces/[id]/route"),
    onCluster: await import("@/app/api/v1/admin/clusters/[id]/namespaces/route"),
    clusters: await import("@/app/api/v1/admin/clusters/route"),
  } as unknown as typeof routes; // route modules export handlers typed by defineRoute
  [east, readOnly] = await Promise.all([
    startKubeSim({ name: "east", profile: "empty", stepDelayMs: 0, https: true }),
    startKubeSim({ name: "ro", profile: "empty", stepDelayMs: 0, https: true }),
  ]);
  const add = async (name: string, kubeconfig: string) => {
    const res = await call<{ id: string }>(routes.clusters, "POST", {
      body: { name, kubeconfig: Buffer.from(kubeconfig).toString("base64") },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id;
  };
  clusters.east = await add("east", east.kubeconfigYaml);
  // Shepherd holding a read-only credential: reads work, writes are 403 as RBAC would answer.
  clusters.ro = await add("ro", readOnly.readOnlyKubeconfigYaml);
});

afterAll(async () => {
  await Promise.all([east?.stop(), readOnly?.stop()]);
  await h?.close();
});

describe("registering namespaces", () => {
  it("registers a namespace with its environment and description, audited namespace.register", async () => {
    const res = await register({ name: "shop-test", environment: "test", description: "Shop, test" });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: "shop-test",
      environment: "test",
      description: "Shop, test",
      enabled: true,
      clusters: [],
    });
    const [audit] = await audits("namespace.register");
    expect(audit).toMatchObject({
      resourceType: "namespace",
      resourceId: res.body.id,
      resourceName: "shop-test",
      outcome: "success",
      environment: "test",
    });
    expect((await register({ name: "shop-prod", environment: "prod" })).status).toBe(201);
  });

  it.each([
    ["too long (16)", "abcdefghijklmnop"],
    ["double hyphen", "shop--test"],
    ["upper case", "Shop"],
    ["leading digit", "1shop"],
    ["trailing hyphen", "shop-"],
  ])("refuses a name against the SPEC §3 rule (%s) and writes nothing", async (_, name) => {
    const res = await unchanged(() => register({ name, environment: "test" }));
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: "NAMESPACE_NAME_INVALID", params: { namespace: name } });
  });

  it("accepts a 15-character name", async () => {
    expect((await register({ name: "abcdefghijklmno", environment: "test" })).status).toBe(201);
  });

  it("refuses a taken name (409) and an unknown environment (400), writing nothing", async () => {
    const taken = await unchanged(() => register({ name: "shop-test", environment: "prod" }));
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ code: "NAMESPACE_NAME_TAKEN", params: { namespace: "shop-test" } });
    const bad = await unchanged(() => register({ name: "other", environment: "staging" }));
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: "VALIDATION_FAILED" });
  });

  it("lists the registry paged and sorted, filtered by environment", async () => {
    const all = await call<NamespacePageView>(routes.list, "GET", { query: "per_page=2" });
    expect(all.status).toBe(200);
    expect(all.body.items.map((n) => n.name)).toEqual(["abcdefghijklmno", "shop-prod"]);
    expect(all.body.pagination).toMatchObject({ total_items: 3, total_pages: 2, has_next: true });
    const prod = await call<NamespacePageView>(routes.list, "GET", { query: "environment=prod" });
    expect(prod.body.items.map((n) => n.name)).toEqual(["shop-prod"]);
  });
});

describe("editing namespaces", () => {
  const idOf = async (name: string) =>
    (await h.prisma.namespaceRegistry.findUniqueOrThrow({ where: { name } })).id;

  it("changes environment, description and enabled, audited with before and after", async () => {
    const id = await idOf("abcdefghijklmno");
    const res = await patch(id, { environment: "prod", description: "x", enabled: false });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ environment: "prod", description: "x", enabled: false });
    const [audit] = await audits("namespace.update");
    expect(audit?.details).toEqual({
      before: { environment: "test", description: null, enabled: true },
      after: { environment: "prod", description: "x", enabled: false },
    });
  });

  it("writes nothing for a request that changes nothing, nor for the unchanged name", async () => {
    const id = await idOf("abcdefghijklmno");
    const res = await unchanged(() => patch(id, { name: "abcdefghijklmno", environment: "prod" }));
    expect(res.status).toBe(200);
  });

  it("refuses a rename (NAMESPACE_NAME_IMMUTABLE) and an unknown id (404), writing nothing", async () => {
    const id = await idOf("shop-test");
    const rename = await unchanged(() => patch(id, { name: "shop-qa" }));
    expect(rename.status).toBe(400);
    expect(rename.body).toMatchObject({
      code: "NAMESPACE_NAME_IMMUTABLE",
      params: { namespace: "shop-test" },
    });
    const missing = await unchanged(() => patch("no-such-id", { enabled: false }));
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ code: "NAMESPACE_NOT_FOUND" });
    const get = await call(routes.one, "GET", { params: { id: "no-such-id" } });
    expect(get.status).toBe(404);
  });

  it("the database refuses a rename too (namespace_registry_guard)", async () => {
    const id = await idOf("shop-test");
    await expect(
      h.prisma.$executeRaw`UPDATE namespace_registry SET name = 'shop-qa' WHERE id = ${id}`,
    ).rejects.toThrow(/namespace_registry\.name is immutable/);
    await expect(
      h.prisma.$executeRaw`UPDATE namespace_registry SET name = 'Bad--Name' WHERE id = ${id}`,
    ).rejects.toThrow();
    expect((await h.prisma.namespaceRegistry.findUniqueOrThrow({ where: { id } })).name).toBe("shop-test");
  });
});

describe("creating a registered namespace on a cluster", () => {
  it("creates it through the provider with the JIT labels, 201, audited namespace.create success", async () => {
    const since = await lastSeq(east);
    const res = await onCluster(clusters.east, "shop-test");
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ namespace: "shop-test", cluster_id: clusters.east, created: true });
    expect(await requestsSince(east, since)).toEqual([
      "GET /api/v1/namespaces/shop-test",
      "POST /api/v1/namespaces",
    ]);
    const client = new KubeClient(validateKubeconfig(east.kubeconfigYaml));
    const ns = await client.request<{ metadata: { labels: Record<string, string> } }>({
      method: "GET",
      path: "/api/v1/namespaces/shop-test",
    });
    expect(ns.metadata.labels).toMatchObject({
      "shepherd.io/environment": "test",
      "shepherd.io/managed-by": "shepherd",
    });
    const [audit] = await audits("namespace.create");
    expect(audit).toMatchObject({ outcome: "success", resourceName: "shop-test", environment: "test" });
    expect(audit?.details).toMatchObject({ cluster_id: clusters.east, created: true });
  });

  it("again: a success with NAMESPACE_ALREADY_EXISTS, and no second create is sent", async () => {
    const since = await lastSeq(east);
    const res = await onCluster(clusters.east, "shop-test");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      namespace: "shop-test",
      cluster_id: clusters.east,
      created: false,
      code: "NAMESPACE_ALREADY_EXISTS",
    });
    expect(await requestsSince(east, since)).toEqual(["GET /api/v1/namespaces/shop-test"]);
    expect((await audits("namespace.create")).map((a) => a.outcome)).toEqual(["success", "success"]);
  });

  it("refuses an unregistered name and an unknown cluster: nothing sent, nothing written", async () => {
    const since = await lastSeq(east);
    const res = await unchanged(() => onCluster(clusters.east, "not-registered"));
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      code: "NAMESPACE_NOT_REGISTERED",
      params: { namespace: "not-registered" },
    });
    const unknown = await unchanged(() => onCluster("no-such-cluster", "shop-test"));
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: "CLUSTER_NOT_FOUND" });
    expect(await requestsSince(east, since)).toEqual([]);
  });

  it("a cluster that forbids the create: 403 NAMESPACE_PERMISSION_DENIED, recorded as a failure", async () => {
    const res = await onCluster(clusters.ro, "shop-prod");
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({
      code: "NAMESPACE_PERMISSION_DENIED",
      params: { namespace: "shop-prod", cluster: clusters.ro },
    });
    const failure = (await audits("namespace.create")).at(-1);
    expect(failure).toMatchObject({ outcome: "failure", resourceName: "shop-prod", environment: "prod" });
    expect(failure?.details).toMatchObject({
      cluster_id: clusters.ro,
      error_code: "NAMESPACE_PERMISSION_DENIED",
    });
  });

  it("shows where each namespace is: created by Shepherd, or holding cached VMs", async () => {
    const cache = new CacheService({ prisma: h.prisma, staleAfterMs: 120_000 });
    await cache
      .sink(clusters.ro, "VirtualMachine")
      .replace(
        [
          vmObject("web-01", "shop-prod", governanceLabels("shop", "web")),
          vmObject("web-02", "shop-prod", governanceLabels("shop", "web")),
        ],
        "5",
      );
    const page = await call<NamespacePageView>(routes.list, "GET");
    const byName = Object.fromEntries(page.body.items.map((n) => [n.name, n.clusters]));
    expect(byName["shop-test"]).toEqual([
      { cluster_id: clusters.east, cluster_name: "east", vm_count: 0, created_by_shepherd: true },
    ]);
    // The failed create is not presence; the cached VMs are.
    expect(byName["shop-prod"]).toEqual([
      { cluster_id: clusters.ro, cluster_name: "ro", vm_count: 2, created_by_shepherd: false },
    ]);
    expect(byName.abcdefghijklmno).toEqual([]);
  });
});
