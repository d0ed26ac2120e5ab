// The admin cluster API end to end: the real route handlers with real sessions (better-auth), a fresh
// PostgreSQL and kubesim clusters over HTTPS. Every refusal is a translated code and leaves every table as it
// was; no response, audit record, history row or log line carries a token.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { BUILTIN_PROFILES } from "@/kubesim/profile";
import { type KubeSim, startKubeSim } from "@/kubesim/simulator";
import type { ClusterDetailView, ClusterSummaryView, ConnectionTestView } from "@/lib/clusters/cluster-views";
import {
  type AuthHarness,
  startAuthHarness,
  TEST_ORIGIN,
  tableChecksums,
} from "../auth/testing/auth-harness";
import { captureOutput } from "../testing/output-capture";
import { HEALTH_HISTORY_LIMIT } from "./persist-check-result";

const output = captureOutput();
/** The pino lines logged since the test began, parsed. */
const logLines = () =>
  output.chunks
    .join("")
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Record<string, unknown>);

type Handler = (request: Request, segment: { params: Promise<unknown> }) => Promise<Response>;
type RouteModule = Record<string, Handler>;

let h: AuthHarness;
let adminCookie: string;
let routes: Record<"list" | "testConnection" | "one" | "credentials" | "declared" | "check", RouteModule>;
let healthy: KubeSim;
let rotating: KubeSim;
let noKubevirt: KubeSim;
let unreachableKubeconfig: string;
const secrets: string[] = [];

const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");

beforeAll(async () => {
  h = await startAuthHarness({
    SHEPHERD_ENCRYPTION_KEY: randomBytes(32).toString("hex"),
    LOG_LEVEL: "info",
    LOG_PRETTY: "false",
  });
  adminCookie = await h.sessionCookie("clusteradmin", "admin");
  routes = {
    list: await import("@/app/api/v1/admin/clusters/route"),
    testConnection: await import("@/app/api/v1/admin/clusters/test-connection/route"),
    one: await import("@/app/api/v1/admin/clusters/[id]/route"),
    credentials: await import("@/app/api/v1/admin/clusters/[id]/credentials/route"),
    declared: await import("@/app/api/v1/admin/clusters/[id]/declared-capabilities/route"),
    check: await import("@/app/api/v1/admin/clusters/[id]/check/route"),
  } as unknown as typeof routes; // route modules export handlers typed by defineRoute
  const v17 = { ...BUILTIN_PROFILES["v1.7"], vms: { count: 0 } };
  let gone: KubeSim;
  [healthy, rotating, noKubevirt, gone] = await Promise.all([
    startKubeSim({ name: "east", profile: v17, stepDelayMs: 0, https: true }),
    startKubeSim({ name: "rot", profile: v17, stepDelayMs: 0, https: true }),
    startKubeSim({ name: "bare", profile: "no-kubevirt", stepDelayMs: 0, https: true }),
    startKubeSim({ name: "gone", profile: "empty", stepDelayMs: 0 }),
  ]);
  unreachableKubeconfig = gone.kubeconfigYaml;
  await gone.stop(); // its port now refuses connections
  for (const sim of [healthy, rotating, noKubevirt, gone])
    secrets.push(String(sim.adminToken), String(sim.readOnlyToken));
  // Instance sizes to fit: one anyone takes, one needing a GPU, one needing SR-IOV.
  await h.prisma.instanceSize.createMany({
    data: [
      { name: "small", cpuCores: 2, memory: "4Gi", memoryMb: 4096, sortOrder: 1 },
      {
        name: "gpu-large",
        cpuCores: 8,
        memory: "32Gi",
        memoryMb: 32768,
        requiresGpu: true,
        gpuDevices: [{ name: "gpu1", deviceName: "nvidia.com/gpu" }],
        sortOrder: 2,
      },
      { name: "sriov-net", cpuCores: 4, memory: "8Gi", memoryMb: 8192, requiresSriov: true, sortOrder: 3 },
      { name: "retired", cpuCores: 1, memory: "1Gi", memoryMb: 1024, enabled: false },
    ],
  });
});

