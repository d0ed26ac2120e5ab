// Watchers follow cluster changes at once, not at the next poll: a worker whose ownership poll is 60 s starts
// a newly registered cluster's watchers, moves them to new credentials, stops them when the cluster is
// disabled or deleted — each within seconds, driven by NOTIFY shepherd_cluster_changed. Real PostgreSQL,
// kubesim over HTTP, the worker in this process.
import { randomBytes } from "node:crypto";
import { Writable } from "node:stream";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type KubeSim, startKubeSim } from "@/kubesim/simulator";

import { deleteCluster } from "../clusters/delete-cluster";
import { CLUSTER_CHANGES_CHANNEL } from "../clusters/notify-cluster-changed";
import { registerCluster } from "../clusters/register-cluster";
import { rotateClusterCredentials } from "../clusters/rotate-cluster-credentials";
import { updateCluster } from "../clusters/update-cluster";
import { parseConfig } from "../config";
import { createPrisma, type PrismaClient } from "../db/prisma";
import { CredentialCipher } from "../k8s/credential-cipher";
import { CredentialStore } from "../k8s/credential-store";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { waitFor } from "../testing/watch-harness";
import { WATCHED_RESOURCES } from "../watch/watched-resources";
import { WORKER_CLUSTER_LISTENER_NAME } from "./follow-cluster-changes";
import { Worker } from "./worker";

/** Far beyond all the waits below together: whatever happens was the notices' doing, not the poll's. */
const POLL_MS = 600_000;
const WITHIN_MS = 15_000;

const cipher = new CredentialCipher({ key: randomBytes(32) });
const admin = { id: "u-admin", name: "admin" };
/** Messages the worker logged (debug and up), to wait for its first ownership poll. */
const logged: string[] = [];
const log = pino(
  { level: "debug" },
  new Writable({
    write(chunk: Buffer, _encoding, done) {
      logged.push(String((JSON.parse(String(chunk)) as { msg?: string }).msg));
      done();
    },
  }),
);
let db: TestDatabase;
let prisma: PrismaClient;
let first: KubeSim;
let second: KubeSim;
let worker: Worker;
let workerPrisma: PrismaClient;

beforeAll(async () => {
  db = await createTestDatabase();
  prisma = createPrisma(db.url, { maxConnections: 4 });
  [first, second] = await Promise.all([
    startKubeSim({ name: "first", profile: "empty", stepDelayMs: 0 }),
    startKubeSim({ name: "second", profile: "empty", stepDelayMs: 0 }),
  ]);
  workerPrisma = createPrisma(db.url, { maxConnections: 8 });
  worker = new Worker({
    config: parseConfig({
      CLUSTER_OWNERSHIP_POLL_MS: String(POLL_MS),
      CLUSTER_OWNERSHIP_LEASE_MS: String(POLL_MS * 3),
      HEALTH_CHECK_INTERVAL_MS: "600000",
      WATCH_STATUS_INTERVAL_MS: "200",
      CACHE_NOTIFY_DEBOUNCE_MS: "20",
      LOG_LEVEL: "debug",
    }),
    prisma: workerPrisma,
    log,
    clusterSync: { databaseUrl: db.url, cipher },
  });
  worker.start();
  // Both the first poll (its ownership session) and the cluster-change LISTEN session are up.
  await waitFor("the worker's sessions", async () => {
    const rows = await prisma.$queryRaw<{ app: string }[]>`
      SELECT application_name AS app FROM pg_stat_activity WHERE datname = current_database()`;
    const apps = rows.map((r) => r.app);
    return (
      apps.includes(WORKER_CLUSTER_LISTENER_NAME) &&
      apps.some((a) => a.startsWith("shepherd-worker-ownership"))
    );
  });
  await waitFor(
    "the first ownership poll",
    async () => logged.includes("cluster ownership polled"),
    WITHIN_MS,
  );
});

