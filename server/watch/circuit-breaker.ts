/**
 * One circuit breaker per cluster, shared by its six watchers (SPEC §11): `threshold` consecutive counted
 * failures open it for `openMs`; then one trial call runs (half-open) — success closes it, failure reopens it.
 * Built on cockatiel's CircuitBreakerPolicy + ConsecutiveBreaker behind this narrow interface, so the watcher
 * can be tested with a fake. Which failures count is the caller's predicate (watch-failure.ts): a failure it
 * does not count (a 410) leaves the count unchanged.
 */
import "server-only";
import { BrokenCircuitError, CircuitState, ConsecutiveBreaker, circuitBreaker, handleWhen } from "cockatiel";

export type BreakerState = "closed" | "open" | "half-open";

export interface WatchBreaker {
  /** Runs one call to the API server; throws BreakerOpenError without calling `fn` while open. */
  execute<T>(fn: () => Promise<T>, signal: AbortSignal): Promise<T>;
  /** Records a failure seen after a call had succeeded (a watch stream that broke). */
  recordFailure(error: unknown): Promise<void>;
  /** Milliseconds until the half-open trial may run; 0 unless open. */
  retryInMs(): number;
  readonly state: BreakerState;
  readonly consecutiveFailures: number;
  /** Counted failures since creation (metrics, tests: a 410 must not change it). */
  readonly countedFailures: number;
}

export class BreakerOpenError extends Error {
  override name = "BreakerOpenError";
}

export interface ClusterBreakerOptions {
  threshold: number;
  openMs: number;
  counts: (error: unknown) => boolean;
  /** cockatiel reads Date.now(); tests fake Date (vi.useFakeTimers) rather than this clock. */
  now?: () => number;
}

export function createClusterBreaker(opts: ClusterBreakerOptions): WatchBreaker {
  const now = opts.now ?? Date.now;
  const counter = new ConsecutiveBreaker(opts.threshold);
  const policy = circuitBreaker(handleWhen(opts.counts), { halfOpenAfter: opts.openMs, breaker: counter });
  let openedAt = 0;
  let counted = 0;
  policy.onBreak(() => {
    openedAt = now();
  });
  policy.onFailure(({ handled }) => {
    if (handled) counted++;
  });
  const run = async <T>(fn: () => Promise<T>, signal: AbortSignal): Promise<T> => {
    try {
      return await policy.execute(fn, signal);
    } catch (error) {
      if (error instanceof BrokenCircuitError) throw new BreakerOpenError("circuit breaker open");
      throw error;
    }
  };
  return {
    execute: run,
    async recordFailure(error) {
      await run(() => Promise.reject(error), new AbortController().signal).catch(() => undefined);
    },
    retryInMs() {
      return policy.state === CircuitState.Open ? Math.max(0, openedAt + opts.openMs - now()) : 0;
    },
    get state(): BreakerState {
      if (policy.state === CircuitState.Closed) return "closed";
      return policy.state === CircuitState.HalfOpen ? "half-open" : "open";
    },
    get consecutiveFailures() {
      return counter.state;
    },
    get countedFailures() {
      return counted;
    },
  };
}
