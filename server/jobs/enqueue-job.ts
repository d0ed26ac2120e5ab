/**
 * Enqueues a job on the PostgreSQL job queue (graphile-worker) inside the caller's transaction, so the job
 * exists exactly when the business write that asked for it commits (SPEC §2 "InsertTx", ADR-0009). Payloads
 * carry ids only (claim-check); the job registry (job-registry.ts) parses them again at dequeue.
 * `jobKey` makes the enqueue idempotent: a second job with the same key replaces the pending one.
 */
import "server-only";
import type { Prisma } from "../db/generated/prisma/client";

export interface EnqueueOptions {
  /** Deduplicates: while a job with this key is waiting, enqueueing it again updates that job. */
  jobKey?: string;
  /** Attempts before the job is given up (graphile-worker's max_attempts); default 10. */
  maxAttempts?: number;
  /** Not before this time. */
  runAt?: Date;
}

export async function enqueueJob(
  tx: Pick<Prisma.TransactionClient, "$executeRaw">,
  task: string,
  payload: Record<string, unknown>,
  opts: EnqueueOptions = {},
): Promise<void> {
  await tx.$executeRaw`SELECT graphile_worker.add_job(
    identifier => ${task}::text,
    payload => ${JSON.stringify(payload)}::json,
    run_at => ${opts.runAt ?? null}::timestamptz,
    max_attempts => ${opts.maxAttempts ?? 10}::int,
    job_key => ${opts.jobKey ?? null}::text
  )`;
}