afterAll(async () => {
  output.restore();
  await Promise.all([healthy?.stop(), rotating?.stop(), noKubevirt?.stop()]);
  await h?.close();
  const logged = output.chunks.join("");
  for (const secret of secrets) expect(logged).not.toContain(secret);
});

interface CallOptions {
  body?: unknown;
  rawBody?: string;
  id?: string;
  query?: string;
  cookie?: string;
}

async function call(route: RouteModule, method: string, opts: CallOptions = {}) {
  const handler = route[method];
  if (!handler) throw new Error(`no ${method} handler`);
  const headers: Record<string, string> = { origin: TEST_ORIGIN, cookie: opts.cookie ?? adminCookie };
  const body = opts.rawBody ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
  if (body !== undefined) headers["content-type"] = "application/json";
  const response = await handler(
    new Request(`${TEST_ORIGIN}/api/v1/admin/clusters${opts.query ? `?${opts.query}` : ""}`, {
      method,
      headers,
      ...(body !== undefined ? { body } : {}),
    }),
    { params: Promise.resolve(opts.id ? { id: opts.id } : {}) },
  );
  const text = await response.text();
  for (const secret of secrets) expect(text).not.toContain(secret);
  return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : undefined };
}

async function register(name: string, kubeconfig: string, extra: Record<string, unknown> = {}) {
  return call(routes.list, "POST", { body: { name, kubeconfig: b64(kubeconfig), ...extra } });
}

async function registered(name: string, kubeconfig: string): Promise<ClusterSummaryView> {
  const res = await register(name, kubeconfig);
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json as ClusterSummaryView;
}

const detail = async (id: string) => (await call(routes.one, "GET", { id })).json as ClusterDetailView;
const audits = (resourceId: string, action?: string) =>
  h.prisma.auditLog.findMany({
    where: { resourceId, ...(action ? { action } : {}) },
    orderBy: { createdAt: "asc" },
  });

/** Runs a refused request and proves no table changed. */
async function refusedWithoutChange(run: () => Promise<{ status: number; json: unknown }>) {
  const before = await tableChecksums(h.prisma);
  const res = await run();
  expect(await tableChecksums(h.prisma)).toEqual(before);
  return res;
}

describe("POST /api/v1/admin/clusters (register)", () => {
  it("registers a reachable cluster: 201, Location, HEALTHY, the test as first check, audited without the secret", async () => {
    const res = await register("east", healthy.kubeconfigYaml, { display_name: "East", environment: "prod" });
    expect(res.status).toBe(201);
    const view = res.json as ClusterSummaryView;
    expect(res.headers.get("location")).toBe(`/api/v1/admin/clusters/${view.id}`);
    expect(view).toMatchObject({
      name: "east",
      display_name: "East",
      environment: "prod",
      enabled: true,
      api_server_url: healthy.url,
      status: "HEALTHY",
      status_reason: null,
      kubevirt_version: "v1.7.0",
      version_known: true,
      watcher_state: "not_started",
      cache_status: "STALE",
      governed_vm_count: 0,
      cached_vm_count: 0,
    });
    const history = await h.prisma.clusterHealthCheck.findMany({ where: { clusterId: view.id } });
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ status: "HEALTHY", trigger: "manual", kubevirtVersion: "v1.7.0" });
    const [audit] = await audits(view.id, "cluster.register");
    expect(audit).toMatchObject({ actorName: "clusteradmin", resourceName: "east", environment: "prod" });
    for (const secret of secrets) expect(JSON.stringify(audit?.details)).not.toContain(secret);
  });

  it("refuses a duplicate name with UNIQUE_VIOLATION and changes nothing", async () => {
    const res = await refusedWithoutChange(() => register("east", healthy.kubeconfigYaml));
    expect(res.status).toBe(409);
    expect(res.json).toMatchObject({ code: "UNIQUE_VIOLATION", params: { fields: ["name"] } });
    // Before the connection test: an unreachable kubeconfig under a taken name is a 409, not a 422.
    const untested = await refusedWithoutChange(() => register("east", unreachableKubeconfig));
    expect(untested.json).toMatchObject({ code: "UNIQUE_VIOLATION" });
  });

  it.each([
    [
      "a kubeconfig that is not base64",
      { kubeconfig: "not base64 at all!" },
      "KUBECONFIG_INVALID",
      "not_base64",
    ],
    ["a kubeconfig that is not YAML", { kubeconfig: b64(":: [ nope") }, "KUBECONFIG_INVALID", "unparseable"],
    [
      "a kubeconfig over 1 MiB",
      { kubeconfig: b64(`# ${"x".repeat(1024 * 1024)}\n`) },
      "KUBECONFIG_INVALID",
      "too_large",
    ],
  ])("refuses %s with a clear code and changes nothing", async (_what, override, code, reason) => {
    const res = await refusedWithoutChange(() =>
      call(routes.list, "POST", { body: { name: "bad-one", ...override } }),
    );
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ code, params: { reason } });
  });

  it("refuses a name that is not a DNS label with a field error, before testing anything", async () => {
    const res = await refusedWithoutChange(() => register("Not_A_Label", healthy.kubeconfigYaml));
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ code: "VALIDATION_FAILED", field_errors: [{ field: "name" }] });
  });

  it("refuses an unreachable cluster (422, nothing saved), and registers it as UNREACHABLE when allowed", async () => {
    const refused = await refusedWithoutChange(() => register("far", unreachableKubeconfig));
    expect(refused.status).toBe(422);
    expect(refused.json).toMatchObject({
      code: "CLUSTER_CONNECTION_FAILED",
      params: { reason_code: "API_UNREACHABLE" },
    });

    const allowed = await register("far", unreachableKubeconfig, { allow_unreachable: true });
    expect(allowed.status).toBe(201);
    expect(allowed.json).toMatchObject({ name: "far", status: "UNREACHABLE", kubevirt_version: null });
    expect((allowed.json as ClusterSummaryView).status_reason?.code).toBe("API_UNREACHABLE");
  });

  it("saves a cluster without KubeVirt as UNHEALTHY, with the reason", async () => {
    const view = await registered("bare", noKubevirt.kubeconfigYaml);
    expect(view).toMatchObject({
      status: "UNHEALTHY",
      status_reason: { code: "KUBEVIRT_NOT_INSTALLED" },
    });
  });
});

