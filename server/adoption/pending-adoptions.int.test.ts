// Resource adoption end to end (issue 8): labelled VMs created on kubesim over HTTP reach the cache through the
// worker's real watchers; "scan now", the inbox and the decisions are exercised through the real route
// handlers (session cookies, zod, defineRoute) on a real PostgreSQL. Tests run in order and share the cluster.
import { randomBytes, randomUUID } from "node:crypto";
import pg from "pg";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type KubeSim, startKubeSim } from "@/kubesim/simulator";
import type {
  AdoptionScanView,
  BatchDecisionResultView,
  PendingAdoptionDetailView,
  PendingAdoptionPageView,
  PendingAdoptionView,
} from "@/lib/adoption/adoption-views";
import { ShepherdLabel } from "@/lib/domain/labels";
import {
  type AuthHarness,
  startAuthHarness,
  TEST_ORIGIN,
  tableChecksums,
} from "../auth/testing/auth-harness";
import { CacheService } from "../cache/cache-service";
import { parseConfig } from "../config";
import { createPrisma } from "../db/prisma";
import { CredentialCipher } from "../k8s/credential-cipher";
import type { KubeClient } from "../k8s/kube-client";
import {
  deleteVM,
  expectReconciled,
  patchVM,
  registerSimCluster,
  vmBody,
  waitFor,
} from "../testing/watch-harness";
import { Worker } from "../worker/worker";
import { ADOPTIONS_CHANGED_CHANNEL } from "./adoption-change-notice";
import { ADOPTION_ANNOTATION_VALUE_MAX } from "./adoption-view-model";
import { ADOPTION_SCANS_KEPT } from "./scan-cluster-for-adoptions";

const cipher = new CredentialCipher({ key: randomBytes(32) });
const NS = "test";
/** A password and an SSH key in cloud-init userData: neither may reach the database item or the API. */
const SECRET = "p4ssw0rd-never-stored";
const SSH_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5never-stored";
const USER_DATA = `#cloud-config\npassword: ${SECRET}\nssh_authorized_keys:\n  - ${SSH_KEY}\n`;

let h: AuthHarness;
let sim: KubeSim;
let client: KubeClient;
let clusterId: string;
let worker: Worker;
let workerPrisma: ReturnType<typeof createPrisma>;
let cache: CacheService;
let listener: pg.Client;
const notices: string[] = [];
const cookie = { admin: "", user: "" };

function labels(system: string | undefined, service: string | undefined, instance?: string) {
  const out: Record<string, string> = { [ShepherdLabel.managedBy]: "kubevirt-shepherd" };
  if (system) out[ShepherdLabel.system] = system;
  if (service) out[ShepherdLabel.service] = service;
  if (instance) out[ShepherdLabel.instance] = instance;
  return out;
}

async function createLabelledVM(
  name: string,
  vmLabels: Record<string, string>,
  where: "vm" | "template" = "vm",
): Promise<void> {
  await client.request({
    method: "POST",
    path: `/apis/kubevirt.io/v1/namespaces/${NS}/virtualmachines`,
    body: {
      apiVersion: "kubevirt.io/v1",
      kind: "VirtualMachine",
      metadata: {
        name,
        labels:
          where === "vm"
            ? {
                ...vmLabels,
                [ShepherdLabel.createdBy]: "alice",
                [ShepherdLabel.ticketId]: "TKT-7",
                [ShepherdLabel.hostname]: name,
              }
            : {},
        annotations: {
          "kubevirt-shepherd.io/fqdn": `${name}.${NS}.svc.cluster.local`,
          "kubevirt-shepherd.io/notes": "n".repeat(ADOPTION_ANNOTATION_VALUE_MAX + 500),
          // What `kubectl apply` leaves: the whole manifest, userData included.
          "kubectl.kubernetes.io/last-applied-configuration": JSON.stringify({
            kind: "VirtualMachine",
            spec: { template: { spec: { volumes: [{ cloudInitNoCloud: { userData: USER_DATA } }] } } },
          }),
          "example.com/token": SECRET,
        },
      },
      spec: {
        runStrategy: "Halted",
        template: {
          metadata: { labels: where === "template" ? vmLabels : {} },
          spec: {
            domain: { cpu: { cores: 2 }, memory: { guest: "4Gi" }, devices: {} },
            networks: [{ name: "default", pod: {} }],
            volumes: [
              { name: "rootdisk", containerDisk: { image: "quay.io/containerdisks/fedora:41" } },
              { name: "cloudinit", cloudInitNoCloud: { userData: USER_DATA } },
            ],
          },
        },
      },
    },
  });
}

interface Call {
  cookie?: string;
  body?: unknown;
  rawBody?: string;
  params?: Record<string, string>;
}

