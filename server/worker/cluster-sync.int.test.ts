// Cluster ownership and the worker's watchers end to end: real worker processes (killed with SIGKILL, not
// stopped politely), kubesim over HTTP, one PostgreSQL. Each test ends with the reconciliation check.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type KubeSim, startKubeSim } from "@/kubesim/simulator";
import { CACHE_CHANGES_CHANNEL, parseCacheChangeNotice } from "../cache/change-notifier";
import { parseConfig } from "../config";
import { freePort } from "../db/embedded-database";
import { createPrisma, type PrismaClient } from "../db/prisma";
import { CredentialCipher } from "../k8s/credential-cipher";
import type { KubeClient } from "../k8s/kube-client";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { createVM, expectReconciled, patchVM, registerSimCluster, waitFor } from "../testing/watch-harness";
import { WATCHED_RESOURCES } from "../watch/watched-resources";
import { clusterLockKey } from "./cluster-ownership";
import { Worker } from "./worker";

const key = randomBytes(32);
const cipher = new CredentialCipher({ key });
const FAST = {
  CLUSTER_OWNERSHIP_POLL_MS: "150",
  CLUSTER_OWNERSHIP_LEASE_MS: "3000",
  WATCH_BACKOFF_BASE_MS: "20",
  WATCH_BACKOFF_MAX_MS: "200",
  WATCH_STATUS_INTERVAL_MS: "200",
  CACHE_NOTIFY_DEBOUNCE_MS: "20",
};

let db: TestDatabase;
let prisma: PrismaClient;
let dataDir: string;
const cleanup: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  prisma = createPrisma(db.url, { maxConnections: 5 });
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "shepherd-worker-"));
});
afterAll(async () => {
  for (const fn of cleanup.reverse()) await fn();
  await prisma?.$disconnect();
  await db?.drop();
  await fs.rm(dataDir, { recursive: true, force: true });
});

async function simCluster(): Promise<{ sim: KubeSim; id: string; client: KubeClient }> {
  const sim = await startKubeSim({ profile: "empty", stepDelayMs: 0 });
  const { id, client } = await registerSimCluster(prisma, cipher, sim);
  cleanup.push(async () => {
    client.close();
    await sim.stop();
  });
  return { sim, id, client };
}

/** A worker process as `npm start` runs it; `kill()` is SIGKILL: no cleanup, no goodbye to PostgreSQL. */
async function spawnWorker(): Promise<{ child: ChildProcess; pid: number; kill: () => Promise<void> }> {
  const child = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "server/worker/main.ts"],
    {
      env: {
        ...process.env,
        ...FAST,
        DATABASE_URL: db.url,
        SHEPHERD_ENCRYPTION_KEY: key.toString("hex"),
        SHEPHERD_DATA_DIR: dataDir,
        WORKER_METRICS_PORT: String(await freePort()),
        LOG_LEVEL: "warn",
        NODE_ENV: "test",
      },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const kill = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await exited;
  };
  cleanup.push(kill);
  return { child, pid: child.pid ?? 0, kill };
}

/** Which backend pids hold the cluster's ownership lock (the lock session of one worker, or none). */
async function lockHolders(clusterId: string): Promise<number[]> {
  const [classid, objid] = clusterLockKey(clusterId);
  const rows = await prisma.$queryRaw<{ pid: number }[]>`
    SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted
      AND classid = ${classid}::bigint::oid AND objid = ${objid}::bigint::oid AND objsubid = 2`;
  return rows.map((r) => r.pid);
}

/** Lock session backend pid → worker process pid (application_name set by ClusterOwnership). */
async function ownershipSessions(): Promise<Map<number, number>> {
  const rows = await prisma.$queryRaw<{ pid: number; app: string }[]>`
    SELECT pid, application_name AS app FROM pg_stat_activity
    WHERE application_name LIKE 'shepherd-worker-ownership:%' AND datname = current_database()`;
  return new Map(rows.map((r) => [r.pid, Number(r.app.split(":")[1])]));
}