describe("POST /api/v1/admin/clusters/test-connection", () => {
  it("checks a kubeconfig without saving anything", async () => {
    const res = await refusedWithoutChange(() =>
      call(routes.testConnection, "POST", { body: { kubeconfig: b64(healthy.kubeconfigYaml) } }),
    );
    expect(res.status).toBe(200);
    const view = res.json as ConnectionTestView;
    expect(view).toMatchObject({
      status: "HEALTHY",
      reason: null,
      api_server_url: healthy.url,
      kubevirt_version: "v1.7.0",
    });
    expect(view.enabled_features).toEqual(expect.arrayContaining(["Snapshot", "GPU", "LiveMigration"]));
  });

  it("reports an unreachable server as a result, and a bad kubeconfig as a 400", async () => {
    const far = await call(routes.testConnection, "POST", {
      body: { kubeconfig: b64(unreachableKubeconfig) },
    });
    expect(far.status).toBe(200);
    expect(far.json).toMatchObject({ status: "UNREACHABLE", reason: { code: "API_UNREACHABLE" } });
    const bad = await call(routes.testConnection, "POST", { body: { kubeconfig: b64("kind: Pod") } });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ code: "KUBECONFIG_INVALID" });
  });
});

describe("GET /api/v1/admin/clusters and /{id}", () => {
  it("lists by name by default, pages, and sorts by status", async () => {
    const all = await call(routes.list, "GET");
    expect(all.status).toBe(200);
    expect(all.json.items.map((c: ClusterSummaryView) => c.name)).toEqual(["bare", "east", "far"]);
    expect(all.json.pagination).toEqual({
      page: 1,
      per_page: 20,
      total_items: 3,
      total_pages: 1,
      has_next: false,
      has_prev: false,
    });
    const page2 = await call(routes.list, "GET", { query: "per_page=2&page=2" });
    expect(page2.json.items.map((c: ClusterSummaryView) => c.name)).toEqual(["far"]);
    expect(page2.json.pagination).toMatchObject({ total_pages: 2, has_next: false, has_prev: true });
    const byStatus = await call(routes.list, "GET", { query: "sort_by=status&sort_order=desc" });
    expect(byStatus.json.items.map((c: ClusterSummaryView) => c.status)).toEqual([
      "UNREACHABLE",
      "UNHEALTHY",
      "HEALTHY",
    ]);
    const bad = await call(routes.list, "GET", { query: "sort_by=password" });
    expect(bad.status).toBe(400);
  });

  it("details features, hardware, storage, history and instance-size fits", async () => {
    const east = await h.prisma.cluster.findUniqueOrThrow({ where: { name: "east" } });
    const view = await detail(east.id);
    expect(view.features).toEqual(
      expect.arrayContaining([
        { name: "Snapshot", enabled: true, source: "detected", detail: null },
        { name: "GPU", enabled: true, source: "detected", detail: null },
      ]),
    );
    expect(view.gpu_devices).toEqual([{ resource_name: "nvidia.com/gpu", total: 2, nodes: ["node-b"] }]);
    expect(view.storage_classes).toEqual(["ceph-rbd", "standard"]);
    expect(view.default_storage_class).toBe("standard");
    expect(view.apis.snapshot).toEqual(expect.arrayContaining(["v1beta1"]));
    expect(view.capabilities_detected_at).not.toBeNull();
    expect(view.health_history).toHaveLength(1);
    expect(view.health_history[0]).toMatchObject({ status: "HEALTHY", trigger: "manual" });
    expect(view.declared).toEqual({ capabilities: [], note: null, updated_by: null, updated_at: null });
    expect(view.instance_sizes).toEqual([
      { instance_size: "small", compatible: true, missing: [] },
      { instance_size: "gpu-large", compatible: true, missing: [] },
      { instance_size: "sriov-net", compatible: false, missing: ["sriov"] },
    ]);
  });

  it("answers 404 CLUSTER_NOT_FOUND for an unknown id", async () => {
    const res = await call(routes.one, "GET", { id: "no-such-cluster" });
    expect(res.status).toBe(404);
    expect(res.json).toMatchObject({ code: "CLUSTER_NOT_FOUND" });
  });
});

