// A throw-away, migrated embedded PostgreSQL for one benchmark: a free port, a temporary folder, and close()
// that disconnects, stops the server and removes the folder.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { freePort, startEmbeddedDatabase } from "../server/db/embedded-database.ts";
import { migrateDatabase } from "../server/db/migrate.ts";
import { createPrisma, type PrismaClient } from "../server/db/prisma.ts";

export interface BenchDatabase {
  url: string;
  prisma: PrismaClient;
  close(): Promise<void>;
}

export async function openBenchDatabase(opts: { maxConnections: number }): Promise<BenchDatabase> {
  const log = pino({ level: "silent" });
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), "shepherd-bench-"));
  const removeTmp = () => fs.rm(tmp, { recursive: true, force: true });
  const db = await startEmbeddedDatabase({
    dir: path.join(tmp, "pg"),
    port: await freePort(),
    database: "shepherd",
    persistent: false,
    log,
  }).catch(async (error: unknown) => {
    await removeTmp();
    throw error;
  });
  try {
    await migrateDatabase(db.url, log);
  } catch (error) {
    await db.stop();
    await removeTmp();
    throw error;
  }
  const prisma = createPrisma(db.url, { maxConnections: opts.maxConnections });
  return {
    url: db.url,
    prisma,
    async close() {
      await prisma.$disconnect().catch(() => undefined);
      await db.stop();
      await removeTmp();
    },
  };
}