const vmState = (clusterId: string) =>
  prisma.cacheSyncState.findUnique({
    where: { clusterId_resourceKind: { clusterId, resourceKind: "VirtualMachine" } },
  });

describe("cluster ownership and the worker's watchers", () => {
  it("starts watchers for a newly registered cluster, stops them when it is disabled, and sends NOTIFY", async () => {
    const config = parseConfig({ ...FAST, LOG_LEVEL: "silent" });
    const workerPrisma = createPrisma(db.url, { maxConnections: 8 });
    const worker = new Worker({
      config,
      prisma: workerPrisma,
      log: pino({ level: "silent" }),
      clusterSync: { databaseUrl: db.url, cipher },
      metricsPort: 0,
    });
    const listener = new pg.Client({ connectionString: db.url });
    await listener.connect();
    const notices: string[] = [];
    listener.on("notification", (n) => notices.push(n.payload ?? ""));
    await listener.query(`LISTEN ${CACHE_CHANGES_CHANNEL}`);
    worker.start();
    const { sim, id, client } = await simCluster(); // registered while the worker runs
    try {
      await waitFor("owned", () => worker.ownedClusters().includes(id));
      await waitFor("synced", async () => (await vmState(id))?.state === "watching");
      await createVM(client, "noticed", "Always");
      await expectReconciled(prisma, id, client);
      const notice = await waitFor("a notice for the VM", () =>
        notices
          .map(parseCacheChangeNotice)
          .find(
            (n) => n?.cluster === id && n.kinds.includes("VirtualMachine") && n.namespaces?.includes("test"),
          ),
      );
      expect(notice).toBeDefined();

      const ready = await fetch(`http://127.0.0.1:${worker.metricsPort}/api/health/ready`);
      const body = (await ready.json()) as {
        status: string;
        checks: { resource_watchers: { count: number } };
      };
      expect(ready.status).toBe(200);
      expect(body.checks.resource_watchers.count).toBe(WATCHED_RESOURCES.length);
      const metrics = await (await fetch(`http://127.0.0.1:${worker.metricsPort}/metrics`)).text();
      expect(metrics).toContain("shepherd_watch_events_applied_total");
      expect(metrics).toMatch(
        /shepherd_watch_state\{cluster="[^"]+",kind="VirtualMachine",state="watching"\} 1/,
      );

      await prisma.cluster.update({ where: { id }, data: { enabled: false } });
      await waitFor(
        "released",
        async () => !worker.ownedClusters().includes(id) && (await lockHolders(id)).length === 0,
      );
      await prisma.cluster.update({ where: { id }, data: { enabled: true } });
      await waitFor("owned again", () => worker.ownedClusters().includes(id));
      await createVM(client, "after-reenable");
      await expectReconciled(prisma, id, client);
    } finally {
      await worker.stop("test");
      await workerPrisma.$disconnect();
      await listener.end();
    }
    // Stopped means stopped: no watch left open on the cluster, no lock held, nothing owned.
    expect((await sim.client.state()).openWatches).toBe(0);
    expect(await lockHolders(id)).toEqual([]);
    expect(worker.ownedClusters()).toEqual([]);
  });

  it("checks the health of the clusters it owns and picks up a KubeVirt upgrade at the next check", async () => {
    const config = parseConfig({ ...FAST, HEALTH_CHECK_INTERVAL_MS: "200", LOG_LEVEL: "silent" });
    const workerPrisma = createPrisma(db.url, { maxConnections: 8 });
    const worker = new Worker({
      config,
      prisma: workerPrisma,
      log: pino({ level: "silent" }),
      clusterSync: { databaseUrl: db.url, cipher },
    });
    worker.start();
    const { sim, id } = await simCluster();
    try {
      const row = () => prisma.cluster.findUniqueOrThrow({ where: { id } });
      await waitFor("healthy", async () => (await row()).status === "HEALTHY");
      const before = await row();
      expect(before.kubevirtVersion).toMatch(/^v\d+\.\d+\.\d+/);
      expect(before.lastCheckedAt).not.toBeNull();

      await sim.client.setKubeVirt({ version: "v1.9.9" });
      await waitFor("upgrade seen", async () => (await row()).kubevirtVersion === "v1.9.9");
      const drift = await prisma.auditLog.findMany({
        where: { action: "cluster.version_drift", resourceId: id },
      });
      expect(drift).toHaveLength(1);

      await sim.client.setKubeVirt({ degraded: true });
      await waitFor("degraded seen", async () => (await row()).status === "UNHEALTHY");
    } finally {
      await worker.stop("test");
      await workerPrisma.$disconnect();
    }
  });

  it("a worker killed mid-stream and a new one started: no lost or duplicated rows, no relist", async () => {
    const { id, client } = await simCluster();
    const first = await spawnWorker();
    await waitFor("first worker synced", async () => (await vmState(id))?.state === "watching", 30_000);
    await createVM(client, "steady", "Always");

    let writing = true;
    let written = 0;
    const writer = (async () => {
      while (writing) {
        await patchVM(client, "steady", { metadata: { labels: { n: String(written++) } } });
        if (written % 10 === 0) await createVM(client, `burst-${written}`);
      }
    })();
    await waitFor("events flowing", () => written > 50);
    await first.kill(); // mid-stream: batches in flight die with the process
    const atKill = written;
    await waitFor("more changes while nobody watches", () => written > atKill + 50);
    const relistsBefore = (await vmState(id))?.relistCount;

    const second = await spawnWorker();
    await waitFor("second worker watching", async () => (await lockHolders(id)).length === 1, 30_000);
    writing = false;
    await writer;
    await expectReconciled(prisma, id, client, undefined, 30_000);
    // Resumed from the stored version: the history still had it, so no relist in the new worker.
    await waitFor("status written by the new worker", async () => (await vmState(id))?.state === "watching");
    expect((await vmState(id))?.relistCount).toBe(0);
    expect(relistsBefore).toBe(1);
    await second.kill();
  });

  it("two workers: exactly one owns each cluster, and the other takes over when the owner dies", async () => {
    const a = await simCluster();
    const b = await simCluster();
    const w1 = await spawnWorker();
    const w2 = await spawnWorker();
    await waitFor(
      "both clusters owned",
      async () => {
        const [ha, hb] = await Promise.all([lockHolders(a.id), lockHolders(b.id)]);
        return ha.length === 1 && hb.length === 1;
      },
      30_000,
    );
    const sessions = await waitFor(
      "both workers connected",
      async () => {
        const s = await ownershipSessions();
        return s.size === 2 ? s : undefined;
      },
      30_000,
    );
    const ownerOfA = (await lockHolders(a.id))[0] ?? -1;
    expect([...sessions.keys()]).toContain(ownerOfA);
    // Watch the clusters a while: double ownership would show up as two holders.
    await new Promise((r) => setTimeout(r, 500));
    expect(await lockHolders(a.id)).toEqual([ownerOfA]);
    expect((await lockHolders(b.id)).length).toBe(1);
    await expectReconciled(prisma, a.id, a.client);

    // SIGKILL the process that owns cluster a: its session ends; the survivor must take a (and b) over.
    const ownerProcess = sessions.get(ownerOfA);
    const [dying, survivor] = ownerProcess === w1.pid ? [w1, w2] : [w2, w1];
    expect(dying.pid).toBe(ownerProcess);
    const survivorSession = [...sessions.entries()].find(([, p]) => p === survivor.pid)?.[0];
    const started = Date.now();
    await dying.kill();
    await waitFor(
      "taken over",
      async () => {
        const [ha, hb] = await Promise.all([lockHolders(a.id), lockHolders(b.id)]);
        return ha.length === 1 && ha[0] === survivorSession && hb[0] === survivorSession;
      },
      15_000,
    );
    const takeoverMs = Date.now() - started;
    expect(takeoverMs).toBeLessThan(10_000);
    await createVM(a.client, "after-failover");
    await createVM(b.client, "after-failover");
    await expectReconciled(prisma, a.id, a.client);
    await expectReconciled(prisma, b.id, b.client);
    await survivor.kill();
  });
});
