/**
 * Where a ResourceWatcher writes what it learns (STYLE item 2: owned by the consumer). server/cache/cache-sink.ts
 * implements it over PostgreSQL; unit tests fake it.
 *
 * Contract an implementation must keep:
 * - `applyBatch` and `replace` are each ONE transaction that also stores the resourceVersion, so rows and
 *   version never disagree after a crash; the watcher calls them one at a time, in stream order.
 * - `replace` upserts every listed object and deletes (sweeps) the watcher's rows the list did not return,
 *   clears the rebuilding mark and records the sync time.
 * - `markRebuilding` clears the stored resourceVersion and sets the rebuilding mark (a 410): the old rows stay
 *   readable as stale until the next `replace`.
 * - A failure of any call is thrown; the watcher retries with backoff from its last stored version.
 */
import "server-only";
import type { WatchEvent } from "./list-watch-source";

export type WatcherState =
  | "listing"
  | "watching"
  | "backoff"
  | "breaker-open"
  | "forbidden"
  | "absent"
  | "stopped";

/** A watcher's state and counters (WATCHER.md §3.4 items 1 and 10), as the health page and metrics see them. */
export interface WatcherStatus {
  state: WatcherState;
  /** Last time the API server answered this watcher as it should (a page, an opened watch, an event). */
  lastHeartbeatAt: Date | null;
  lastEventAt: Date | null;
  /** Completion of the last full list. */
  lastSyncAt: Date | null;
  relists: number;
  gones: number;
  /** Watches re-opened after the first one of a list. */
  restarts: number;
  /** English, for logs and the health page; null while healthy. */
  lastError: string | null;
}

export interface WatchSink {
  /** The resourceVersion stored with the rows, or null when a full list is needed. */
  loadResourceVersion(): Promise<string | null>;
  applyBatch(events: readonly WatchEvent[], resourceVersion: string): Promise<void>;
  replace(objects: readonly unknown[], resourceVersion: string): Promise<{ swept: number }>;
  markRebuilding(): Promise<void>;
  /** Persists state, counters and heartbeat; never the resourceVersion. */
  /**
   * `stateChanged`: the watcher's state just changed (watching → stopped, → backoff …), which changes the
   * cluster's cache status that pages show: the sink announces it like a change of the cached rows.
   */
  reportStatus(status: WatcherStatus, opts?: { stateChanged?: boolean }): Promise<void>;
}
