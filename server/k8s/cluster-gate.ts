/**
 * Per-cluster concurrency gate (SPEC §9.3, §20): at most `limit` Kubernetes calls in flight per cluster in this
 * process; further calls wait in a FIFO queue of at most `queueMax` entries, for at most `queueWaitMs`.
 *
 * What a caller may rely on:
 * - Order: calls to one cluster start in the order `run` was called; a freed slot goes to the queue's head
 *   synchronously, so a newcomer never overtakes a waiting call. Clusters never wait for each other.
 * - Refusals: a full queue rejects at once, and a passed queue-wait deadline rejects, both with
 *   AppError CLUSTER_BUSY; neither ever started `fn`.
 * - Timeout: `timeoutMs` (default the gate's, SPEC §20: 5 min) counts from the moment `fn` starts. When it
 *   passes, `fn`'s signal aborts with an AppError K8S_TIMEOUT and `run` rejects with that same error.
 * - Cancellation: when the caller's signal aborts, `run` rejects with `signal.reason` unchanged at once (a
 *   queued call leaves the queue; a running call's signal aborts too).
 * - A slot is released when `fn` settles (in `finally`), not when `run` rejects early: the in-flight count is
 *   the work really outstanding against the cluster, so `fn` must honour its signal.
 *
 * Not cockatiel's BulkheadPolicy: in 4.0 it has no queue-wait deadline, keeps aborted calls in the queue until
 * they reach its head, rejects them with its own TaskCancelledError instead of the caller's reason, and hands a
 * freed slot over in a later microtask, so a call made in between overtakes the queue.
 */
import "server-only";
import { AppError } from "@/lib/errors/app-error";
import type { KubeRequest, KubeTransport } from "./kube-client";

