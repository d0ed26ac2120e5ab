// What the home page and /api/v1/system/status report: can the web process reach the database, and is a
// worker alive (its heartbeat row is recent). Read-only; never throws for a down database.
import "server-only";
import type { SystemStatus } from "@/lib/system/system-status-view";
import type { Config } from "../config";
import type { PrismaClient } from "../db/prisma";
import type { Logger } from "../log";

export interface SystemStatusDeps {
  prisma: PrismaClient;
  config: Pick<Config, "worker">;
  log: Pick<Logger, "warn">;
}

export async function getSystemStatus(
  { prisma, config, log }: SystemStatusDeps,
  now: Date = new Date(),
): Promise<SystemStatus> {
  const checkedAt = now.toISOString();
  const started = performance.now();
  try {
    await prisma.$queryRaw`SELECT 1`;
    const latencyMs = Math.round(performance.now() - started);
    const staleBefore = new Date(now.getTime() - config.worker.staleAfterMs);
    const [latest, instances] = await Promise.all([
      prisma.workerHeartbeat.findFirst({ orderBy: { lastSeenAt: "desc" } }),
      prisma.workerHeartbeat.count({ where: { stoppedAt: null, lastSeenAt: { gte: staleBefore } } }),
    ]);
    const worker: SystemStatus["worker"] = latest
      ? { state: instances > 0 ? "up" : "down", lastSeenAt: latest.lastSeenAt.toISOString(), instances }
      : { state: "never-seen", instances: 0 };
    return { checkedAt, database: { ok: true, latencyMs }, worker };
  } catch (err) {
    log.warn({ err }, "system status: database unavailable");
    return {
      checkedAt,
      database: { ok: false, errorCode: "DATABASE_UNAVAILABLE" },
      worker: { state: "unknown", instances: 0 },
    };
  }
}