describe("PATCH /api/v1/admin/clusters/{id}", () => {
  it("disables and re-enables, auditing before and after of what changed; a no-op writes nothing", async () => {
    const { id } = await h.prisma.cluster.findUniqueOrThrow({ where: { name: "east" } });
    const off = await call(routes.one, "PATCH", { id, body: { enabled: false, display_name: "East" } });
    expect(off.status).toBe(200);
    expect(off.json).toMatchObject({ id, enabled: false, display_name: "East" });
    const [update] = await audits(id, "cluster.update");
    expect(update?.details).toEqual({ before: { enabled: true }, after: { enabled: false } });

    const none = await refusedWithoutChange(() =>
      call(routes.one, "PATCH", { id, body: { enabled: false } }),
    );
    expect(none.status).toBe(200);

    await call(routes.one, "PATCH", { id, body: { enabled: true } });
    expect((await audits(id, "cluster.update")).map((a) => a.details)).toEqual([
      { before: { enabled: true }, after: { enabled: false } },
      { before: { enabled: false }, after: { enabled: true } },
    ]);
  });

  it("edits the display name and environment; null clears the display name; the audit has the new environment", async () => {
    const view = await registered("patchy", healthy.kubeconfigYaml);
    const res = await call(routes.one, "PATCH", {
      id: view.id,
      body: { display_name: "Patchy", environment: "prod" },
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ display_name: "Patchy", environment: "prod" });
    const cleared = await call(routes.one, "PATCH", { id: view.id, body: { display_name: null } });
    expect(cleared.status).toBe(200);
    expect(cleared.json).toMatchObject({ name: "patchy", display_name: "patchy" }); // falls back to the name
    const updates = await audits(view.id, "cluster.update");
    expect(updates.map((a) => [a.environment, a.details])).toEqual([
      [
        "prod",
        {
          before: { display_name: null, environment: "test" },
          after: { display_name: "Patchy", environment: "prod" },
        },
      ],
      ["prod", { before: { display_name: "Patchy" }, after: { display_name: null } }],
    ]);
    const blank = await refusedWithoutChange(() =>
      call(routes.one, "PATCH", { id: view.id, body: { display_name: "   " } }),
    );
    expect(blank.status).toBe(400);
  });

  it("refuses a bad body and an unknown id, changing nothing", async () => {
    const { id } = await h.prisma.cluster.findUniqueOrThrow({ where: { name: "east" } });
    const bad = await refusedWithoutChange(() =>
      call(routes.one, "PATCH", { id, body: { environment: "staging" } }),
    );
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ code: "VALIDATION_FAILED", field_errors: [{ field: "environment" }] });
    const unknownField = await refusedWithoutChange(() =>
      call(routes.one, "PATCH", { id, body: { kubeconfig: "x" } }),
    );
    expect(unknownField.status).toBe(400);
    const missing = await refusedWithoutChange(() =>
      call(routes.one, "PATCH", { id: "nope", body: { enabled: false } }),
    );
    expect(missing.status).toBe(404);
    expect(missing.json).toMatchObject({ code: "CLUSTER_NOT_FOUND" });
  });
});