/** The timer functions the gate uses; vitest fake timers or a test clock replace them. */
export interface GateClock {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface ClusterGateOptions {
  /** Calls in flight per cluster (K8S_CLUSTER_CONCURRENCY). */
  limit: number;
  /** Calls allowed to wait per cluster; one more is refused at once (K8S_CLUSTER_QUEUE_MAX). */
  queueMax: number;
  /** Longest wait in the queue (K8S_QUEUE_WAIT_MS). */
  queueWaitMs: number;
  /** Default operation timeout (K8S_OPERATION_TIMEOUT_MS). */
  timeoutMs: number;
  clock?: GateClock;
}

export interface GateRunOptions {
  signal?: AbortSignal;
  /** Overrides the gate's operation timeout for this call. */
  timeoutMs?: number;
}

export interface GateStats {
  inFlight: number;
  queued: number;
}

interface Waiter {
  admit(): void;
}

interface Lane {
  inFlight: number;
  /** Insertion-ordered: the first entry is the head of the queue. Deleting a waiter is O(1). */
  queue: Set<Waiter>;
}

const systemClock: GateClock = {
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    // A pending deadline must not keep a finished process alive.
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class ClusterGate {
  readonly #limit: number;
  readonly #queueMax: number;
  readonly #queueWaitMs: number;
  readonly #timeoutMs: number;
  readonly #clock: GateClock;
  readonly #lanes = new Map<string, Lane>();

  constructor(opts: ClusterGateOptions) {
    if (!Number.isInteger(opts.limit) || opts.limit < 1) throw new RangeError("limit must be an integer ≥ 1");
    if (!Number.isInteger(opts.queueMax) || opts.queueMax < 0)
      throw new RangeError("queueMax must be an integer ≥ 0");
    if (!(opts.queueWaitMs > 0) || !(opts.timeoutMs > 0))
      throw new RangeError("queueWaitMs and timeoutMs must be positive");
    this.#limit = opts.limit;
    this.#queueMax = opts.queueMax;
    this.#queueWaitMs = opts.queueWaitMs;
    this.#timeoutMs = opts.timeoutMs;
    this.#clock = opts.clock ?? systemClock;
  }

  run<T>(clusterId: string, fn: (signal: AbortSignal) => Promise<T>, opts: GateRunOptions = {}): Promise<T> {
    const { signal } = opts;
    if (signal?.aborted) return Promise.reject(signal.reason);
    const lane = this.#lane(clusterId);
    if (lane.inFlight < this.#limit && lane.queue.size === 0) return this.#start(clusterId, lane, fn, opts);
    if (lane.queue.size >= this.#queueMax) {
      return Promise.reject(
        new AppError(
          "CLUSTER_BUSY",
          { cluster: clusterId },
          {
            message: `cluster ${clusterId}: ${lane.queue.size} calls already waiting (queue max ${this.#queueMax})`,
          },
        ),
      );
    }
    return new Promise<T>((resolve, reject) => {
      const leave = () => {
        lane.queue.delete(waiter);
        this.#clock.clearTimeout(deadline);
        signal?.removeEventListener("abort", onAbort);
      };
      const onAbort = () => {
        leave();
        this.#dropIfIdle(clusterId, lane);
        reject(signal?.reason);
      };
      const waiter: Waiter = {
        admit: () => {
          leave();
          this.#start(clusterId, lane, fn, opts).then(resolve, reject);
        },
      };
      const deadline = this.#clock.setTimeout(() => {
        leave();
        this.#dropIfIdle(clusterId, lane);
        reject(
          new AppError(
            "CLUSTER_BUSY",
            { cluster: clusterId },
            { message: `cluster ${clusterId}: no free slot within ${this.#queueWaitMs} ms` },
          ),
        );
      }, this.#queueWaitMs);
      signal?.addEventListener("abort", onAbort, { once: true });
      lane.queue.add(waiter);
    });
  }

  stats(clusterId: string): GateStats {
    const lane = this.#lanes.get(clusterId);
    return { inFlight: lane?.inFlight ?? 0, queued: lane?.queue.size ?? 0 };
  }

  #start<T>(clusterId: string, lane: Lane, fn: (signal: AbortSignal) => Promise<T>, opts: GateRunOptions) {
    const { signal } = opts;
    const timeoutMs = opts.timeoutMs ?? this.#timeoutMs;
    lane.inFlight++;
    const controller = new AbortController();
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const settle = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        this.#clock.clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
        outcome();
      };
      const onAbort = () => {
        controller.abort(signal?.reason);
        settle(() => reject(signal?.reason));
      };
      const timer = this.#clock.setTimeout(() => {
        const timeout = new AppError(
          "K8S_TIMEOUT",
          { cluster: clusterId },
          { message: `cluster ${clusterId}: operation exceeded ${timeoutMs} ms` },
        );
        controller.abort(timeout);
        settle(() => reject(timeout));
      }, timeoutMs);
      signal?.addEventListener("abort", onAbort, { once: true });

      let work: Promise<T>;
      try {
        work = Promise.resolve(fn(controller.signal));
      } catch (error) {
        work = Promise.reject(error);
      }
      work
        .then(
          (value) => settle(() => resolve(value)),
          (error: unknown) => settle(() => reject(error)),
        )
        .finally(() => {
          lane.inFlight--;
          this.#admitNext(clusterId, lane);
        });
    });
  }

  #admitNext(clusterId: string, lane: Lane): void {
    while (lane.inFlight < this.#limit) {
      const head = lane.queue.values().next();
      if (head.done) break;
      head.value.admit();
    }
    this.#dropIfIdle(clusterId, lane);
  }

  #lane(clusterId: string): Lane {
    let lane = this.#lanes.get(clusterId);
    if (!lane) {
      lane = { inFlight: 0, queue: new Set() };
      this.#lanes.set(clusterId, lane);
    }
    return lane;
  }

  /** Forget a cluster with nothing in flight or queued, so the map does not grow with every id ever seen. */
  #dropIfIdle(clusterId: string, lane: Lane): void {
    if (lane.inFlight === 0 && lane.queue.size === 0 && this.#lanes.get(clusterId) === lane)
      this.#lanes.delete(clusterId);
  }
}

/** A transport whose every request passes through the gate for `clusterId` (with the gate's timeout). */
export function gateTransport(gate: ClusterGate, clusterId: string, transport: KubeTransport): KubeTransport {
  return {
    request<T>(req: KubeRequest): Promise<T> {
      return gate.run(clusterId, (signal) => transport.request<T>({ ...req, signal }), {
        ...(req.signal ? { signal: req.signal } : {}),
      });
    },
  };
}
