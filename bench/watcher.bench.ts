// The ResourceWatcher into PostgreSQL against kubesim, next to @kubernetes/client-node's informer into memory:
// time to first full sync of 10,000 VMs + their VMIs, sustained event throughput (events applied and committed
// per second), event-to-row latency p50/p99, and the time to recover from a 410 at 10,000 VMs.
// Starts its own embedded PostgreSQL. Run: node --conditions=react-server --import tsx bench/watcher.bench.ts
//   [--vms N] [--writes N]
import { randomBytes } from "node:crypto";
import os from "node:os";
import * as k8s from "@kubernetes/client-node";
import pino from "pino";
import { startKubeSim } from "../kubesim/simulator.ts";
import { CacheService } from "../server/cache/cache-service.ts";
import { parseConfig } from "../server/config.ts";
import type { ResourceKind } from "../server/db/generated/prisma/enums.ts";
import { CredentialCipher } from "../server/k8s/credential-cipher.ts";
import { registerSimCluster } from "../server/testing/watch-harness.ts";
import { createBackoff } from "../server/watch/backoff.ts";
import { createClusterBreaker } from "../server/watch/circuit-breaker.ts";
import { systemClock } from "../server/watch/clock.ts";
import { kubeListWatchSource } from "../server/watch/kube-list-watch-source.ts";
import type { WatchEvent } from "../server/watch/list-watch-source.ts";
import { ResourceWatcher } from "../server/watch/resource-watcher.ts";
import { countsTowardBreaker } from "../server/watch/watch-failure.ts";
import { collectionPath, WATCHED_RESOURCES } from "../server/watch/watched-resources.ts";
import { openBenchDatabase } from "./bench-database.ts";

function arg(name: string, def: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : Number.NaN;
  return Number.isFinite(v) && v > 0 ? v : def;
}
const VMS = arg("vms", 10_000);
const WRITES = arg("writes", 3_000);
const WRITERS = 16;
const log = pino({ level: "silent" });
const config = parseConfig({ LOG_LEVEL: "silent" });

const pgdb = await openBenchDatabase({ maxConnections: 10 });
const { prisma } = pgdb;
const cache = new CacheService({ prisma, staleAfterMs: 120_000 });
const sim = await startKubeSim({ profile: "default", vmCount: VMS, stepDelayMs: 300, historyLimit: 500_000 });
const { id: clusterId, client } = await registerSimCluster(
  prisma,
  new CredentialCipher({ key: randomBytes(32) }),
  sim,
);
const state0 = await sim.client.state();
const vmNames = (
  await client.request<{ items: { metadata: { name: string; namespace: string } }[] }>({
    method: "GET",
    path: "/apis/kubevirt.io/v1/virtualmachines",
  })
).items.map((o) => o.metadata);

/** Commit time of each VM resourceVersion (event-to-row latency). */
const committedAt = new Map<string, number>();
let abort = new AbortController();
let watchers: ResourceWatcher[] = [];
let runs: Promise<void>[] = [];
const kinds: ResourceKind[] = ["VirtualMachine", "VirtualMachineInstance"];

function startWatchers(): void {
  abort = new AbortController();
  const breaker = createClusterBreaker({ threshold: 5, openMs: 60_000, counts: countsTowardBreaker });
  watchers = WATCHED_RESOURCES.filter((r) => kinds.includes(r.kind)).map(({ kind, api }) => {
    const sink = cache.sink(clusterId, kind);
    const apply = sink.applyBatch.bind(sink);
    sink.applyBatch = async (events: readonly WatchEvent[], rv: string) => {
      await apply(events, rv);
      const now = performance.now();
      if (kind === "VirtualMachine") for (const e of events) committedAt.set(e.resourceVersion, now);
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
      backoff: createBackoff({
        baseMs: 1_000,
        maxMs: 60_000,
        resetAfterMs: 120_000,
        clock: systemClock,
        random: Math.random,
      }),
      timing: config.watch,
      log,
    });
  });
  runs = watchers.map((w) => w.run(abort.signal));
}

async function stopWatchers(): Promise<void> {
  abort.abort();
  await Promise.all(runs);
}

async function until(check: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((r) => setTimeout(r, 5));
}

const allWatching = () => watchers.every((w) => w.status().state === "watching");

// 1. First full sync.
let t0 = performance.now();
startWatchers();
await until(allWatching);
const syncMs = performance.now() - t0;
const rows = await prisma.cachedResource.count({ where: { clusterId } });

