// The worker against a real database: it records heartbeats, and stop() ends every task it started —
// no timer, socket or pool outlives it (ARCHITECTURE rule 6).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../config";
import { createPrisma, type PrismaClient } from "../db/prisma";
import { createLogger } from "../log";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { Worker } from "./worker";

let db: TestDatabase;
let prisma: PrismaClient;

beforeAll(async () => {
  db = await createTestDatabase();
  prisma = createPrisma(db.url, { maxConnections: 2 });
});
afterAll(async () => {
  await prisma.$disconnect();
  await db.drop();
});

const config = parseConfig({ WORKER_HEARTBEAT_INTERVAL_MS: "50", LOG_LEVEL: "silent" });
const log = createLogger(config, "worker-test");

async function until(check: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("Worker", () => {
  it("beats while running and is marked stopped after stop()", async () => {
    const workerPrisma = createPrisma(db.url, { maxConnections: 2 });
    const worker = new Worker({ config, prisma: workerPrisma, log });
    worker.start();

    await until(
      async () => (await prisma.workerHeartbeat.count({ where: { id: worker.identity.id } })) === 1,
    );
    const first = await prisma.workerHeartbeat.findUniqueOrThrow({ where: { id: worker.identity.id } });
    await until(async () => {
      const row = await prisma.workerHeartbeat.findUniqueOrThrow({ where: { id: worker.identity.id } });
      return row.lastSeenAt > first.lastSeenAt;
    });

    await worker.stop("test");
    await workerPrisma.$disconnect();
    const row = await prisma.workerHeartbeat.findUniqueOrThrow({ where: { id: worker.identity.id } });
    expect(row.stoppedAt).not.toBeNull();
    expect(row.pid).toBe(process.pid);
  });

  it("leaves no timer or connection behind once stopped", async () => {
    const resourcesBefore = process.getActiveResourcesInfo().filter((r) => r !== "TTYWrap");
    const workerPrisma = createPrisma(db.url, { maxConnections: 2 });
    const worker = new Worker({ config, prisma: workerPrisma, log });
    worker.start();
    await until(
      async () => (await prisma.workerHeartbeat.count({ where: { id: worker.identity.id } })) === 1,
    );
    await Promise.all([worker.stop("first caller"), worker.stop("second caller")]);
    await workerPrisma.$disconnect();
    await new Promise((r) => setImmediate(r));

    const after = process.getActiveResourcesInfo().filter((r) => r !== "TTYWrap");
    const count = (list: string[], kind: string) => list.filter((r) => r === kind).length;
    expect(count(after, "Timeout")).toBeLessThanOrEqual(count(resourcesBefore, "Timeout"));
    expect(count(after, "TCPSocketWrap")).toBeLessThanOrEqual(count(resourcesBefore, "TCPSocketWrap"));
  });
});