describe("PUT /api/v1/admin/clusters/{id}/declared-capabilities", () => {
  it("stores canonical tokens apart from detection; they count for instance-size fits", async () => {
    const { id } = await h.prisma.cluster.findUniqueOrThrow({ where: { name: "east" } });
    const res = await call(routes.declared, "PUT", {
      id,
      body: { capabilities: ["SRIOV", "hugepages:1gi", "sriov"], note: "SR-IOV NICs on rack 4" },
    });
    expect(res.status).toBe(200);
    const view = res.json as ClusterDetailView;
    expect(view.declared).toMatchObject({
      capabilities: ["hugepages:1Gi", "sriov"],
      note: "SR-IOV NICs on rack 4",
      updated_by: "clusteradmin",
    });
    expect(view.instance_sizes.find((s) => s.instance_size === "sriov-net")).toEqual({
      instance_size: "sriov-net",
      compatible: true,
      missing: [],
    });
    const [audit] = (await audits(id, "cluster.update")).slice(-1);
    expect(audit?.details).toEqual({
      before: { declared_capabilities: [], note: null },
      after: { declared_capabilities: ["hugepages:1Gi", "sriov"], note: "SR-IOV NICs on rack 4" },
    });

    // Detection never overwrites them.
    await call(routes.check, "POST", { id });
    expect((await detail(id)).declared.capabilities).toEqual(["hugepages:1Gi", "sriov"]);
  });

  it("refuses an unknown token with a field error for it and changes nothing", async () => {
    const { id } = await h.prisma.cluster.findUniqueOrThrow({ where: { name: "east" } });
    const res = await refusedWithoutChange(() =>
      call(routes.declared, "PUT", { id, body: { capabilities: ["gpu", "warp-drive"] } }),
    );
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({
      code: "CAPABILITY_UNKNOWN",
      params: { token: "warp-drive" },
      field_errors: [{ field: "capabilities.1", code: "CAPABILITY_UNKNOWN" }],
    });
  });
});

describe("PUT /api/v1/admin/clusters/{id}/declared-capabilities (more)", () => {
  it.each(["Snapshot", "LiveMigration"])(
    "refuses the feature gate %s: only hardware is declared, gates are detected",
    async (gate) => {
      const { id } = await h.prisma.cluster.findUniqueOrThrow({ where: { name: "east" } });
      const res = await refusedWithoutChange(() =>
        call(routes.declared, "PUT", { id, body: { capabilities: ["sriov", gate] } }),
      );
      expect(res.status).toBe(400);
      expect(res.json).toMatchObject({
        code: "CAPABILITY_UNKNOWN",
        params: { token: gate },
        field_errors: [{ field: "capabilities.1", code: "CAPABILITY_UNKNOWN" }],
      });
    },
  );

  it("writes nothing for a PUT that changes nothing (same tokens in another spelling and order)", async () => {
    const { id } = await h.prisma.cluster.findUniqueOrThrow({ where: { name: "east" } });
    const body = { capabilities: ["sriov", "hugepages:1gi"], note: "SR-IOV NICs on rack 4" };
    const res = await refusedWithoutChange(() => call(routes.declared, "PUT", { id, body }));
    expect(res.status).toBe(200);
    expect((res.json as ClusterDetailView).declared.capabilities).toEqual(["hugepages:1Gi", "sriov"]);
  });

  it("refuses a body with a field it does not know", async () => {
    const { id } = await h.prisma.cluster.findUniqueOrThrow({ where: { name: "east" } });
    const res = await refusedWithoutChange(() =>
      call(routes.declared, "PUT", { id, body: { capabilities: [], gates: ["Snapshot"] } }),
    );
    expect(res.status).toBe(400);
  });
});

