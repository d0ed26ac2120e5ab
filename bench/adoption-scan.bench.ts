// The adoption discovery scan (scanClusterForAdoptions) over 10,000 labelled cached VMs (+ 2,500 VMIs) on an
// embedded PostgreSQL, every VM adoptable (its system and service seeded): the first scan (all new → PENDING
// items), an unchanged re-scan (only last_seen_at written), a re-scan after 1 % of the VMs changed, and a
// re-scan after 1,000 VMs disappeared (their items → GONE). Each the median of a few runs, with labelled VMs
// scanned per second and the ratio to the first scan. Starts its own PostgreSQL and removes it.
// Run: node --conditions=react-server --import tsx bench/adoption-scan.bench.ts [--vms N] [--runs N]
import { randomUUID } from "node:crypto";
import os from "node:os";
import pino from "pino";
import { scanClusterForAdoptions } from "../server/adoption/scan-cluster-for-adoptions.ts";
import { CacheService } from "../server/cache/cache-service.ts";
import type { ResourceKind } from "../server/db/generated/prisma/enums.ts";
import { cachedVM as vm, cachedVMI as vmi } from "../server/testing/cached-vm-fixtures.ts";
import type { WatchEvent } from "../server/watch/list-watch-source.ts";
import { openBenchDatabase } from "./bench-database.ts";

function arg(name: string, def: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : Number.NaN;
  return Number.isFinite(v) && v > 0 ? Math.floor(v) : def;
}
const N = arg("vms", 10_000);
const RUNS = arg("runs", 3);
const CHANGED = Math.max(1, Math.round(N / 100));
const REMOVED = Math.min(1_000, Math.floor(N / 10));
// The fixture's labels: kubevirt-shepherd.io/system sys-(i mod 5), kubevirt-shepherd.io/service svc-(i mod 11).
const SYSTEMS = 5;
const SERVICES = 11;
const _log = pino({ level: "silent" });

