/**
 * Pure classification of Kubernetes API failures (STYLE item 4): an HTTP answer (status + `Status` body) or a
 * network error becomes one KubeApiError with a `kind`, and the named predicates below are the only way the
 * rest of the code asks "what went wrong". `reason` wins over the HTTP status when both are known, as in
 * apimachinery's `ReasonForError`; answers that are not a `Status` (an aggregator's plain-text 503) fall back
 * to the status code.
 */
import "server-only";
import { KubeApiError, type KubeFailureKind, type KubeStatusCause } from "./kube-api-error";

/** The fields of a `meta/v1 Status` we read. */
export interface KubeStatus {
  message?: string;
  reason?: string;
  code?: number;
  details?: {
    name?: string;
    group?: string;
    kind?: string;
    causes?: KubeStatusCause[];
    retryAfterSeconds?: number;
  };
}

/** Longest non-Status body text kept as the error message (an HTML error page says nothing useful past this). */
const MAX_PLAIN_MESSAGE = 300;

const KIND_BY_REASON: Record<string, KubeFailureKind> = {
  NotFound: "not-found",
  AlreadyExists: "already-exists",
  Conflict: "conflict",
  Invalid: "invalid",
  BadRequest: "bad-request",
  MethodNotAllowed: "bad-request",
  NotAcceptable: "bad-request",
  UnsupportedMediaType: "bad-request",
  RequestEntityTooLarge: "bad-request",
  Unauthorized: "unauthorized",
  Forbidden: "forbidden",
  Gone: "gone",
  Expired: "gone",
  TooManyRequests: "too-many-requests",
  InternalError: "server-error",
  ServiceUnavailable: "unavailable",
  Timeout: "timeout",
  ServerTimeout: "timeout",
};

/** The kind of an HTTP answer: by `Status.reason` when it names one we know, else by the status code. */
export function kindOf(httpStatus: number, reason?: string): KubeFailureKind {
  const byReason = reason === undefined ? undefined : KIND_BY_REASON[reason];
  if (byReason) return byReason;
  switch (httpStatus) {
    case 400:
    case 405:
    case 406:
    case 413:
    case 415:
      return "bad-request";
    case 401:
      return "unauthorized";
    case 403:
      return "forbidden";
    case 404:
      return "not-found";
    case 409:
      return "conflict";
    case 410:
      return "gone";
    case 422:
      return "invalid";
    case 429:
      return "too-many-requests";
    case 502:
    case 503:
      return "unavailable";
    case 504:
      return "timeout";
    default:
      return httpStatus >= 500 && httpStatus < 600 ? "server-error" : "unknown";
  }
}

/** The `Status` in a response body (raw text or already parsed), or undefined when the body is not one. */
export function parseStatus(body: unknown): KubeStatus | undefined {
  let value = body;
  if (typeof body === "string") {
    try {
      value = JSON.parse(body);
    } catch {
      return undefined;
    }
  }
  if (!isRecord(value) || value.kind !== "Status") return undefined;
  const status: KubeStatus = {};
  if (typeof value.message === "string") status.message = value.message;
  if (typeof value.reason === "string" && value.reason !== "") status.reason = value.reason;
  if (typeof value.code === "number") status.code = value.code;
  if (isRecord(value.details)) {
    const d = value.details;
    status.details = {};
    if (typeof d.name === "string") status.details.name = d.name;
    if (typeof d.group === "string") status.details.group = d.group;
    if (typeof d.kind === "string") status.details.kind = d.kind;
    if (typeof d.retryAfterSeconds === "number") status.details.retryAfterSeconds = d.retryAfterSeconds;
    if (Array.isArray(d.causes)) status.details.causes = d.causes.filter(isRecord).map(toCause);
  }
  return status;
}

export interface HttpFailure {
  status: number;
  /** The response body: raw text or parsed JSON. */
  body?: unknown;
  /** The `Retry-After` header, if any. */
  retryAfter?: string | null;
}

/** A non-2xx answer of the API server as a KubeApiError. */
export function kubeErrorFromResponse(failure: HttpFailure): KubeApiError {
  const status = parseStatus(failure.body);
  const headerSeconds = parseRetryAfter(failure.retryAfter);
  const retryAfterSeconds = headerSeconds ?? status?.details?.retryAfterSeconds;
  return new KubeApiError({
    kind: kindOf(failure.status, status?.reason),
    message: status?.message || plainMessage(failure.status, failure.body),
    status: failure.status,
    ...(status?.reason !== undefined ? { reason: status.reason } : {}),
    causes: status?.details?.causes ?? [],
    ...(status?.details !== undefined ? { details: status.details } : {}),
    ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
  });
}