describe("POST /api/v1/admin/clusters/{id}/check (check now)", () => {
  it("picks up a KubeVirt version and gate switch at once, revalidates sizes and audits the drift", async () => {
    const view = await registered("rot-check", rotating.kubeconfigYaml);
    await rotating.client.setKubeVirt({ version: "v1.3.0", featureGates: ["HotplugVolumes"] });
    try {
      const res = await call(routes.check, "POST", { id: view.id });
      expect(res.status).toBe(200);
      const checked = res.json as ClusterDetailView;
      expect(checked.kubevirt_version).toBe("v1.3.0");
      const names = checked.features.filter((f) => f.enabled).map((f) => f.name);
      expect(names).not.toContain("Snapshot");
      expect(names).not.toContain("GPU"); // GA only from v1.4: the GPUs are unusable now
      expect(checked.instance_sizes.find((s) => s.instance_size === "gpu-large")).toMatchObject({
        compatible: false,
        missing: expect.arrayContaining(["gpu"]),
      });
      expect(checked.health_history.map((c) => c.trigger)).toEqual(["manual", "manual"]);
      const [drift] = await audits(view.id, "cluster.version_drift");
      expect(drift).toMatchObject({ actorName: "clusteradmin", resourceName: "rot-check" });
      expect(drift?.actorId).not.toBe("system:health-checker");
      expect(
        logLines().filter((l) => l.msg === "cluster health changed" && l.cluster === "rot-check"),
      ).toEqual([
        // The registration's test (UNKNOWN → HEALTHY), then this check's version change.
        expect.objectContaining({ status: "HEALTHY", from: "UNKNOWN", version: "v1.7.0" }),
        expect.objectContaining({
          status: "HEALTHY",
          from: "HEALTHY",
          version: "v1.3.0",
          previousVersion: "v1.7.0",
        }),
      ]);
      expect(drift?.details).toMatchObject({
        from: "v1.7.0",
        to: "v1.3.0",
        instance_sizes: {
          compatible: ["small"],
          became_incompatible: [{ instance_size: "gpu-large", missing: expect.arrayContaining(["gpu"]) }],
        },
      });
    } finally {
      await rotating.client.setKubeVirt({ version: "v1.7.0", featureGates: ["Snapshot", "HotplugVolumes"] });
    }
  });

  it(`keeps the newest ${HEALTH_HISTORY_LIMIT} checks of a cluster`, async () => {
    const { id } = await h.prisma.cluster.findUniqueOrThrow({ where: { name: "bare" } });
    const old = Date.now() - 86_400_000;
    await h.prisma.clusterHealthCheck.createMany({
      data: Array.from({ length: HEALTH_HISTORY_LIMIT }, (_, i) => ({
        clusterId: id,
        checkedAt: new Date(old + i * 1000),
        status: "UNHEALTHY" as const,
        durationMs: 5,
        trigger: "schedule",
      })),
    });
    const res = await call(routes.check, "POST", { id });
    expect(res.status).toBe(200);
    const rows = await h.prisma.clusterHealthCheck.findMany({
      where: { clusterId: id },
      orderBy: { checkedAt: "asc" },
    });
    expect(rows).toHaveLength(HEALTH_HISTORY_LIMIT);
    expect(rows.at(-1)?.trigger).toBe("manual");
    // 102 checks (the registration's, 100 seeded a day ago, this one): the two oldest seeded ones went.
    expect(rows[0]?.checkedAt.getTime()).toBe(old + 2000);
    expect(rows.filter((r) => r.trigger === "manual")).toHaveLength(2);
    expect((res.json as ClusterDetailView).health_history).toHaveLength(20);
  });

  it("records an unreachable cluster and a refused token as UNREACHABLE (200), and logs the change", async () => {
    const down = await register("down-check", unreachableKubeconfig, { allow_unreachable: true });
    expect(down.status).toBe(201);
    const downView = down.json as ClusterSummaryView;
    const res = await call(routes.check, "POST", { id: downView.id });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ status: "UNREACHABLE" });
    expect((res.json as ClusterDetailView).health_history.map((c) => c.status)).toEqual([
      "UNREACHABLE",
      "UNREACHABLE",
    ]);

    await healthy.client.grantToken("check-now-token");
    secrets.push("check-now-token");
    const view = await registered(
      "revoked-check",
      healthy.kubeconfigYaml.replace(String(healthy.adminToken), "check-now-token"),
    );
    await healthy.client.revokeToken("check-now-token");
    const revoked = await call(routes.check, "POST", { id: view.id });
    expect(revoked.status).toBe(200);
    expect(revoked.json).toMatchObject({ status: "UNREACHABLE" });
    expect(
      logLines().filter((l) => l.msg === "cluster health changed" && l.cluster === "revoked-check"),
    ).toEqual([
      expect.objectContaining({ status: "HEALTHY", from: "UNKNOWN" }),
      expect.objectContaining({ status: "UNREACHABLE", from: "HEALTHY" }),
    ]);
  });

  it("answers 404 for an unknown cluster", async () => {
    const res = await refusedWithoutChange(() => call(routes.check, "POST", { id: "nope" }));
    expect(res.status).toBe(404);
  });
});

