// The worker's Prometheus metrics (prom-client), in a registry of its own that the worker passes down
// (STYLE traps: no process-global registry). Counters are fed by each watcher through the WatchMetrics
// interface; state, ages and the breaker are read from the live watchers at scrape time.
import { Counter, Gauge, Histogram, Registry } from "prom-client";
import type { BreakerState } from "../watch/circuit-breaker";
import type { WatchMetrics } from "../watch/watch-metrics";
import type { WatcherState, WatcherStatus } from "../watch/watch-sink";

/** What the scrape reads from the worker: every running watcher. */
export interface WatcherView {
  clusterId: string;
  kind: string;
  status: WatcherStatus;
  breakerState: BreakerState;
}

const STATES: WatcherState[] = [
  "listing",
  "watching",
  "backoff",
  "breaker-open",
  "forbidden",
  "absent",
  "stopped",
];

export class WorkerMetrics {
  readonly registry = new Registry();
  readonly #relists: Counter<"cluster" | "kind">;
  readonly #swept: Counter<"cluster" | "kind">;
  readonly #gone: Counter<"cluster" | "kind">;
  readonly #restarts: Counter<"cluster" | "kind">;
  readonly #failures: Counter<"cluster" | "kind" | "failure">;
  readonly #malformed: Counter<"cluster" | "kind">;
  readonly #events: Counter<"cluster" | "kind">;
  readonly #commit: Histogram<"cluster" | "kind">;

  constructor(watchers: () => readonly WatcherView[]) {
    const registers = [this.registry];
    const labelNames = ["cluster", "kind"] as const;
    this.#relists = new Counter({
      name: "shepherd_watch_relists_total",
      help: "Completed full lists",
      labelNames,
      registers,
    });
    this.#swept = new Counter({
      name: "shepherd_watch_rows_swept_total",
      help: "Rows deleted by relist sweeps",
      labelNames,
      registers,
    });
    this.#gone = new Counter({
      name: "shepherd_watch_gone_total",
      help: "410 Gone answers (expired resourceVersion)",
      labelNames,
      registers,
    });
    this.#restarts = new Counter({
      name: "shepherd_watch_restarts_total",
      help: "Watches re-opened without a relist",
      labelNames,
      registers,
    });
    this.#failures = new Counter({
      name: "shepherd_watch_failures_total",
      help: "List/watch/write failures by outcome",
      labelNames: ["cluster", "kind", "failure"] as const,
      registers,
    });
    this.#malformed = new Counter({
      name: "shepherd_watch_malformed_streams_total",
      help: "Watch streams with an unparsable line",
      labelNames,
      registers,
    });
    this.#events = new Counter({
      name: "shepherd_watch_events_applied_total",
      help: "Watch events committed to PostgreSQL",
      labelNames,
      registers,
    });
    this.#commit = new Histogram({
      name: "shepherd_watch_batch_commit_seconds",
      help: "Duration of one event batch transaction",
      labelNames,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    });
    new Gauge({
      name: "shepherd_watch_state",
      help: "1 for each watcher's current state",
      labelNames: ["cluster", "kind", "state"] as const,
      registers,
      collect() {
        this.reset();
        for (const w of watchers())
          for (const state of STATES)
            this.set({ cluster: w.clusterId, kind: w.kind, state }, w.status.state === state ? 1 : 0);
      },
    });
    new Gauge({
      name: "shepherd_watch_last_event_age_seconds",
      help: "Seconds since the watcher's last committed event",
      labelNames,
      registers,
      collect() {
        this.reset();
        const now = Date.now();
        for (const w of watchers())
          if (w.status.lastEventAt)
            this.set({ cluster: w.clusterId, kind: w.kind }, (now - w.status.lastEventAt.getTime()) / 1000);
      },
    });
    new Gauge({
      name: "shepherd_watch_heartbeat_age_seconds",
      help: "Seconds since the watcher last heard from its API server",
      labelNames,
      registers,
      collect() {
        this.reset();
        const now = Date.now();
        for (const w of watchers())
          if (w.status.lastHeartbeatAt)
            this.set(
              { cluster: w.clusterId, kind: w.kind },
              (now - w.status.lastHeartbeatAt.getTime()) / 1000,
            );
      },
    });
    new Gauge({
      name: "shepherd_cluster_breaker_open",
      help: "1 while the cluster's watch circuit breaker is open or half-open",
      labelNames: ["cluster"] as const,
      registers,
      collect() {
        this.reset();
        const seen = new Map<string, BreakerState>();
        for (const w of watchers()) seen.set(w.clusterId, w.breakerState);
        for (const [cluster, state] of seen) this.set({ cluster }, state === "closed" ? 0 : 1);
      },
    });
  }

  /** The WatchMetrics of one watcher. */
  forWatcher(cluster: string, kind: string): WatchMetrics {
    const labels = { cluster, kind };
    return {
      relisted: (swept) => {
        this.#relists.inc(labels);
        this.#swept.inc(labels, swept);
      },
      gone: () => this.#gone.inc(labels),
      restarted: () => this.#restarts.inc(labels),
      failed: (failure) => this.#failures.inc({ ...labels, failure }),
      malformedStream: () => this.#malformed.inc(labels),
      applied: (events, seconds) => {
        this.#events.inc(labels, events);
        this.#commit.observe(labels, seconds);
      },
    };
  }
}
