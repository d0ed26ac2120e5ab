/**
 * The job table (STYLE item 18): task name → zod payload schema (from lib/, shared with the enqueuing side) +
 * handler. Payloads are parsed again at dequeue, because a job row may be older than the code reading it.
 * - unknown task name: logged with the job's ids and completed (nothing can ever run it);
 * - known name, payload that does not parse: the job fails (graphile-worker keeps it, with the error, for a
 *   person to look at);
 * - handler throws: the job fails and graphile-worker retries it with exponential backoff until its
 *   max_attempts; handlers decide what is worth a retry (see vm-operation-job.ts).
 */
import "server-only";
import type { JobHelpers, TaskList } from "graphile-worker";
import type { z } from "zod";
import { VM_OPERATION_JOB, VmOperationJob } from "@/lib/vms/vm-operation";
import type { Logger } from "../log";
import { executeVmOperation, type VmOperationJobDeps } from "./vm-operation-job";

/** What a handler learns about the job it runs. */
export interface JobContext {
  jobId: string;
  /** 1 on the first run, 2 on the first retry … (graphile-worker counts the attempt before running it). */
  attempt: number;
  maxAttempts: number;
  /** Aborted when the worker shuts down and the job did not finish in time. */
  signal: AbortSignal;
  log: Logger;
}

export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  payload: S;
  handle(payload: z.output<S>, ctx: JobContext): Promise<void>;
}

export type JobRegistry = Readonly<Record<string, JobDefinition>>;

/** Keeps the payload type of each entry (a plain object literal would widen it). */
export function defineJob<S extends z.ZodType>(def: JobDefinition<S>): JobDefinition {
  return def as unknown as JobDefinition;
}

export class InvalidJobPayloadError extends Error {
  override name = "InvalidJobPayloadError";
}

export interface JobMeta {
  jobId: string;
  attempt: number;
  maxAttempts: number;
  signal: AbortSignal;
}

export type JobRegistryDeps = VmOperationJobDeps;

/** Shepherd's jobs. */
export function createJobRegistry(deps: JobRegistryDeps): JobRegistry {
  return {
    [VM_OPERATION_JOB]: defineJob({
      payload: VmOperationJob,
      handle: (job, ctx) => executeVmOperation(deps, job.event_id, ctx),
    }),
  };
}

/** Runs one dequeued job through the registry (the rules in the header). */
export async function runRegisteredJob(
  registry: JobRegistry,
  task: string,
  payload: unknown,
  meta: JobMeta,
  log: Logger,
): Promise<void> {
  const jobLog = log.child({ task, job_id: meta.jobId, attempt: meta.attempt });
  const def = Object.hasOwn(registry, task) ? registry[task] : undefined;
  if (!def) {
    jobLog.warn("job of an unknown task completed without running");
    return;
  }
  const parsed = def.payload.safeParse(payload);
  if (!parsed.success) {
    jobLog.error({ issues: parsed.error.issues }, "job payload does not match its task's schema");
    throw new InvalidJobPayloadError(`payload of ${task} job ${meta.jobId} is invalid`);
  }
  await def.handle(parsed.data, { ...meta, log: jobLog });
}

/** graphile-worker's task list for the registry: every name maps to runRegisteredJob. */
export function taskListOf(registry: JobRegistry, log: Logger): TaskList {
  const list: TaskList = {};
  for (const task of Object.keys(registry)) {
    list[task] = (payload: unknown, helpers: JobHelpers) =>
      runRegisteredJob(
        registry,
        task,
        payload,
        {
          jobId: helpers.job.id,
          attempt: helpers.job.attempts,
          maxAttempts: helpers.job.max_attempts,
          signal: helpers.abortSignal,
        },
        log,
      );
  }
  return list;
}
