// The worker against a real database: it records heartbeats, and stop() ends every task it started —
// no timer, socket or pool outlives it (ARCHITECTURE rule 6).
import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../config";
import { createPrisma, PrismaClient } from "../db/prisma";
import { createLogger } from "../log";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { Worker } from "./worker";

let db: TestDatabase;
/** The test's own view of the database: one warm connection and no idle timer, so that any socket or
 * timer that appears while a worker runs belongs to the worker. */
let observer: PrismaClient;

beforeAll(async () => {
  db = await createTestDatabase();
  observer = new PrismaClient({
    adapter: new PrismaPg({ connectionString: db.url, max: 1, idleTimeoutMillis: 0 }),
  });
  await observer.$queryRaw`SELECT 1`;
});
afterAll(async () => {
  await observer.$disconnect();
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

const heartbeatOf = (worker: Worker) =>
  observer.workerHeartbeat.findUnique({ where: { id: worker.identity.id } });

describe("Worker", () => {
  it("beats while running and is marked stopped after stop()", async () => {
    const workerPrisma = createPrisma(db.url, { maxConnections: 2 });
    const worker = new Worker({ config, prisma: workerPrisma, log });
    worker.start();

    await until(async () => (await heartbeatOf(worker)) !== null);
    const first = await heartbeatOf(worker);
    await until(async () => ((await heartbeatOf(worker))?.lastSeenAt ?? 0) > (first?.lastSeenAt ?? 0));
    expect((await heartbeatOf(worker))?.stoppedAt).toBeNull();

    await worker.stop("test");
    await workerPrisma.$disconnect();
    const row = await heartbeatOf(worker);
    expect(row?.stoppedAt).not.toBeNull();
    expect(row?.pid).toBe(process.pid);
  });

  it("runs nothing and holds no timer once stopped", async () => {
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;
    const timersBefore = timers();
    const workerPrisma = createPrisma(db.url, { maxConnections: 2 });
    const worker = new Worker({ config, prisma: workerPrisma, log });
    worker.start();
    await until(async () => (await heartbeatOf(worker)) !== null);

    await Promise.all([worker.stop("first caller"), worker.stop("second caller")]);
    await workerPrisma.$disconnect();
    const atStop = await heartbeatOf(worker);
    await new Promise((r) => setTimeout(r, 4 * 50)); // four heartbeat intervals
    expect((await heartbeatOf(worker))?.lastSeenAt).toEqual(atStop?.lastSeenAt);
    expect(timers()).toBeLessThanOrEqual(timersBefore);
  });
});
