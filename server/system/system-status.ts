// What the home page and /api/v1/system/status report: can the web process reach the database, and is a
// worker alive (its heartbeat row is recent). Read-only; never throws for a down database.
import "server-only";
import { loadConfig } from "../config";
import { getPrisma } from "../db/prisma";
import { getProcessLogger } from "../log";

export interface SystemStatus {
  checkedAt: string;
  database: { ok: boolean; latencyMs?: number; errorCode?: string };
  /** "unknown" when the database cannot be asked. */
  worker: { state: "up" | "down" | "never-seen" | "unknown"; lastSeenAt?: string; instances: number };
}

export async function getSystemStatus(now: Date = new Date()): Promise<SystemStatus> {
  const checkedAt = now.toISOString();
  const started = performance.now();
  try {
    const prisma = getPrisma();
    await prisma.$queryRaw`SELECT 1`;
    const latencyMs = Math.round(performance.now() - started);
    const staleBefore = new Date(now.getTime() - loadConfig().worker.staleAfterMs);
    const [latest, instances] = await Promise.all([
      prisma.workerHeartbeat.findFirst({ orderBy: { lastSeenAt: "desc" } }),
      prisma.workerHeartbeat.count({ where: { stoppedAt: null, lastSeenAt: { gte: staleBefore } } }),
    ]);
    const worker: SystemStatus["worker"] = latest
      ? { state: instances > 0 ? "up" : "down", lastSeenAt: latest.lastSeenAt.toISOString(), instances }
      : { state: "never-seen", instances: 0 };
    return { checkedAt, database: { ok: true, latencyMs }, worker };
  } catch (err) {
    getProcessLogger().warn({ err }, "system status: database unavailable");
    return {
      checkedAt,
      database: { ok: false, errorCode: "DATABASE_UNAVAILABLE" },
      worker: { state: "unknown", instances: 0 },
    };
  }
}
