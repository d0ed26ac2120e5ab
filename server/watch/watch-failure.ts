/**
 * The one policy switch of the watcher (STYLE item 4): every failure of a list, a watch or a write becomes one
 * of a few outcomes, decided from the classified KubeApiError (server/k8s/status.ts), never from raw codes.
 */
import "server-only";
import { KubeApiError } from "../k8s/kube-api-error";
import { isGone, isNotFound, isRetryable, isUnauthorizedOrForbidden } from "../k8s/status";
import { BreakerOpenError } from "./circuit-breaker";

export type WatchFailure =
  /** 410 Gone/Expired: relist (not counted by the breaker). */
  | "gone"
  /** 504 "too large resource version": relist from a consistent read. */
  | "version-unavailable"
  /** 401/403: the distinct `forbidden` state, slow retry. */
  | "forbidden"
  /** 404 on the collection: the CRD is not installed; `absent`, slow retry. */
  | "absent"
  /** The cluster's breaker is open: wait for its half-open trial. */
  | "breaker-open"
  /** A stream line that is not a watch event: the stream cannot be trusted; relist after backoff. */
  | "corrupt"
  /** Everything else (429, 5xx, refused, timeouts, a dead or very short watch, a database error): back off. */
  | "transient"
  /** The sink refuses writes for good (ownership lost): the watcher stops. */
  | "fatal";

/** The sink will never accept another write from this watcher (another worker owns the cluster now). */
export class SinkFencedError extends Error {
  override name = "SinkFencedError";
}

/** A watch that ended within a second without a single event: a server or proxy in trouble (client-go). */
export class VeryShortWatchError extends Error {
  override name = "VeryShortWatchError";
}

/** No event (bookmarks included) for longer than the inactivity limit: the connection is presumed dead. */
export class WatchInactivityError extends Error {
  override name = "WatchInactivityError";
}

export function classifyWatchFailure(error: unknown): WatchFailure {
  if (error instanceof SinkFencedError) return "fatal";
  if (error instanceof BreakerOpenError) return "breaker-open";
  if (!(error instanceof KubeApiError)) return "transient";
  if (isGone(error)) return "gone";
  if (isVersionTooLarge(error)) return "version-unavailable";
  if (isUnauthorizedOrForbidden(error)) return "forbidden";
  if (isNotFound(error)) return "absent";
  if (error.reason === "MalformedWatchEvent") return "corrupt";
  return "transient";
}

/**
 * Whether a failure counts toward the cluster's circuit breaker: the cluster (or the way to it) is in trouble.
 * A 410 is normal operation (SPEC §11); 401/403/404 have their own states; database errors are not the cluster's.
 */
export function countsTowardBreaker(error: unknown): boolean {
  if (error instanceof VeryShortWatchError || error instanceof WatchInactivityError) return true;
  return isRetryable(error) && !isVersionTooLarge(error);
}

/** 504 with cause ResourceVersionTooLarge (the apiserver's "Too large resource version"). */
function isVersionTooLarge(error: KubeApiError | unknown): boolean {
  return (
    error instanceof KubeApiError &&
    error.status === 504 &&
    error.causes.some((c) => c.reason === "ResourceVersionTooLarge")
  );
}
