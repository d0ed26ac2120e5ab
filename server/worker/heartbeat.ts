// The worker's proof of life: one row per worker instance in worker_heartbeats, refreshed every interval.
// The web process reads it to show whether a worker is running; a clean stop marks the row stopped.
import os from "node:os";
import type { PrismaClient } from "../db/prisma";

export interface WorkerIdentity {
  id: string;
  hostname: string;
  pid: number;
  startedAt: Date;
}

export function newWorkerIdentity(): WorkerIdentity {
  const hostname = os.hostname();
  return {
    id: `${hostname}-${process.pid}-${Date.now().toString(36)}`,
    hostname,
    pid: process.pid,
    startedAt: new Date(),
  };
}

export async function beat(prisma: PrismaClient, me: WorkerIdentity, now = new Date()): Promise<void> {
  await prisma.workerHeartbeat.upsert({
    where: { id: me.id },
    create: { id: me.id, hostname: me.hostname, pid: me.pid, startedAt: me.startedAt, lastSeenAt: now },
    update: { lastSeenAt: now },
  });
}

export async function markStopped(prisma: PrismaClient, me: WorkerIdentity, now = new Date()): Promise<void> {
  await prisma.workerHeartbeat.updateMany({
    where: { id: me.id },
    data: { stoppedAt: now, lastSeenAt: now },
  });
}