describe("PUT /api/v1/admin/clusters/{id}/credentials (rotate)", () => {
  it("tests the new kubeconfig, stores it, and the old token is never used again", async () => {
    await rotating.client.grantToken("rotation-old-token");
    await rotating.client.grantToken("rotation-new-token");
    secrets.push("rotation-old-token", "rotation-new-token");
    const kubeconfigWith = (token: string) =>
      rotating.kubeconfigYaml.replace(String(rotating.adminToken), token);
    const view = await registered("rot", kubeconfigWith("rotation-old-token"));

    const refused = await refusedWithoutChange(() =>
      call(routes.credentials, "PUT", { id: view.id, body: { kubeconfig: b64(unreachableKubeconfig) } }),
    );
    expect(refused.status).toBe(422);
    expect(refused.json).toMatchObject({ code: "CLUSTER_CONNECTION_FAILED" });

    const res = await call(routes.credentials, "PUT", {
      id: view.id,
      body: { kubeconfig: b64(kubeconfigWith("rotation-new-token")) },
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ id: view.id, status: "HEALTHY" });
    const rotations = await audits(view.id, "cluster.credential_rotate");
    expect(rotations).toHaveLength(1);
    expect(rotations[0]).toMatchObject({
      resourceName: "rot",
      environment: "test",
      actorName: "clusteradmin",
      details: {
        previous_server: rotating.url,
        server: rotating.url,
        auth_method: "token",
      },
    });
    const audited = JSON.stringify(rotations);
    for (const secret of secrets) expect(audited).not.toContain(secret);
    expect(audited).not.toContain("kubeconfig");

    await rotating.client.revokeToken("rotation-old-token");
    const checked = await call(routes.check, "POST", { id: view.id });
    expect(checked.json).toMatchObject({ status: "HEALTHY", status_reason: null });
  });

  it("refuses an unknown cluster before testing anything", async () => {
    const res = await refusedWithoutChange(() =>
      call(routes.credentials, "PUT", { id: "nope", body: { kubeconfig: b64(healthy.kubeconfigYaml) } }),
    );
    expect(res.status).toBe(404);
  });

  it("stores an unreachable kubeconfig when allowed: the cluster turns UNREACHABLE, audited with both servers", async () => {
    const view = await registered("rot-down", healthy.kubeconfigYaml);
    const res = await call(routes.credentials, "PUT", {
      id: view.id,
      body: { kubeconfig: b64(unreachableKubeconfig), allow_unreachable: true },
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ id: view.id, status: "UNREACHABLE" });
    const [rotation] = await audits(view.id, "cluster.credential_rotate");
    expect(rotation).toMatchObject({
      resourceName: "rot-down",
      environment: "test",
      details: { previous_server: healthy.url, server: expect.not.stringContaining(healthy.url) },
    });
    expect(logLines().filter((l) => l.msg === "cluster health changed" && l.cluster === "rot-down")).toEqual([
      expect.objectContaining({ status: "HEALTHY", from: "UNKNOWN" }),
      expect.objectContaining({ status: "UNREACHABLE", from: "HEALTHY" }),
    ]);
  });

  it("refuses a body with a field it does not know, before testing anything", async () => {
    const { id } = await h.prisma.cluster.findUniqueOrThrow({ where: { name: "rot-down" } });
    const res = await refusedWithoutChange(() =>
      call(routes.credentials, "PUT", {
        id,
        body: { kubeconfig: b64(healthy.kubeconfigYaml), allow_unreachabel: true },
      }),
    );
    expect(res.status).toBe(400);
  });
});