afterAll(async () => {
  await worker?.stop("test");
  await workerPrisma?.$disconnect();
  await Promise.all([first?.stop(), second?.stop()]);
  await prisma?.$disconnect();
  await db?.drop();
});

const openWatches = async (sim: KubeSim) => (await sim.client.state()).openWatches;

describe("the worker follows cluster change notices (ownership poll every 10 min)", () => {
  it("starts, re-keys, stops, restarts and drops a cluster's watchers well before its next poll", async () => {
    const deps = {
      prisma,
      store: new CredentialStore({ prisma, cipher }),
      staleAfterMs: 120_000,
      log,
    };
    const cluster = await registerCluster(deps, { name: "noticed", kubeconfig: first.kubeconfigYaml }, admin);
    await waitFor(
      "watchers of the new cluster",
      async () => (await openWatches(first)) === WATCHED_RESOURCES.length,
      WITHIN_MS,
    );
    expect(worker.ownedClusters()).toEqual([cluster.id]);

    // Rotation to another API server: the open watches move, they are not left on the old client.
    await rotateClusterCredentials(deps, cluster.id, second.kubeconfigYaml, admin);
    await waitFor(
      "watches moved to the new server",
      async () =>
        (await openWatches(first)) === 0 && (await openWatches(second)) === WATCHED_RESOURCES.length,
      WITHIN_MS,
    );

    await updateCluster(deps, cluster.id, { enabled: false }, admin);
    await waitFor(
      "disabled cluster released",
      async () => worker.ownedClusters().length === 0 && (await openWatches(second)) === 0,
      WITHIN_MS,
    );

    await updateCluster(deps, cluster.id, { enabled: true }, admin);
    await waitFor(
      "re-enabled cluster watched",
      async () => (await openWatches(second)) === WATCHED_RESOURCES.length,
      WITHIN_MS,
    );

    await deleteCluster(deps, cluster.id, admin);
    await waitFor(
      "deleted cluster dropped",
      async () => worker.ownedClusters().length === 0 && (await openWatches(second)) === 0,
      WITHIN_MS,
    );
  });
});

describe("followClusterChanges drops a cached client only when it must", () => {
  it("on credentials_rotated and deleted, and on updated only when the cluster left the enabled set", async () => {
    const { followClusterChanges } = await import("./follow-cluster-changes");
    const invalidated: string[] = [];
    let polls = 0;
    const restarted: string[] = [];
    const enabled = new Map([
      ["renamed", true],
      ["disabled", false],
    ]);
    const abort = new AbortController();
    const following = followClusterChanges({
      databaseUrl: db.url,
      sync: { reconcileNow: () => void polls++, restart: (id) => void restarted.push(id) },
      connections: { invalidate: (id) => void invalidated.push(id) },
      clusterEnabled: async (id) => enabled.get(id) ?? false,
      log,
      signal: abort.signal,
    });
    const notify = (cluster_id: string, change: string) =>
      prisma.$executeRaw`SELECT pg_notify(${CLUSTER_CHANGES_CHANNEL}, ${JSON.stringify({ cluster_id, change })})`;
    try {
      // Listening once a notice gets through.
      await waitFor(
        "listening",
        async () => {
          await notify("new", "registered");
          return polls > 0;
        },
        WITHIN_MS,
      );
      await notify("renamed", "updated");
      await notify("disabled", "updated");
      await notify("rotated", "credentials_rotated");
      await notify("gone", "deleted");
      await notify("renamed", "checked");
      await waitFor("every notice applied", async () => invalidated.includes("gone"), WITHIN_MS);
      await waitFor("the updated ones decided", async () => invalidated.includes("disabled"), WITHIN_MS);
      expect([...invalidated].sort()).toEqual(["disabled", "gone", "rotated"]);
      expect(restarted).toEqual(["rotated"]);
    } finally {
      abort.abort();
      await following;
    }
  });
});
