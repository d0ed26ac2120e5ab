// The worker: owns every background task of Shepherd (today the heartbeat; watchers, health checks,
// adoption scans and the job queue join in later issues). start() returns at once; stop() aborts every
// task and resolves when all of them have finished and the database pool is closed.
import type { Config } from "../config";
import type { PrismaClient } from "../db/prisma";
import type { Logger } from "../log";
import { beat, markStopped, newWorkerIdentity, type WorkerIdentity } from "./heartbeat";
import { runPeriodically } from "./periodic-task";

export interface WorkerOptions {
  config: Pick<Config, "worker">;
  prisma: PrismaClient;
  log: Logger;
}

export class Worker {
  readonly identity: WorkerIdentity = newWorkerIdentity();
  private readonly abort = new AbortController();
  private tasks: Promise<void>[] = [];
  private stopped: Promise<void> | undefined;

  constructor(private readonly opts: WorkerOptions) {}

  start(): void {
    const { config, prisma, log } = this.opts;
    const signal = this.abort.signal;
    log.info({ worker: this.identity.id }, "worker starting");
    this.tasks.push(
      runPeriodically(
        { name: "heartbeat", intervalMs: config.worker.heartbeatIntervalMs, signal, log },
        async () => {
          await beat(prisma, this.identity);
          log.debug({ worker: this.identity.id }, "heartbeat");
        },
      ),
    );
  }

  /** Idempotent: every caller awaits the same shutdown. */
  stop(reason: string): Promise<void> {
    this.stopped ??= (async () => {
      const { prisma, log } = this.opts;
      log.info({ reason }, "worker stopping");
      this.abort.abort(new Error(reason));
      await Promise.allSettled(this.tasks);
      await markStopped(prisma, this.identity).catch((err: unknown) =>
        log.warn({ err }, "could not mark the worker stopped"),
      );
      log.info("worker stopped");
    })();
    return this.stopped;
  }
}