/** Calls a route handler module as Next would: a Request plus the dynamic segment params. */
async function api<T = unknown>(
  file: string,
  method: "GET" | "POST",
  url: string,
  call: Call = {},
): Promise<{ status: number; body: T }> {
  const mod = (await import(/* @vite-ignore */ `@/app/api/v1/admin/${file}`)) as Record<
    string,
    (r: Request, s: { params: Promise<unknown> }) => Promise<Response>
  >;
  const handler = mod[method];
  if (!handler) throw new Error(`${file} has no ${method}`);
  const headers: Record<string, string> = { origin: TEST_ORIGIN, "content-type": "application/json" };
  const c = call.cookie ?? cookie.admin;
  if (c) headers.cookie = c;
  const body = method === "POST" ? (call.rawBody ?? JSON.stringify(call.body ?? {})) : undefined;
  const res = await handler(new Request(`${TEST_ORIGIN}${url}`, { method, headers, body }), {
    params: Promise.resolve(call.params ?? {}),
  });
  return { status: res.status, body: (await res.json()) as T };
}

const scanNow = async () => {
  const res = await api<AdoptionScanView[]>(
    "adoption-scans/route.ts",
    "POST",
    "/api/v1/admin/adoption-scans",
    {
      body: { cluster_id: clusterId },
    },
  );
  expect(res.status).toBe(200);
  expect(res.body).toHaveLength(1);
  return res.body[0] as AdoptionScanView;
};

const list = async (query = "") => {
  const res = await api<PendingAdoptionPageView>(
    "pending-adoptions/route.ts",
    "GET",
    `/api/v1/admin/pending-adoptions${query}`,
  );
  expect(res.status).toBe(200);
  return res.body;
};

const idOf = async (name: string) =>
  (await h.prisma.pendingAdoption.findFirstOrThrow({ where: { clusterId, resourceName: name } })).id;

const decide = <T = PendingAdoptionView>(
  id: string,
  verb: "adopt" | "ignore" | "reopen",
  body: unknown = {},
) =>
  api<T>(`pending-adoptions/[id]/${verb}/route.ts`, "POST", `/api/v1/admin/pending-adoptions/${id}/${verb}`, {
    params: { id },
    body,
  });

const serviceIndex = async (system: string, service: string) =>
  (
    await h.prisma.service.findFirstOrThrow({
      where: { name: service, system: { name: system } },
      select: { nextInstanceIndex: true },
    })
  ).nextInstanceIndex;

/**
 * Every table but those the running worker keeps writing (watcher state, heartbeats, and the cache itself: a
 * watch that times out relists and rewrites rows' sync columns, whatever the API does meanwhile).
 */
async function checksums(): Promise<Record<string, string>> {
  const {
    cache_sync_states: _s,
    worker_heartbeats: _w,
    cached_resources: _c,
    ...rest
  } = await tableChecksums(h.prisma);
  return rest;
}

/** Waits until the cache holds exactly what the cluster has, and says FRESH. */
async function settled(): Promise<void> {
  await expectReconciled(h.prisma, clusterId, client, ["VirtualMachine", "VirtualMachineInstance"]);
  await waitFor("cache fresh", async () => (await cache.getCacheStatus(clusterId)).status === "FRESH");
}

beforeAll(async () => {
  h = await startAuthHarness();
  cookie.admin = await h.sessionCookie("adopt_admin", "admin");
  cookie.user = await h.sessionCookie("adopt_user", "user");
  cache = new CacheService({ prisma: h.prisma, staleAfterMs: 120_000 });
  sim = await startKubeSim({ profile: "empty", stepDelayMs: 0 });
  ({ id: clusterId, client } = await registerSimCluster(h.prisma, cipher, sim));

  const shop = await h.prisma.system.create({ data: { name: "shop" } });
  await h.prisma.service.createMany({
    data: [
      { systemId: shop.id, name: "api" },
      { systemId: shop.id, name: "redis" },
      { systemId: shop.id, name: "web" },
      { systemId: shop.id, name: "db" },
    ],
  });

  listener = new pg.Client({ connectionString: h.db.url });
  await listener.connect();
  listener.on("notification", (n) => notices.push(n.payload ?? ""));
  await listener.query(`LISTEN ${ADOPTIONS_CHANGED_CHANNEL}`);

  // The worker's watchers fill the cache; its own adoption scans stay off so the counts below are ours.
  const { adoption: _off, ...config } = parseConfig({
    CLUSTER_OWNERSHIP_POLL_MS: "150",
    WATCH_STATUS_INTERVAL_MS: "200",
    CACHE_NOTIFY_DEBOUNCE_MS: "20",
    LOG_LEVEL: "silent",
  });
  workerPrisma = createPrisma(h.db.url, { maxConnections: 8 });
  worker = new Worker({
    config,
    prisma: workerPrisma,
    log: pino({ level: "silent" }),
    clusterSync: { databaseUrl: h.db.url, cipher },
  });
  worker.start();
  await waitFor("owned", () => worker.ownedClusters().includes(clusterId));
});