const db = await openBenchDatabase({ maxConnections: 4 });
const { prisma } = db;
try {
  // The watcher rows are written once: an hour keeps the cache FRESH for the whole run.
  const cache = new CacheService({ prisma, staleAfterMs: 3_600_000 });
  const deps = { prisma, cache, log: pino({ level: "warn" }) };
  const clusterId = randomUUID();
  await prisma.cluster.create({
    data: { id: clusterId, name: "bench", encryptedKubeconfig: Buffer.from("x"), encryptionKeyId: "k" },
  });
  for (let s = 0; s < SYSTEMS; s++)
    await prisma.system.create({
      data: {
        name: `sys-${s}`,
        services: { create: Array.from({ length: SERVICES }, (_, k) => ({ name: `svc-${k}` })) },
      },
    });

  // The cache as the watchers leave it after a full list: VMs, a VMI for every 4th, both watchers watching.
  const sinks = {
    VirtualMachine: cache.sink(clusterId, "VirtualMachine"),
    VirtualMachineInstance: cache.sink(clusterId, "VirtualMachineInstance"),
  } satisfies Record<Extract<ResourceKind, "VirtualMachine" | "VirtualMachineInstance">, unknown>;
  await sinks.VirtualMachine.replace(
    Array.from({ length: N }, (_, i) => vm(i)),
    "20000",
  );
  await sinks.VirtualMachineInstance.replace(
    Array.from({ length: Math.ceil(N / 4) }, (_, i) => vmi(i * 4)),
    "20000",
  );
  for (const sink of Object.values(sinks)) {
    const now = new Date();
    await sink.reportStatus({
      state: "watching",
      lastHeartbeatAt: now,
      lastEventAt: null,
      lastSyncAt: now,
      relists: 1,
      gones: 0,
      restarts: 0,
      lastError: null,
    });
  }
  await prisma.$executeRawUnsafe("ANALYZE cached_resources");

  let rv = 30_000;
  /** VM i as a watch event would bring it: cores > 2 changes its snapshot, a new resourceVersion each time. */
  const event = (type: WatchEvent["type"], i: number, cores = 2): WatchEvent => {
    const o = vm(i);
    o.spec.template.spec.domain.cpu.cores = cores;
    o.metadata.resourceVersion = String(++rv);
    return { type, object: o, resourceVersion: o.metadata.resourceVersion };
  };
  const apply = (events: WatchEvent[]) => sinks.VirtualMachine.applyBatch(events, String(++rv));

  interface Expect {
    found: number;
    new: number;
    updated: number;
    gone: number;
  }
  /** One timed scan; refuses to report a figure for a scan that did not do what the case says. */
  const scan = async (label: string, expected: Expect): Promise<number> => {
    const t0 = performance.now();
    const { scan: s } = await scanClusterForAdoptions(deps, clusterId, { discoveredBy: "bench" });
    const ms = performance.now() - t0;
    const got = { found: s.found, new: s.new, updated: s.updated, gone: s.gone };
    if (s.error !== null || s.orphans.length > 0 || JSON.stringify(got) !== JSON.stringify(expected))
      throw new Error(
        `${label}: expected ${JSON.stringify(expected)}, got ${JSON.stringify({ ...got, error: s.error, orphans: s.orphans.length })}`,
      );
    return ms;
  };
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  const all = { found: N, new: 0, updated: 0, gone: 0 };

  // 1. First scan: every VM becomes a PENDING item. Repeated by emptying the inbox in between.
  const first: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    await prisma.pendingAdoption.deleteMany({ where: { clusterId } });
    first.push(await scan("first scan", { ...all, new: N }));
  }
  await prisma.$executeRawUnsafe("ANALYZE pending_adoptions");

  // 2. Nothing changed: one UPDATE of last_seen_at for every item, nothing else.
  const unchanged: number[] = [];
  let stampedUpdatedAt = 0;
  for (let r = 0; r < RUNS; r++) {
    const before = new Date();
    unchanged.push(await scan("unchanged re-scan", all));
    const touched = await prisma.pendingAdoption.count({
      where: { clusterId, lastSeenAt: { gte: before } },
    });
    if (touched !== N) throw new Error(`unchanged re-scan touched last_seen_at of ${touched}, not ${N}`);
    stampedUpdatedAt = await prisma.pendingAdoption.count({
      where: { clusterId, updatedAt: { gte: before } },
    });
  }

  // 3. 1 % of the VMs resized (another 1 % each run): their items' snapshots are rewritten.
  const changed: number[] = [];
  const stride = Math.floor(N / CHANGED);
  for (let r = 0; r < RUNS; r++) {
    await apply(Array.from({ length: CHANGED }, (_, k) => event("MODIFIED", k * stride + r, 3 + r)));
    changed.push(await scan("1 % changed", { ...all, updated: CHANGED }));
  }

  // 4. 1,000 VMs deleted (a different 1,000 each run): their PENDING items become GONE. Between runs the
  //    VMs come back and an untimed scan revives their items, so each run starts from a full inbox.
  const gone: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const removed = Array.from({ length: REMOVED }, (_, k) => (r * REMOVED + k) % N);
    await apply(removed.map((i) => event("DELETED", i)));
    gone.push(await scan("1,000 gone", { ...all, found: N - REMOVED, gone: REMOVED }));
    await apply(removed.map((i) => event("ADDED", i)));
    await scan("revive", { ...all, new: REMOVED });
  }

  const base = median(first);
  const cpu = os.cpus();
  console.log(
    `machine: ${cpu.length} × ${cpu[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  );
  console.log(
    `adoption scan of ${N.toLocaleString("en")} labelled cached VMs (+ ${Math.ceil(N / 4).toLocaleString("en")} VMIs), all adoptable; median of ${RUNS} runs${N === 10_000 ? "" : ` (reduced from 10,000 VMs by --vms)`}`,
  );
  const line = (name: string, times: number[], note: string, scanned = N) => {
    const m = median(times);
    console.log(
      `  ${name.padEnd(30)} ${m.toFixed(0).padStart(6)} ms  ${Math.round(scanned / (m / 1000))
        .toLocaleString("en")
        .padStart(7)} VMs/s  ${`${(m / base).toFixed(2)}× first`.padStart(11)}   ${note}`,
    );
  };
  line("first scan", first, `${N.toLocaleString("en")} PENDING items created`);
  line(
    "unchanged re-scan",
    unchanged,
    `one UPDATE: last_seen_at of ${N.toLocaleString("en")} items${stampedUpdatedAt > 0 ? " (+ Prisma's updated_at)" : ""}`,
  );
  line(`re-scan, ${CHANGED} changed (1 %)`, changed, `${CHANGED} snapshots rewritten`);
  line(
    `re-scan, ${REMOVED.toLocaleString("en")} gone`,
    gone,
    `${REMOVED.toLocaleString("en")} items → GONE`,
    N - REMOVED,
  );
} finally {
  await db.close();
}