describe("DELETE /api/v1/admin/clusters/{id}", () => {
  it("is refused while a governed VM references the cluster, and deletes it with its rows otherwise", async () => {
    const { id } = await h.prisma.cluster.findUniqueOrThrow({ where: { name: "far" } });
    const system = await h.prisma.system.create({ data: { name: "shop" } });
    const service = await h.prisma.service.create({ data: { systemId: system.id, name: "api" } });
    const vm = await h.prisma.vm.create({
      data: { name: "shop-api-01", namespace: "shop", clusterId: id, serviceId: service.id },
    });
    await h.prisma.cacheSyncState.create({
      data: { clusterId: id, resourceKind: "VirtualMachine", state: "watching" },
    });
    await h.prisma.pendingAdoption.create({
      data: { clusterId: id, namespace: "legacy", resourceName: "old-vm", k8sUid: "uid-old-vm" },
    });

    const refused = await refusedWithoutChange(() => call(routes.one, "DELETE", { id }));
    expect(refused.status).toBe(409);
    expect(refused.json).toMatchObject({
      code: "CLUSTER_IN_USE",
      params: { cluster: "far", governed_vm_count: 1 },
    });

    await h.prisma.vm.delete({ where: { id: vm.id } });
    const deleted = await call(routes.one, "DELETE", { id });
    expect(deleted.status).toBe(204);
    expect(await h.prisma.cluster.count({ where: { id } })).toBe(0);
    expect(await h.prisma.clusterHealthCheck.count({ where: { clusterId: id } })).toBe(0);
    expect(await h.prisma.cacheSyncState.count({ where: { clusterId: id } })).toBe(0);
    expect(await h.prisma.pendingAdoption.count({ where: { clusterId: id } })).toBe(0);
    const [audit] = await audits(id, "cluster.delete");
    expect(audit).toMatchObject({ resourceName: "far", actorName: "clusteradmin" });

    const again = await call(routes.one, "DELETE", { id });
    expect(again.status).toBe(404);
  });

  it("counts a VM inserted by a concurrent transaction: the delete waits for it and is refused", async () => {
    const { id } = await h.prisma.cluster.findUniqueOrThrow({ where: { name: "bare" } });
    const service = await h.prisma.service.findFirstOrThrow({ where: { name: "api" } });
    const other = new pg.Client({ connectionString: h.db.url });
    await other.connect();
    try {
      await other.query("BEGIN");
      // The foreign key check takes a key-share lock on the cluster row until this transaction ends.
      await other.query("INSERT INTO vms (name, namespace, cluster_id, service_id) VALUES ($1, $2, $3, $4)", [
        "shop-api-02",
        "shop",
        id,
        service.id,
      ]);
      const deleting = call(routes.one, "DELETE", { id });
      await vi.waitFor(
        async () => {
          const waiting = await h.prisma.$queryRaw<{ n: number }[]>`
            SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock'
              AND query LIKE '%FROM clusters WHERE id = % FOR UPDATE%'`;
          expect(waiting[0]?.n).toBe(1);
        },
        { timeout: 10_000 },
      );
      await other.query("COMMIT");
      const refused = await deleting;
      expect(refused.status).toBe(409);
      expect(refused.json).toMatchObject({ code: "CLUSTER_IN_USE", params: { governed_vm_count: 1 } });
      expect(await h.prisma.cluster.count({ where: { id } })).toBe(1);
    } finally {
      await other.end();
    }
  });
});