afterAll(async () => {
  await worker?.stop("test");
  await workerPrisma?.$disconnect();
  await listener?.end();
  client?.close();
  await sim?.stop();
  await h?.close();
});

const ADOPTABLE = [
  "dev-shop-api-01",
  "dev-shop-api-07",
  "dev-shop-redis-02",
  "dev-shop-redis-04",
  "dev-shop-web-03",
  "dev-shop-web-05",
  "dev-shop-db-06",
  "dev-shop-db-08",
  "dev-shop-db-09",
];

describe("discovery scan", () => {
  it("kubesim → watcher → cache → scan: the inbox holds exactly the adoptable VMs; orphans are only counted", async () => {
    await createLabelledVM("dev-shop-api-01", labels("shop", "api", "01"));
    await createLabelledVM("dev-shop-api-07", labels("shop", "api", "07"));
    await createLabelledVM("dev-shop-redis-02", labels("shop", "redis", "02"));
    // Labels only on the template, as readGovernance allows.
    await createLabelledVM("dev-shop-redis-04", labels("shop", "redis", "04"), "template");
    for (const [name, svc, inst] of [
      ["dev-shop-web-03", "web", "03"],
      ["dev-shop-web-05", "web", "05"],
      ["dev-shop-db-06", "db", "06"],
      ["dev-shop-db-08", "db", "08"],
      ["dev-shop-db-09", "db", "09"],
    ] as const)
      await createLabelledVM(name, labels("shop", svc, inst));
    // Orphans, one per reason (and two kinds of malformed labels).
    await createLabelledVM("dev-ghost-api-01", labels("ghost", "api", "01"));
    await createLabelledVM("dev-shop-cache-01", labels("shop", "cache", "01"));
    await createLabelledVM("dev-shop-api-xx", labels("shop", "api", "x1"));
    await createLabelledVM("dev-shop-only", labels("shop", undefined));
    await createLabelledVM("dev-bad-name", labels("Shop_Bad", "api", "01"));
    // Governed already (a row with no cluster yet): neither found nor orphaned.
    await createLabelledVM("dev-shop-api-09", labels("shop", "api", "09"));
    const apiService = await h.prisma.service.findFirstOrThrow({ where: { name: "api" } });
    await h.prisma.vm.create({ data: { name: "dev-shop-api-09", namespace: NS, serviceId: apiService.id } });
    // Not Shepherd's.
    await client.request({
      method: "POST",
      path: `/apis/kubevirt.io/v1/namespaces/${NS}/virtualmachines`,
      body: vmBody("plain"),
    });
    await settled();

    const scan = await scanNow();
    expect(scan).toMatchObject({
      cluster_id: clusterId,
      found: 14,
      new: 9,
      updated: 0,
      gone: 0,
      error: null,
    });
    expect(scan.orphans.map((o) => [o.name, o.reason]).sort()).toEqual(
      [
        ["dev-bad-name", "MALFORMED_LABELS"],
        ["dev-ghost-api-01", "MISSING_SYSTEM"],
        ["dev-shop-api-xx", "MALFORMED_LABELS"],
        ["dev-shop-cache-01", "MISSING_SERVICE"],
        ["dev-shop-only", "MALFORMED_LABELS"],
      ].sort(),
    );
    expect(scan.orphans.find((o) => o.name === "dev-shop-cache-01")).toMatchObject({
      system: "shop",
      service: "cache",
    });

    const page = await list("?per_page=100&sort_by=resource_name");
    expect(page.items.map((i) => i.resource_name)).toEqual(ADOPTABLE.toSorted());
    expect(page.items.every((i) => i.status === "PENDING" && i.cluster_id === clusterId)).toBe(true);
    expect(page.pagination).toMatchObject({ page: 1, total_items: 9, total_pages: 1, has_next: false });
    expect(page.pending_by_cluster[clusterId]).toMatchObject({ pending: 9 });
    expect(await h.prisma.pendingAdoption.count()).toBe(9);
    await waitFor("a change notice", () => notices.some((n) => JSON.parse(n).cluster_id === clusterId));

    const scans = await api<AdoptionScanView[]>(
      "adoption-scans/route.ts",
      "GET",
      "/api/v1/admin/adoption-scans",
    );
    expect(scans.body).toEqual([expect.objectContaining({ id: scan.id, cluster_name: expect.any(String) })]);
  });

  it("pages and filters the inbox (SPEC §21)", async () => {
    const first = await list("?per_page=4&page=1&sort_by=resource_name&sort_order=asc");
    const third = await list("?per_page=4&page=3&sort_by=resource_name&sort_order=asc");
    expect(first.items.map((i) => i.resource_name)).toEqual(ADOPTABLE.toSorted().slice(0, 4));
    expect(third.items.map((i) => i.resource_name)).toEqual(ADOPTABLE.toSorted().slice(8));
    expect(third.pagination).toMatchObject({ total_pages: 3, has_next: false, has_prev: true });
    expect((await list("?service=redis")).items.map((i) => i.resource_name).sort()).toEqual([
      "dev-shop-redis-02",
      "dev-shop-redis-04",
    ]);
    expect((await list(`?cluster_id=${randomUUID()}`)).items).toEqual([]);
    expect((await list("?status=IGNORED")).items).toEqual([]);
  });

  it("shows the snapshot and the governance row an adoption would create", async () => {
    const id = await idOf("dev-shop-api-07");
    const res = await api<PendingAdoptionDetailView>(
      "pending-adoptions/[id]/route.ts",
      "GET",
      `/api/v1/admin/pending-adoptions/${id}`,
      { params: { id } },
    );
    expect(res.status).toBe(200);
    expect(res.body.resource_spec).toEqual({
      cpu_cores: 2,
      memory: "4Gi",
      instancetype: null,
      preference: null,
      run_strategy: "Halted",
      status: "STOPPED",
      disks: [
        { name: "rootdisk", type: "containerDisk", source: "quay.io/containerdisks/fedora:41", size: null },
        { name: "cloudinit", type: "cloudInitNoCloud", source: null, size: null },
      ],
      networks: [{ name: "default", type: "pod", network_name: null }],
    });
    expect(res.body.labels[ShepherdLabel.service]).toBe("api");
    // Only Shepherd's annotations, values capped: last-applied-configuration carries the userData secrets.
    expect(res.body.annotations).toEqual({
      "kubevirt-shepherd.io/fqdn": `dev-shop-api-07.${NS}.svc.cluster.local`,
      "kubevirt-shepherd.io/notes": `${"n".repeat(ADOPTION_ANNOTATION_VALUE_MAX)}…`,
    });
  });

  it("stores and answers no secret from annotations or cloud-init userData", async () => {
    const id = await idOf("dev-shop-api-07");
    const row = await h.prisma.pendingAdoption.findUniqueOrThrow({ where: { id } });
    const stored = JSON.stringify(row);
    const res = await api<PendingAdoptionDetailView>(
      "pending-adoptions/[id]/route.ts",
      "GET",
      `/api/v1/admin/pending-adoptions/${id}`,
      {
        params: { id },
      },
    );
    const answered = JSON.stringify(res.body);
    for (const text of [stored, answered]) {
      expect(text).toContain("kubevirt-shepherd.io/fqdn");
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain("never-stored");
      expect(text).not.toContain("last-applied-configuration");
    }
    expect(res.body.proposed).toMatchObject({
      name: "dev-shop-api-07",
      namespace: NS,
      cluster_id: clusterId,
      system: "shop",
      service: "api",
      instance: "07",
      created_by: "alice",
      ticket_id: "TKT-7",
      hostname: "dev-shop-api-07",
      next_instance_index_after: 8,
    });
  });
});

