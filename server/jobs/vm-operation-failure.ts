/**
 * What a failed VM operation means for its job: `transient` failures (the cluster or the path to it is busy,
 * down or rebuilding its cache) are retried by the queue with backoff; `permanent` ones (the cluster refused
 * the request: wrong state, invalid, forbidden, missing, unsupported) end the task FAILED at once, since
 * the same request would be refused again. Errors that are not AppErrors (a lost database connection, a
 * crash) are retried: the job is idempotent, so running it again is safe.
 */
import "server-only";
import { isAppError } from "@/lib/errors/app-error";
import type { ErrorCode } from "@/lib/errors/codes";

export type FailureClass = "transient" | "permanent";

const TRANSIENT_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  "K8S_UNREACHABLE",
  "K8S_TIMEOUT",
  "K8S_SERVER_ERROR",
  "K8S_TOO_MANY_REQUESTS",
  "CLUSTER_BUSY",
  "CLUSTER_REBUILDING",
  "CLUSTER_UNHEALTHY",
  "DATABASE_UNAVAILABLE",
]);

export function classifyVmOperationFailure(error: unknown): FailureClass {
  if (!isAppError(error)) return "transient";
  return TRANSIENT_CODES.has(error.code) ? "transient" : "permanent";
}

/** The outcome recorded on a FAILED event: code + params for the UI, an English message for people and logs. */
export interface RecordedFailure {
  code: ErrorCode;
  params: Record<string, unknown>;
  message: string;
}

export function recordedFailureOf(error: unknown): RecordedFailure {
  if (isAppError(error))
    return {
      code: error.code,
      params: { ...(error.params as Record<string, unknown>) },
      message: error.message,
    };
  // The detail of an unexpected error stays in the logs; the task only says it failed.
  return { code: "INTERNAL", params: {}, message: "the operation failed with an unexpected error" };
}
