/**
 * A failed Kubernetes API call, classified once at the edge (server/k8s/status.ts) so callers switch on `kind`
 * instead of duck-typing status codes. `message` is the API server's `Status.message` (or the network error's
 * text): English, for logs; it never carries credentials. Callers turn it into an AppError code
 * (app-error-from-kube.ts) before it crosses a module boundary.
 */
import "server-only";

export type KubeFailureKind =
  | "not-found"
  | "already-exists"
  | "conflict"
  | "invalid"
  | "bad-request"
  | "unauthorized"
  | "forbidden"
  | "gone"
  | "too-many-requests"
  | "server-error"
  | "unavailable"
  | "unreachable"
  | "timeout"
  | "unknown";

/** One `Status.details.causes` entry: Kubernetes' field-level reason for an Invalid or Conflict answer. */
export interface KubeStatusCause {
  field?: string;
  reason?: string;
  message?: string;
}

export interface KubeApiErrorInit {
  kind: KubeFailureKind;
  message: string;
  /** HTTP status; absent for network failures. */
  status?: number;
  /** `Status.reason` (e.g. "AlreadyExists"), or the Node error code for network failures (e.g. "ECONNREFUSED"). */
  reason?: string;
  causes?: KubeStatusCause[];
  /** `Status.details` as sent (name, group, kind, uid …). */
  details?: unknown;
  retryAfterSeconds?: number;
  cause?: unknown;
}

export class KubeApiError extends Error {
  override name = "KubeApiError";
  readonly kind: KubeFailureKind;
  readonly status?: number;
  readonly reason?: string;
  readonly causes: KubeStatusCause[];
  readonly details?: unknown;
  readonly retryAfterSeconds?: number;

  constructor(init: KubeApiErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.causes = init.causes ?? [];
    if (init.status !== undefined) this.status = init.status;
    if (init.reason !== undefined) this.reason = init.reason;
    if (init.details !== undefined) this.details = init.details;
    if (init.retryAfterSeconds !== undefined) this.retryAfterSeconds = init.retryAfterSeconds;
  }
}

export function isKubeApiError(value: unknown, kind?: KubeFailureKind): value is KubeApiError {
  return value instanceof KubeApiError && (kind === undefined || value.kind === kind);
}