describe("decisions", () => {
  it("adopt: governance row, index raised above the instance, audit, item ADOPTED", async () => {
    expect(await serviceIndex("shop", "api")).toBe(1);
    const id = await idOf("dev-shop-api-07");
    const res = await decide(id, "adopt");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id, status: "ADOPTED", decided_by: "adopt_admin" });
    const vm = await h.prisma.vm.findUniqueOrThrow({
      where: { namespace_name: { namespace: NS, name: "dev-shop-api-07" } },
      include: { service: { include: { system: true } } },
    });
    expect(vm).toMatchObject({
      clusterId,
      instance: "07",
      status: "STOPPED",
      createdBy: "alice",
      ticketId: "TKT-7",
      hostname: "dev-shop-api-07",
    });
    expect([vm.service.system.name, vm.service.name]).toEqual(["shop", "api"]);
    expect(await serviceIndex("shop", "api")).toBe(8);
    const audit = await h.prisma.auditLog.findFirstOrThrow({
      where: { action: "vm.adopt", resourceId: vm.id },
    });
    expect(audit).toMatchObject({ resourceType: "vm", resourceName: "dev-shop-api-07", outcome: "success" });
    expect(audit.details).toMatchObject({ pending_adoption_id: id, instance: "07", next_instance_index: 8 });
    expect((await list()).items.map((i) => i.resource_name)).not.toContain("dev-shop-api-07");
  });

  it("adopt never lowers an index that is already higher", async () => {
    const apiService = await h.prisma.service.findFirstOrThrow({ where: { name: "api" } });
    await h.prisma.service.update({ where: { id: apiService.id }, data: { nextInstanceIndex: 20 } });
    const res = await decide(await idOf("dev-shop-api-01"), "adopt");
    expect(res.status).toBe(200);
    expect(await serviceIndex("shop", "api")).toBe(20);
  });

  it("ignore: audited with its reason, and stays IGNORED across re-scans; reopen brings it back", async () => {
    const id = await idOf("dev-shop-redis-02");
    const ignored = await decide(id, "ignore", { reason: "test VM, will be deleted" });
    expect(ignored.status).toBe(200);
    expect(ignored.body).toMatchObject({ status: "IGNORED", decision_reason: "test VM, will be deleted" });
    expect(
      await h.prisma.auditLog.findFirstOrThrow({ where: { action: "adoption.ignore", resourceId: id } }),
    ).toMatchObject({ resourceType: "pending_adoption", details: { reason: "test VM, will be deleted" } });

    const seenBefore = await h.prisma.pendingAdoption.findUniqueOrThrow({ where: { id } });
    const rescan = await scanNow();
    // Re-scan of unchanged VMs: nothing rewritten or counted, nothing new, nothing duplicated; only seen again.
    expect(rescan).toMatchObject({ found: 12, new: 0, updated: 0, gone: 0 });
    expect(await h.prisma.pendingAdoption.count()).toBe(9);
    const seenAfter = await h.prisma.pendingAdoption.findUniqueOrThrow({ where: { id } });
    expect(seenAfter.lastSeenAt.getTime()).toBeGreaterThan(seenBefore.lastSeenAt.getTime());
    expect(seenAfter.resourceSpec).toEqual(seenBefore.resourceSpec);
    expect((await h.prisma.pendingAdoption.findUniqueOrThrow({ where: { id } })).status).toBe("IGNORED");
    expect((await list("?status=IGNORED")).items.map((i) => i.id)).toEqual([id]);

    const beforeRefusal = await checksums();
    const adoptIgnored = await decide(id, "adopt");
    expect(adoptIgnored).toMatchObject({
      status: 409,
      body: { code: "ADOPTION_NOT_PENDING", params: { status: "IGNORED" } },
    });
    expect(await checksums()).toEqual(beforeRefusal);

    const reopened = await decide(id, "reopen");
    expect(reopened.body).toMatchObject({ status: "PENDING", decided_by: null, decision_reason: null });
    expect(await h.prisma.auditLog.count({ where: { action: "adoption.reopen", resourceId: id } })).toBe(1);
    const again = await decide(id, "reopen");
    expect(again).toMatchObject({
      status: 409,
      body: { code: "ADOPTION_NOT_IGNORED", params: { status: "PENDING" } },
    });
  });

  it("a re-scan rewrites and counts only the item whose VM changed", async () => {
    await patchVM(client, "dev-shop-redis-02", { spec: { runStrategy: "Manual" } });
    await settled();
    const before = await h.prisma.pendingAdoption.findFirstOrThrow({
      where: { resourceName: "dev-shop-redis-02" },
    });
    const scan = await scanNow();
    expect(scan).toMatchObject({ new: 0, updated: 1, gone: 0, error: null });
    const after = await h.prisma.pendingAdoption.findUniqueOrThrow({ where: { id: before.id } });
    expect(after.resourceSpec).toMatchObject({ run_strategy: "Manual" });
    expect(await scanNow()).toMatchObject({ new: 0, updated: 0 });
  });

  it("two admins adopt one item at once: exactly one wins, the other gets 409 with the current state", async () => {
    const id = await idOf("dev-shop-redis-04");
    const results = await Promise.all([decide(id, "adopt"), decide(id, "adopt")]);
    const settledState = await checksums();
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.status === 409)?.body).toMatchObject({
      code: "ADOPTION_NOT_PENDING",
      params: { status: "ADOPTED" },
    });
    expect(await h.prisma.vm.count({ where: { name: "dev-shop-redis-04" } })).toBe(1);
    expect(
      await h.prisma.auditLog.count({ where: { action: "vm.adopt", resourceName: "dev-shop-redis-04" } }),
    ).toBe(1);
    expect(await serviceIndex("shop", "redis")).toBe(5);
    // The loser's 409 changes nothing, and neither does a later attempt.
    expect(await decide(id, "adopt")).toMatchObject({ status: 409, body: { code: "ADOPTION_NOT_PENDING" } });
    expect(await checksums()).toEqual(settledState);
  });

  it("two overlapping scans of one cluster are serialised: one item, consistent summaries", async () => {
    await createLabelledVM("dev-shop-web-11", labels("shop", "web", "11"));
    await settled();
    const [a, b] = await Promise.all([scanNow(), scanNow()]);
    expect([a.new, b.new].sort()).toEqual([0, 1]);
    expect(a.found).toBe(b.found);
    expect([a.updated, b.updated, a.gone, b.gone, a.error, b.error]).toEqual([0, 0, 0, 0, null, null]);
    expect(await h.prisma.pendingAdoption.count({ where: { resourceName: "dev-shop-web-11" } })).toBe(1);
  });

  it("adopt racing ignore on one item: exactly one wins, the other gets 409 with the winner's state", async () => {
    const id = await idOf("dev-shop-web-11");
    const [adopt, ignore] = await Promise.all([
      decide(id, "adopt"),
      decide(id, "ignore", { reason: "race" }),
    ]);
    expect([adopt.status, ignore.status].sort()).toEqual([200, 409]);
    const final = (await h.prisma.pendingAdoption.findUniqueOrThrow({ where: { id } })).status;
    expect(final).toBe(adopt.status === 200 ? "ADOPTED" : "IGNORED");
    expect((adopt.status === 409 ? adopt : ignore).body).toMatchObject({
      code: "ADOPTION_NOT_PENDING",
      params: { status: final },
    });
    expect(await h.prisma.vm.count({ where: { name: "dev-shop-web-11" } })).toBe(final === "ADOPTED" ? 1 : 0);
    expect(
      await h.prisma.auditLog.count({
        where: {
          OR: [
            { action: "vm.adopt", resourceName: "dev-shop-web-11" },
            { action: "adoption.ignore", resourceId: id },
          ],
        },
      }),
    ).toBe(1);
  });

  it("a VM deleted on the cluster cannot be adopted, and the next scan marks its item GONE (kept)", async () => {
    const id = await idOf("dev-shop-web-03");
    await deleteVM(client, "dev-shop-web-03", NS);
    await settled();
    const before = await checksums();
    const refused = await decide(id, "adopt");
    expect(refused).toMatchObject({ status: 409, body: { code: "ADOPTION_VM_GONE" } });
    expect(await h.prisma.vm.count({ where: { name: "dev-shop-web-03" } })).toBe(0);
    expect(await checksums()).toEqual(before);

    const scan = await scanNow();
    expect(scan.gone).toBe(1);
    expect((await h.prisma.pendingAdoption.findUniqueOrThrow({ where: { id } })).status).toBe("GONE");
    expect((await list("?status=GONE")).items.map((i) => i.resource_name)).toEqual(["dev-shop-web-03"]);
    const beforeGone = await checksums();
    expect(await decide(id, "adopt")).toMatchObject({
      status: 409,
      body: { code: "ADOPTION_NOT_PENDING", params: { status: "GONE" } },
    });
    expect(await checksums()).toEqual(beforeGone);
  });

  it("a VM that gained a governance row by other means leaves the inbox", async () => {
    const db = await h.prisma.service.findFirstOrThrow({ where: { name: "db" } });
    await h.prisma.vm.create({
      data: { name: "dev-shop-db-09", namespace: NS, clusterId, serviceId: db.id },
    });
    await scanNow();
    expect(await h.prisma.pendingAdoption.count({ where: { resourceName: "dev-shop-db-09" } })).toBe(0);
  });

  it("batch: each id on its own; refused ids are reported and do not stop the others", async () => {
    const ok1 = await idOf("dev-shop-db-06");
    const ok2 = await idOf("dev-shop-db-08");
    const adopted = await idOf("dev-shop-api-07");
    const unknown = randomUUID();
    const noticesBefore = notices.length;
    const res = await api<BatchDecisionResultView[]>(
      "pending-adoptions/batch/route.ts",
      "POST",
      "/api/v1/admin/pending-adoptions/batch",
      { body: { ids: [ok1, adopted, unknown, ok2], decision: "adopt" } },
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual([
      { id: ok1, ok: true, status: "ADOPTED" },
      { id: adopted, ok: false, code: "ADOPTION_NOT_PENDING", params: { status: "ADOPTED" } },
      { id: unknown, ok: false, code: "ADOPTION_NOT_FOUND", params: { id: unknown } },
      { id: ok2, ok: true, status: "ADOPTED" },
    ]);
    expect(await serviceIndex("shop", "db")).toBe(9);
    // Two ids adopted, one notice for their cluster at the end of the batch.
    await waitFor("the batch's notice", () => notices.length > noticesBefore);
    await new Promise((r) => setTimeout(r, 300));
    expect(notices.slice(noticesBefore).map((n) => JSON.parse(n).cluster_id)).toEqual([clusterId]);

    const ignore = await api<BatchDecisionResultView[]>(
      "pending-adoptions/batch/route.ts",
      "POST",
      "/api/v1/admin/pending-adoptions/batch",
      { body: { ids: [await idOf("dev-shop-web-05"), ok1], decision: "ignore", reason: "later" } },
    );
    expect(ignore.body.map((r) => r.ok)).toEqual([true, false]);
    expect(
      await h.prisma.auditLog.count({
        where: { action: "adoption.ignore", resourceId: await idOf("dev-shop-web-05") },
      }),
    ).toBe(1);
  });
});