const UNREACHABLE_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EAI_FAIL",
  "EHOSTUNREACH",
  "EHOSTDOWN",
  "ENETUNREACH",
  "ENETDOWN",
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT", // a connect that never completed: the host cannot be reached
  "EADDRNOTAVAIL",
  "EPROTO",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
  "ERR_SOCKET_CLOSED",
]);

const TIMEOUT_CODES = new Set([
  "ESOCKETTIMEDOUT",
  "ABORT_ERR",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
]);

/** OpenSSL verification codes (CERT_HAS_EXPIRED, DEPTH_ZERO_SELF_SIGNED_CERT …) and Node's ERR_TLS_* / ERR_SSL_*. */
const TLS_CODE =
  /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT$|SELF_SIGNED_CERT_IN_CHAIN$|HOSTNAME_MISMATCH$)/;

/** True when a network error code is a TLS failure (a bad or untrusted certificate, a handshake failure). */
export function isTlsErrorCode(code: string): boolean {
  return TLS_CODE.test(code);
}

/**
 * A request that got no HTTP answer as a KubeApiError: refused, DNS, TLS and reset connections are
 * "unreachable", aborts and socket timeouts "timeout". Already-classified errors pass through unchanged.
 * Only for failures that are not the caller's own abort: the transport rethrows `signal.reason` for those.
 */
export function kubeErrorFromNetwork(error: unknown): KubeApiError {
  if (error instanceof KubeApiError) return error;
  const found = findCode(error);
  const message = error instanceof Error ? error.message : String(error);
  const name = error instanceof Error ? error.name : undefined;
  let kind: KubeFailureKind = "unknown";
  if (found && (UNREACHABLE_CODES.has(found) || isTlsErrorCode(found))) kind = "unreachable";
  else if ((found && TIMEOUT_CODES.has(found)) || name === "AbortError" || name === "TimeoutError")
    kind = "timeout";
  return new KubeApiError({
    kind,
    message,
    ...(found !== undefined ? { reason: found } : name === "TimeoutError" ? { reason: "TimeoutError" } : {}),
    cause: error,
  });
}

export function isNotFound(error: unknown): boolean {
  return kindIs(error, "not-found");
}

export function isAlreadyExists(error: unknown): boolean {
  return kindIs(error, "already-exists");
}

export function isConflict(error: unknown): boolean {
  return kindIs(error, "conflict");
}

export function isGone(error: unknown): boolean {
  return kindIs(error, "gone");
}

export function isTooManyRequests(error: unknown): boolean {
  return kindIs(error, "too-many-requests");
}

export function isUnauthorizedOrForbidden(error: unknown): boolean {
  return kindIs(error, "unauthorized") || kindIs(error, "forbidden");
}

/**
 * Transient: the same request may succeed later (429, 5xx, unreachable, timeout). Whether a retry is safe
 * (idempotent) is the caller's decision; a 410 is not retryable — it needs a relist.
 */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof KubeApiError)) return false;
  return (
    error.kind === "too-many-requests" ||
    error.kind === "server-error" ||
    error.kind === "unavailable" ||
    error.kind === "unreachable" ||
    error.kind === "timeout"
  );
}

function kindIs(error: unknown, kind: KubeFailureKind): boolean {
  return error instanceof KubeApiError && error.kind === kind;
}

/** Seconds from a Retry-After header (delta-seconds form; the HTTP-date form is not used by the apiserver). */
function parseRetryAfter(header: string | null | undefined): number | undefined {
  if (header === undefined || header === null || !/^\s*\d+\s*$/.test(header)) return undefined;
  return Number.parseInt(header, 10);
}

function plainMessage(status: number, body: unknown): string {
  const text = typeof body === "string" ? body.trim() : "";
  if (text === "") return `HTTP ${status}`;
  return text.length > MAX_PLAIN_MESSAGE ? `${text.slice(0, MAX_PLAIN_MESSAGE)}…` : text;
}

/** The first Node/undici error code along the `cause` chain (fetch wraps socket errors). */
function findCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && isRecord(current); depth++) {
    if (typeof current.code === "string" && current.code !== "") return current.code;
    current = current.cause;
  }
  return undefined;
}

function toCause(c: Record<string, unknown>): KubeStatusCause {
  const cause: KubeStatusCause = {};
  if (typeof c.field === "string") cause.field = c.field;
  if (typeof c.reason === "string") cause.reason = c.reason;
  if (typeof c.message === "string") cause.message = c.message;
  return cause;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
