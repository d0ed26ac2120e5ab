// The worker's adoption scans against kubesim and a real PostgreSQL: a cluster the worker takes over is scanned
// as soon as its cache is FRESH (not only after the interval), and a scan that changed the inbox sends
// NOTIFY shepherd_adoptions_changed. The interval itself is the schedule's (adoption-scan-schedule.test.ts).
import { randomBytes } from "node:crypto";
import pg from "pg";
import pino from "pino";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startKubeSim } from "@/kubesim/simulator";
import { ShepherdLabel } from "@/lib/domain/labels";
import { ADOPTIONS_CHANGED_CHANNEL } from "../adoption/adoption-change-notice";
import { parseConfig } from "../config";
import { createPrisma, type PrismaClient } from "../db/prisma";
import { CredentialCipher } from "../k8s/credential-cipher";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { registerSimCluster, vmBody, waitFor } from "../testing/watch-harness";
import { Worker } from "./worker";

const cipher = new CredentialCipher({ key: randomBytes(32) });
let db: TestDatabase;
let prisma: PrismaClient;

beforeAll(async () => {
  db = await createTestDatabase();
  prisma = createPrisma(db.url, { maxConnections: 5 });
});
afterAll(async () => {
  await prisma?.$disconnect();
  await db?.drop();
});

it("scans a cluster it owns once its cache is fresh, and announces the change", async () => {
  const sim = await startKubeSim({ profile: "empty", stepDelayMs: 0 });
  const { id, client } = await registerSimCluster(prisma, cipher, sim);
  const system = await prisma.system.create({ data: { name: "shop" } });
  await prisma.service.create({ data: { systemId: system.id, name: "api" } });
  await client.request({
    method: "POST",
    path: "/apis/kubevirt.io/v1/namespaces/test/virtualmachines",
    body: vmBody("dev-shop-api-03", "Halted", {
      [ShepherdLabel.system]: "shop",
      [ShepherdLabel.service]: "api",
      [ShepherdLabel.instance]: "03",
    }),
  });
  const listener = new pg.Client({ connectionString: db.url });
  await listener.connect();
  const notices: string[] = [];
  listener.on("notification", (n) => notices.push(n.payload ?? ""));
  await listener.query(`LISTEN ${ADOPTIONS_CHANGED_CHANNEL}`);

  // An interval far longer than the test: the first scan can only come from "cache became fresh".
  const config = parseConfig({
    CLUSTER_OWNERSHIP_POLL_MS: "150",
    WATCH_STATUS_INTERVAL_MS: "200",
    ADOPTION_SCAN_INTERVAL_MS: "3600000",
    LOG_LEVEL: "silent",
  });
  const workerPrisma = createPrisma(db.url, { maxConnections: 8 });
  const worker = new Worker({
    config,
    prisma: workerPrisma,
    log: pino({ level: "silent" }),
    clusterSync: { databaseUrl: db.url, cipher },
  });
  worker.start();
  try {
    const scan = await waitFor(
      "the first scan",
      async () => (await prisma.adoptionScan.findFirst({ where: { clusterId: id } })) ?? undefined,
      30_000,
    );
    expect(scan).toMatchObject({ found: 1, new: 1, error: null });
    const item = await prisma.pendingAdoption.findFirstOrThrow({ where: { clusterId: id } });
    expect(item).toMatchObject({ resourceName: "dev-shop-api-03", status: "PENDING" });
    expect(item.discoveredBy).toBe(`worker:${worker.identity.id}`);
    await waitFor("the change notice", () => notices.includes(JSON.stringify({ cluster_id: id })));
  } finally {
    await worker.stop("test");
    await workerPrisma.$disconnect();
    await listener.end();
    client.close();
    await sim.stop();
  }
});
