// ResourceWatchers against kubesim over HTTP and a real PostgreSQL, one test per behaviour of issue 6; each ends
// with the reconciliation check: the cached rows equal the cluster's objects exactly.
import { randomBytes } from "node:crypto";
import pino from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type KubeSim, startKubeSim } from "@/kubesim/simulator";
import { isAppError } from "@/lib/errors/app-error";
import { CacheService } from "../cache/cache-service";
import { parseConfig } from "../config";
import type { ResourceKind } from "../db/generated/prisma/enums";
import { createPrisma, type PrismaClient } from "../db/prisma";
import { CredentialCipher } from "../k8s/credential-cipher";
import type { KubeClient } from "../k8s/kube-client";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import {
  createVM,
  deleteVM,
  expectReconciled,
  patchVM,
  registerSimCluster,
  waitFor,
} from "../testing/watch-harness";
import { watchBackoff } from "./backoff";
import { createClusterBreaker, type WatchBreaker } from "./circuit-breaker";
import { kubeListWatchSource } from "./kube-list-watch-source";
import type { WatchEvent } from "./list-watch-source";
import { ResourceWatcher } from "./resource-watcher";
import { countsTowardBreaker } from "./watch-failure";
import { collectionPath, WATCHED_RESOURCES } from "./watched-resources";

const log = pino({ level: "silent" });
const config = parseConfig({
  WATCH_BACKOFF_BASE_MS: "20",
  WATCH_BACKOFF_MAX_MS: "200",
  WATCH_BREAKER_OPEN_MS: "1000",
  WATCH_INACTIVITY_MS: "10000",
  WATCH_STATUS_INTERVAL_MS: "200",
  WATCH_BATCH_MAX_WAIT_MS: "5",
  WATCH_LIST_PAGE_SIZE: "7",
});
const VM_KINDS: ResourceKind[] = ["VirtualMachine", "VirtualMachineInstance"];

let db: TestDatabase;
let prisma: PrismaClient;
let cache: CacheService;
const cipher = new CredentialCipher({ key: randomBytes(32) });
const running: (() => Promise<void>)[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  prisma = createPrisma(db.url, { maxConnections: 8 });
  cache = new CacheService({ prisma, staleAfterMs: 120_000 });
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((stop) => stop()));
});
afterAll(async () => {
  await prisma?.$disconnect();
  await db?.drop();
});

interface Harness {
  sim: KubeSim;
  clusterId: string;
  client: KubeClient;
  breaker: WatchBreaker;
  watchers: ResourceWatcher[];
  /** resourceVersions of the VM batches, in the order they were committed. */
  committed: string[];
  start(): void;
  stop(): Promise<void>;
}

async function harness(kinds: ResourceKind[] = VM_KINDS, profile = "empty"): Promise<Harness> {
  const sim = await startKubeSim({ profile, stepDelayMs: 0 });
  const { id: clusterId, client } = await registerSimCluster(prisma, cipher, sim);
  const breaker = createClusterBreaker({
    threshold: config.watch.breakerThreshold,
    openMs: config.watch.breakerOpenMs,
    counts: countsTowardBreaker,
  });
  const committed: string[] = [];
  let abort = new AbortController();
  let runs: Promise<void>[] = [];
  const h: Harness = {
    sim,
    clusterId,
    client,
    breaker,
    watchers: [],
    committed,
    start() {
      abort = new AbortController();
      h.watchers = WATCHED_RESOURCES.filter((r) => kinds.includes(r.kind)).map(({ kind, api }) => {
        const sink = cache.sink(clusterId, kind);
        const applyBatch = sink.applyBatch.bind(sink);
        sink.applyBatch = async (events: readonly WatchEvent[], rv: string) => {
          await applyBatch(events, rv);
          if (kind === "VirtualMachine") committed.push(rv);
        };
        return new ResourceWatcher({
          clusterId,
          kind,
          source: kubeListWatchSource({
            clusterId,
            path: collectionPath(api),
            client: async () => client,
            invalidate: () => undefined,
          }),
          sink,
          breaker,
          backoff: watchBackoff(config.watch),
          timing: config.watch,
          log,
        });
      });
      runs = h.watchers.map((w) => w.run(abort.signal));
    },
    async stop() {
      abort.abort();
      await Promise.all(runs);
    },
  };
  running.push(async () => {
    await h.stop();
    client.close();
    await sim.stop();
  });
  return h;
}

const watching = (h: Harness) =>
  waitFor("every watcher watching", () => h.watchers.every((w) => w.status().state === "watching"));
const syncState = (h: Harness, kind: ResourceKind = "VirtualMachine") =>
  prisma.cacheSyncState.findUnique({
    where: { clusterId_resourceKind: { clusterId: h.clusterId, resourceKind: kind } },
  });