// 2. Sustained writes → events applied and committed; event-to-row latency.
const writtenAt = new Map<string, number>();
async function writeBurst(n: number, label: string): Promise<string> {
  let next = 0;
  let lastRv = "";
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      while (next < n) {
        const i = next++;
        const target = vmNames[i % vmNames.length];
        if (!target) return;
        const res = await client.request<{ metadata: { resourceVersion: string } }>({
          method: "PATCH",
          path: `/apis/kubevirt.io/v1/namespaces/${target.namespace}/virtualmachines/${target.name}`,
          body: { metadata: { labels: { bench: `${label}-${i}` } } },
          contentType: "application/merge-patch+json",
        });
        writtenAt.set(res.metadata.resourceVersion, performance.now());
        lastRv = res.metadata.resourceVersion;
      }
    }),
  );
  return lastRv;
}
t0 = performance.now();
await writeBurst(WRITES, "a");
await until(() => [...writtenAt.keys()].every((rv) => committedAt.has(rv)));
const throughputMs = performance.now() - t0;
const latencies = [...writtenAt].map(([rv, at]) => (committedAt.get(rv) ?? at) - at).sort((a, b) => a - b);
const pct = (p: number) =>
  latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;

// 3. 410 at 10,000 VMs: changes while nobody watches, history compacted, watchers restarted from the stored RV.
await stopWatchers();
await writeBurst(100, "gap");
await sim.client.compact();
t0 = performance.now();
startWatchers();
await until(async () => {
  if (!allWatching()) return false;
  return !(await cache.isClusterRebuilding(clusterId));
});
const recoverMs = performance.now() - t0;
const gones = watchers.reduce((n, w) => n + w.status().gones, 0);
await stopWatchers();

// 4. The same cluster through @kubernetes/client-node's informer (VMs and VMIs into memory).
const kc = new k8s.KubeConfig();
kc.loadFromString(sim.kubeconfigYaml);
const co = kc.makeApiClient(k8s.CustomObjectsApi);
const informers = ["virtualmachines", "virtualmachineinstances"].map((plural) =>
  k8s.makeInformer(
    kc,
    `/apis/kubevirt.io/v1/${plural}`,
    () => co.listClusterCustomObject({ group: "kubevirt.io", version: "v1", plural }) as never,
  ),
);
const seenRvs = new Set<string>();
const seenAt = new Map<string, number>();
let informerReady = 0;
for (const inf of informers) {
  inf.on("connect", () => informerReady++);
  inf.on("update", (o: k8s.KubernetesObject) => {
    const rv = o.metadata?.resourceVersion;
    if (rv) {
      seenRvs.add(rv);
      seenAt.set(rv, performance.now());
    }
  });
}
t0 = performance.now();
await Promise.all(informers.map((i) => i.start()));
await until(() => informerReady >= 2);
const informerSyncMs = performance.now() - t0;
writtenAt.clear();
t0 = performance.now();
await writeBurst(WRITES, "b");
await until(() => [...writtenAt.keys()].every((rv) => seenRvs.has(rv)));
const informerThroughputMs = performance.now() - t0;
const infLat = [...writtenAt].map(([rv, at]) => (seenAt.get(rv) ?? at) - at).sort((a, b) => a - b);
const infPct = (p: number) => infLat[Math.min(infLat.length - 1, Math.floor((p / 100) * infLat.length))] ?? 0;
await Promise.all(informers.map((i) => i.stop()));

const vmis = state0.counts.virtualmachineinstances;
const eventsPerS = WRITES / (throughputMs / 1000);
const informerEventsPerS = WRITES / (informerThroughputMs / 1000);
console.log(
  `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
);
console.log(`cluster: ${VMS} VMs + ${vmis} VMIs (kubesim, HTTP); ${rows} rows cached`);
console.log(
  `first full sync into PostgreSQL:   ${syncMs.toFixed(0)} ms   (client-node informer into memory: ${informerSyncMs.toFixed(0)} ms, ratio ${(syncMs / informerSyncMs).toFixed(2)}×)`,
);
console.log(
  `sustained events applied+committed: ${eventsPerS.toFixed(0)} events/s over ${WRITES} writes by ${WRITERS} writers   (informer: ${informerEventsPerS.toFixed(0)} events/s, ratio ${(eventsPerS / informerEventsPerS).toFixed(2)}×)`,
);
console.log(
  `event-to-row latency:              p50 ${pct(50).toFixed(1)} ms, p99 ${pct(99).toFixed(1)} ms   (informer event-to-memory: p50 ${infPct(50).toFixed(1)} ms, p99 ${infPct(99).toFixed(1)} ms)`,
);
console.log(
  `recovery from 410 at ${VMS} VMs:     ${recoverMs.toFixed(0)} ms (relist + replace-with-sweep, ${gones} watchers saw 410)`,
);

client.close();
await sim.stop();
await pgdb.close();