describe("a VM recreated under the same name (new uid)", () => {
  it("takes over its old item: a GONE one becomes PENDING again, an IGNORED one stays IGNORED", async () => {
    const gone = await h.prisma.pendingAdoption.findFirstOrThrow({
      where: { resourceName: "dev-shop-web-03" },
    });
    const ignored = await h.prisma.pendingAdoption.findFirstOrThrow({
      where: { resourceName: "dev-shop-web-05" },
    });
    expect([gone.status, ignored.status]).toEqual(["GONE", "IGNORED"]);
    await deleteVM(client, "dev-shop-web-05", NS);
    await settled();
    await createLabelledVM("dev-shop-web-03", labels("shop", "web", "03"));
    await createLabelledVM("dev-shop-web-05", labels("shop", "web", "05"));
    await settled();

    const scan = await scanNow();
    expect(scan).toMatchObject({ new: 1, gone: 0, error: null });
    const after = await h.prisma.pendingAdoption.findMany({
      where: { resourceName: { in: ["dev-shop-web-03", "dev-shop-web-05"] } },
      orderBy: { resourceName: "asc" },
    });
    expect(after.map((a) => [a.id, a.status])).toEqual([
      [gone.id, "PENDING"],
      [ignored.id, "IGNORED"],
    ]);
    expect(after[0]?.k8sUid).not.toBe(gone.k8sUid);
    expect(after[1]?.k8sUid).not.toBe(ignored.k8sUid);
  });
});

