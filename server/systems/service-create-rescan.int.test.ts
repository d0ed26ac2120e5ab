// A new service makes its labelled VMs appear in the adoption inbox at once (issue 13): kubesim clusters feed
// the cache through the worker's real watchers (its periodic adoption scans off), a VM labelled shop/api
// waits there as an orphan, and creating the service through the real route handler rescans exactly the
// clusters holding such VMs, after the commit — the VM is a PENDING adoption without any periodic scan.
import { randomBytes } from "node:crypto";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type KubeSim, startKubeSim } from "@/kubesim/simulator";
import { ShepherdLabel } from "@/lib/domain/labels";
import type { ServiceView, SystemView } from "@/lib/systems/system-views";
import { type AuthHarness, startAuthHarness, TEST_ORIGIN } from "../auth/testing/auth-harness";
import { CacheService } from "../cache/cache-service";
import { parseConfig } from "../config";
import { createPrisma } from "../db/prisma";
import { CredentialCipher } from "../k8s/credential-cipher";
import type { KubeClient } from "../k8s/kube-client";
import { expectReconciled, registerSimCluster, vmBody, waitFor } from "../testing/watch-harness";
import { Worker } from "../worker/worker";
import { clustersLabelledWith } from "./rescan-labelled-clusters";

type Handler = (request: Request, segment: { params: Promise<unknown> }) => Promise<Response>;

const cipher = new CredentialCipher({ key: randomBytes(32) });
let h: AuthHarness;
let adminCookie: string;
let labelled: { sim: KubeSim; id: string; client: KubeClient };
let plain: { sim: KubeSim; id: string; client: KubeClient };
let worker: Worker;
let workerPrisma: ReturnType<typeof createPrisma>;

const shopLabels = (service: string, instance: string) => ({
  [ShepherdLabel.managedBy]: "kubevirt-shepherd",
  [ShepherdLabel.system]: "shop",
  [ShepherdLabel.service]: service,
  [ShepherdLabel.instance]: instance,
});

async function post<T>(file: string, url: string, body: unknown, params: Record<string, string> = {}) {
  const mod = (await import(/* @vite-ignore */ file)) as Record<string, Handler>;
  const res = await (mod.POST as Handler)(
    new Request(`${TEST_ORIGIN}${url}`, {
      method: "POST",
      headers: { origin: TEST_ORIGIN, "content-type": "application/json", cookie: adminCookie },
      body: JSON.stringify(body),
    }),
    { params: Promise.resolve(params) },
  );
  return { status: res.status, body: (await res.json()) as T };
}

async function startCluster() {
  const sim = await startKubeSim({ profile: "empty", stepDelayMs: 0 });
  return { sim, ...(await registerSimCluster(h.prisma, cipher, sim)) };
}

const scans = (clusterId: string) => h.prisma.adoptionScan.count({ where: { clusterId } });

beforeAll(async () => {
  h = await startAuthHarness();
  adminCookie = await h.sessionCookie("rescan_admin", "admin");
  [labelled, plain] = [await startCluster(), await startCluster()];
  await labelled.client.request({
    method: "POST",
    path: "/apis/kubevirt.io/v1/namespaces/test/virtualmachines",
    body: vmBody("dev-shop-api-01", "Halted", shopLabels("api", "01")),
  });
  await plain.client.request({
    method: "POST",
    path: "/apis/kubevirt.io/v1/namespaces/test/virtualmachines",
    body: vmBody("unlabelled-1"),
  });
  // The worker's watchers fill the cache; its periodic adoption scans stay off.
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
  const cache = new CacheService({ prisma: h.prisma, staleAfterMs: 120_000 });
  for (const c of [labelled, plain]) {
    await expectReconciled(h.prisma, c.id, c.client, ["VirtualMachine", "VirtualMachineInstance"]);
    await waitFor("cache fresh", async () => (await cache.getCacheStatus(c.id)).status === "FRESH");
  }
});

afterAll(async () => {
  await worker?.stop("test");
  await workerPrisma?.$disconnect();
  for (const c of [labelled, plain]) {
    c?.client.close();
    await c?.sim.stop();
  }
  await h?.close();
});

describe("creating a system and a service rescans the clusters concerned", () => {
  let shop: SystemView;

  it("finds the clusters by the cached labels", async () => {
    expect(await clustersLabelledWith(h.prisma, { system: "shop" })).toEqual([labelled.id]);
    expect(await clustersLabelledWith(h.prisma, { system: "shop", service: "api" })).toEqual([labelled.id]);
    expect(await clustersLabelledWith(h.prisma, { system: "shop", service: "web" })).toEqual([]);
  });

  it("a new system: the labelled cluster is scanned, the VM still an orphan (no such service yet)", async () => {
    const res = await post<SystemView>("@/app/api/v1/systems/route", "/api/v1/systems", { name: "shop" });
    expect(res.status).toBe(201);
    shop = res.body;
    expect(await scans(labelled.id)).toBe(1);
    expect(await scans(plain.id)).toBe(0);
    const scan = await h.prisma.adoptionScan.findFirstOrThrow({ where: { clusterId: labelled.id } });
    expect(scan).toMatchObject({ found: 1, new: 0, error: null });
    expect(scan.orphans).toMatchObject([{ name: "dev-shop-api-01", reason: "MISSING_SERVICE" }]);
    expect(await h.prisma.pendingAdoption.count()).toBe(0);
  });

  it("a new service whose labels a cached VM carries: the VM is a PENDING adoption at once", async () => {
    const res = await post<ServiceView>(
      "@/app/api/v1/systems/[id]/services/route",
      `/api/v1/systems/${shop.id}/services`,
      { name: "api" },
      { id: shop.id },
    );
    expect(res.status).toBe(201);
    // No periodic scan ran (they are off): the item is there when the create answers.
    const items = await h.prisma.pendingAdoption.findMany();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      clusterId: labelled.id,
      namespace: "test",
      resourceName: "dev-shop-api-01",
      system: "shop",
      service: "api",
      status: "PENDING",
    });
    expect(await scans(labelled.id)).toBe(2);
    expect(await scans(plain.id)).toBe(0);
  });

  it("a service no cached VM carries scans nothing", async () => {
    const res = await post<ServiceView>(
      "@/app/api/v1/systems/[id]/services/route",
      `/api/v1/systems/${shop.id}/services`,
      { name: "web" },
      { id: shop.id },
    );
    expect(res.status).toBe(201);
    expect(await scans(labelled.id)).toBe(2);
    expect(await scans(plain.id)).toBe(0);
  });
});
