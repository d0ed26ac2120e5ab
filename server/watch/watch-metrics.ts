/**
 * What a watcher reports for metrics (WATCHER.md §3.4 item 10), as a narrow interface: the worker implements it
 * over its prom-client registry (server/worker/worker-metrics.ts); tests pass nothing.
 */
import "server-only";

export interface WatchMetrics {
  relisted(swept: number): void;
  gone(): void;
  restarted(): void;
  failed(failure: string): void;
  malformedStream(): void;
  /** A committed batch: its events and how long the transaction took. */
  applied(events: number, commitSeconds: number): void;
}

export const noWatchMetrics: WatchMetrics = {
  relisted: () => undefined,
  gone: () => undefined,
  restarted: () => undefined,
  failed: () => undefined,
  malformedStream: () => undefined,
  applied: () => undefined,
};