describe("refusals change nothing", () => {
  it.each([
    ["a bad id", "pending-adoptions/[id]/adopt/route.ts", { params: { id: "not-a-uuid" } }],
    ["a bad id (detail)", "pending-adoptions/[id]/route.ts", { params: { id: "42" } }],
    [
      "a reason over 500 characters",
      "pending-adoptions/[id]/ignore/route.ts",
      { body: { reason: "x".repeat(501) } },
    ],
    ["an empty batch", "pending-adoptions/batch/route.ts", { body: { ids: [], decision: "adopt" } }],
    [
      "a batch with a bad decision",
      "pending-adoptions/batch/route.ts",
      { body: { ids: [randomUUID()], decision: "delete" } },
    ],
    ["a body that is not JSON", "pending-adoptions/batch/route.ts", { rawBody: "{nope" }],
    ["a bad cluster id to scan", "adoption-scans/route.ts", { body: { cluster_id: "x" } }],
  ] as const)("%s → 400 VALIDATION_FAILED", async (_, file, call) => {
    const id = await idOf("dev-shop-redis-02");
    const before = await checksums();
    const method = file.endsWith("[id]/route.ts") ? "GET" : "POST";
    const params = "params" in call ? call.params : { id };
    const res = await api<{ code: string }>(file, method, "/api/v1/admin/x", { ...call, params });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("VALIDATION_FAILED");
    expect(await checksums()).toEqual(before);
  });

  it("an unknown id → 404 ADOPTION_NOT_FOUND; an unknown cluster → 404 CLUSTER_NOT_FOUND", async () => {
    const before = await checksums();
    const id = randomUUID();
    expect(await decide(id, "ignore")).toMatchObject({ status: 404, body: { code: "ADOPTION_NOT_FOUND" } });
    const scan = await api("adoption-scans/route.ts", "POST", "/x", { body: { cluster_id: randomUUID() } });
    expect(scan).toMatchObject({ status: 404, body: { code: "CLUSTER_NOT_FOUND" } });
    expect(await checksums()).toEqual(before);
  });

  it("an item whose stored labels are malformed → 409 ADOPTION_LABELS_MALFORMED", async () => {
    const id = await idOf("dev-shop-redis-02");
    await h.prisma.pendingAdoption.update({ where: { id }, data: { system: "Not_A_System" } });
    const before = await checksums();
    expect(await decide(id, "adopt")).toMatchObject({
      status: 409,
      body: { code: "ADOPTION_LABELS_MALFORMED", params: { name: "dev-shop-redis-02", namespace: NS } },
    });
    expect(await checksums()).toEqual(before);
    await h.prisma.pendingAdoption.update({ where: { id }, data: { system: "shop" } });
  });

  it("scan now on a disabled cluster → 409 ADOPTION_CLUSTER_DISABLED", async () => {
    await h.prisma.cluster.update({ where: { id: clusterId }, data: { enabled: false } });
    try {
      const before = await checksums();
      const res = await api<{ code: string; params: unknown }>("adoption-scans/route.ts", "POST", "/x", {
        body: { cluster_id: clusterId },
      });
      expect(res).toMatchObject({ status: 409, body: { code: "ADOPTION_CLUSTER_DISABLED" } });
      expect(await checksums()).toEqual(before);
    } finally {
      await h.prisma.cluster.update({ where: { id: clusterId }, data: { enabled: true } });
    }
  });

  it("a non-admin is refused (403) on every adoption route, with a real id", async () => {
    const id = await idOf("dev-shop-redis-02");
    const before = await checksums();
    const calls: [string, "GET" | "POST"][] = [
      ["pending-adoptions/route.ts", "GET"],
      ["pending-adoptions/[id]/route.ts", "GET"],
      ["pending-adoptions/[id]/adopt/route.ts", "POST"],
      ["pending-adoptions/[id]/ignore/route.ts", "POST"],
      ["pending-adoptions/[id]/reopen/route.ts", "POST"],
      ["pending-adoptions/batch/route.ts", "POST"],
      ["adoption-scans/route.ts", "GET"],
      ["adoption-scans/route.ts", "POST"],
    ];
    for (const [file, method] of calls) {
      const res = await api<{ code: string }>(file, method, "/x", {
        cookie: cookie.user,
        params: { id },
        body: { ids: [id], decision: "adopt", cluster_id: clusterId },
      });
      expect([file, res.status, res.body.code]).toEqual([file, 403, "FORBIDDEN"]);
    }
    expect(await checksums()).toEqual(before);
  });
});

