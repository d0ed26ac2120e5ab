/**
 * The job runner of a worker process: graphile-worker's `run()` over the registry's tasks, owned like every
 * other background task (started with the worker's AbortSignal, awaited on shutdown). New jobs arrive by
 * LISTEN/NOTIFY at once; retries that are due are found by polling. Any number of workers may run one: each
 * job is locked (SELECT … FOR UPDATE SKIP LOCKED) by exactly one of them while it runs, and a worker that
 * dies leaves its jobs to be picked up again after graphile-worker's lock timeout.
 */
import "server-only";
import { run } from "graphile-worker";
import type { Logger } from "../log";
import { graphileLogger, JOB_QUEUE_SCHEMA } from "./job-queue-schema";
import { type JobRegistry, taskListOf } from "./job-registry";

/** How often due retries and scheduled jobs are looked for; new jobs come by NOTIFY without waiting. */
export const JOB_POLL_INTERVAL_MS = 1_000;

export interface JobRunnerOptions {
  databaseUrl: string;
  registry: JobRegistry;
  /** Jobs run at once by this process (JOB_CONCURRENCY). */
  concurrency: number;
  log: Logger;
  signal: AbortSignal;
}

/** Resolves once the runner has stopped after `signal` aborted (running jobs finish or are released first). */
export async function runJobQueue(opts: JobRunnerOptions): Promise<void> {
  const { log, signal } = opts;
  if (signal.aborted) return;
  const runner = await run({
    connectionString: opts.databaseUrl,
    // Jobs plus the LISTEN connection; jobs do their own queries through Prisma.
    maxPoolSize: Math.min(opts.concurrency + 2, 20),
    schema: JOB_QUEUE_SCHEMA,
    concurrency: opts.concurrency,
    pollInterval: JOB_POLL_INTERVAL_MS,
    noHandleSignals: true,
    taskList: taskListOf(opts.registry, log),
    logger: graphileLogger(log),
  });
  log.info({ concurrency: opts.concurrency, tasks: Object.keys(opts.registry) }, "job runner started");
  const stopped = new Promise<void>((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener("abort", () => resolve(), { once: true });
  });
  // A runner that ends by itself (lost its database for good) must not leave the worker waiting for abort.
  await Promise.race([
    stopped,
    runner.promise.catch((err: unknown) => log.error({ err }, "job runner failed")),
  ]);
  await runner.stop("worker stopping").catch((err: unknown) => log.warn({ err }, "job runner stop failed"));
  await runner.promise.catch(() => undefined);
  log.info("job runner stopped");
}