describe("ResourceWatcher against kubesim", () => {
  it("initial sync: a paginated list fills the cache with every VM and VMI, then the cluster is FRESH", async () => {
    const h = await harness(VM_KINDS, "default"); // 28 VMs in three namespaces, about 60 % running
    const vms = (await h.sim.client.state()).counts.virtualmachines;
    expect(vms).toBeGreaterThan(20); // more than 3 pages of 7
    h.start();
    await watching(h);
    await expectReconciled(prisma, h.clusterId, h.client, VM_KINDS);
    const rows = await prisma.cachedResource.count({
      where: { clusterId: h.clusterId, kind: "VirtualMachine" },
    });
    expect(rows).toBe(vms);
    expect((await syncState(h))?.resourceVersion).toBeTruthy();
    await waitFor("FRESH", async () => (await cache.getCacheStatus(h.clusterId)).status === "FRESH");
    const list = await cache.listVMs({
      clusterIds: [h.clusterId],
      limit: 5,
      sort: { field: "name", direction: "asc" },
    });
    expect(list.total).toBe(vms);
    expect(list.items).toHaveLength(5);
    expect(list.cacheStatus).toBe("FRESH");
    expect(list.items.some((i) => i.vm.status === "RUNNING" || i.vm.status === "STOPPED")).toBe(true);
  });

  it("ordered updates: 30 quick changes to one VM are committed in stream order and end in its last state", async () => {
    const h = await harness(["VirtualMachine"]);
    h.start();
    await watching(h);
    await createVM(h.client, "ordered");
    for (let i = 1; i <= 30; i++)
      await patchVM(h.client, "ordered", { metadata: { labels: { step: String(i) } } });
    await expectReconciled(prisma, h.clusterId, h.client, ["VirtualMachine"]);
    const row = await prisma.cachedResource.findFirstOrThrow({
      where: { clusterId: h.clusterId, name: "ordered" },
    });
    expect(row.labels).toEqual({ step: "30" });
    // kubesim's versions are integers, so the test may compare them (the product never does).
    const numbers = h.committed.map(Number);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
  });

  it("410 through compaction: stale reads and CLUSTER_REBUILDING during the relist, then the gap is swept", async () => {
    const h = await harness(VM_KINDS);
    h.start();
    await watching(h);
    await createVM(h.client, "keep");
    await createVM(h.client, "doomed");
    await expectReconciled(prisma, h.clusterId, h.client, VM_KINDS);
    await h.stop();

    // While no worker watches: one VM deleted, one created, and the history compacted past the stored version.
    await deleteVM(h.client, "doomed");
    await createVM(h.client, "newcomer");
    await h.sim.client.compact();
    await h.sim.client.setLatency(1_500); // holds the relist open long enough to look at the rebuilding state
    const failuresBefore = h.breaker.countedFailures;
    h.start();

    await waitFor("rebuilding", async () => (await syncState(h))?.rebuilding === true);
    expect((await syncState(h))?.resourceVersion).toBeNull();
    expect(await cache.isClusterRebuilding(h.clusterId)).toBe(true);
    expect((await cache.getCacheStatus(h.clusterId)).status).toBe("REBUILDING");
    const stale = await cache.listVMs({ clusterIds: [h.clusterId] });
    expect(stale.cacheStatus).toBe("STALE");
    expect(stale.items.map((i) => i.vm.name).sort()).toEqual(["doomed", "keep"]); // the old snapshot, not empty
    const refused = await cache.assertClusterWritable(h.clusterId).catch((e: unknown) => e);
    expect(isAppError(refused) && refused.code).toBe("CLUSTER_REBUILDING");
    expect(isAppError(refused) && refused.httpStatus).toBe(503);

    await h.sim.client.setLatency(0);
    // Every kind's watcher met the compaction and relists on its own; writes wait for all of them.
    await waitFor("rebuilt", async () => !(await cache.isClusterRebuilding(h.clusterId)));
    await expectReconciled(prisma, h.clusterId, h.client, VM_KINDS);
    const names = (await cache.listVMs({ clusterIds: [h.clusterId] })).items.map((i) => i.vm.name).sort();
    expect(names).toEqual(["keep", "newcomer"]);
    expect(h.breaker.countedFailures).toBe(failuresBefore); // a 410 is not a breaker failure
    expect(h.watchers[0]?.status().gones).toBe(1);
    await expect(cache.assertClusterWritable(h.clusterId)).resolves.toBeUndefined();
  });

  it("dropped watches: every watcher re-watches from its last version, without a relist", async () => {
    const h = await harness(VM_KINDS);
    h.start();
    await watching(h);
    await createVM(h.client, "before-drop", "Always");
    await expectReconciled(prisma, h.clusterId, h.client, VM_KINDS);
    await h.sim.client.dropWatches();
    await createVM(h.client, "after-drop", "Always");
    await patchVM(h.client, "before-drop", { spec: { runStrategy: "Halted" } });
    await expectReconciled(prisma, h.clusterId, h.client, VM_KINDS);
    for (const w of h.watchers) expect(w.status()).toMatchObject({ relists: 1, gones: 0 });
    expect(h.watchers.some((w) => w.status().restarts >= 1)).toBe(true);
  });

  it("API server down: the breaker opens after 5 failures, and the watcher recovers when the server returns", async () => {
    const h = await harness(["VirtualMachine"]);
    h.start();
    await watching(h);
    await createVM(h.client, "survivor");
    await expectReconciled(prisma, h.clusterId, h.client, ["VirtualMachine"]);

    await h.sim.client.refuseConnections(3_000);
    await waitFor("breaker open", () => h.breaker.state === "open");
    expect(h.breaker.countedFailures).toBe(5);
    await waitFor("watcher shows it", () => h.watchers[0]?.status().state === "breaker-open");
    await waitFor("state stored", async () => (await syncState(h))?.state === "breaker-open");
    const refused = await cache.assertClusterWritable(h.clusterId).catch((e: unknown) => e);
    expect(isAppError(refused) && refused.code).toBe("CLUSTER_UNHEALTHY");
    expect((await cache.getCacheStatus(h.clusterId)).status).toBe("STALE");

    await waitFor("recovered", () => h.watchers[0]?.status().state === "watching", 20_000);
    expect(h.breaker.state).toBe("closed");
    await createVM(h.client, "after-outage");
    await expectReconciled(prisma, h.clusterId, h.client, ["VirtualMachine"]);
  });
});