describe("scan history", () => {
  it(`keeps the newest ${ADOPTION_SCANS_KEPT} scans of a cluster`, async () => {
    await h.prisma.adoptionScan.createMany({
      data: Array.from({ length: ADOPTION_SCANS_KEPT + 10 }, (_, i) => ({
        clusterId,
        startedAt: new Date(Date.UTC(2020, 0, 1, 0, i)),
        finishedAt: new Date(Date.UTC(2020, 0, 1, 0, i)),
      })),
    });
    const scan = await scanNow();
    expect(await h.prisma.adoptionScan.count({ where: { clusterId } })).toBe(ADOPTION_SCANS_KEPT);
    expect(await h.prisma.adoptionScan.findUnique({ where: { id: scan.id } })).not.toBeNull();
    const oldest = await h.prisma.adoptionScan.findFirstOrThrow({
      where: { clusterId },
      orderBy: { startedAt: "asc" },
    });
    // 60 old rows + the earlier real scans + this one: the 50 kept are the newest.
    expect(oldest.startedAt.getTime()).toBeGreaterThan(Date.UTC(2020, 0, 1, 0, 9));
  });
});

describe("a cache that is not FRESH", () => {
  it("REBUILDING: the scan is refused and recorded with the reason; nothing is marked GONE", async () => {
    const pending = await h.prisma.pendingAdoption.findMany({ where: { clusterId, status: "PENDING" } });
    expect(pending.length).toBeGreaterThan(0);
    // Stop the watchers, then make the cache look as it does during a relist after 410: rows missing.
    await worker.stop("test: rebuilding");
    await h.prisma.cacheSyncState.updateMany({ where: { clusterId }, data: { rebuilding: true } });
    await h.prisma.cachedResource.deleteMany({ where: { clusterId, kind: "VirtualMachine" } });

    const lastGood = await h.prisma.adoptionScan.findFirstOrThrow({
      where: { clusterId, error: null },
      orderBy: { startedAt: "desc" },
    });
    const scan = await scanNow();
    expect(scan).toMatchObject({ found: 0, new: 0, updated: 0, gone: 0 });
    // A code and params the UI translates, no English sentence; the last real summary beside it.
    expect(scan.error).toEqual({ code: "ADOPTION_SCAN_CACHE_NOT_FRESH", params: { status: "REBUILDING" } });
    expect(scan.last_successful).toMatchObject({ id: lastGood.id, found: lastGood.found, error: null });
    expect(await h.prisma.adoptionScan.findUniqueOrThrow({ where: { id: scan.id } })).toMatchObject({
      error: "ADOPTION_SCAN_CACHE_NOT_FRESH",
      errorParams: { status: "REBUILDING" },
    });
    const after = await h.prisma.pendingAdoption.findMany({ where: { clusterId, status: "PENDING" } });
    expect(after.map((p) => p.id).sort()).toEqual(pending.map((p) => p.id).sort());
    const latest = await api<AdoptionScanView[]>("adoption-scans/route.ts", "GET", "/x");
    expect(latest.body[0]).toMatchObject({
      id: scan.id,
      error: scan.error,
      last_successful: { id: lastGood.id, error: null },
    });
  });
});
