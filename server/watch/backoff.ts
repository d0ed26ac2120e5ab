/**
 * Reconnect delays of one watcher: exponential from a base, doubling to a cap, with jitter in [½, 1] of the
 * step (so parallel watchers spread out but never retry at once), and back to the base once the watcher has
 * gone `resetAfterMs` without backing off (client-go's backoff manager: 800 ms … 30 s, reset after 2 min).
 * cockatiel computes the exponential sequence; our generator adds the injected random source (STYLE item 3).
 */
import "server-only";
import { ExponentialBackoff, type GeneratorFn, type IBackoff } from "cockatiel";
import type { WatchConfig } from "../config";
import { type Clock, systemClock } from "./clock";

export interface Backoff {
  /** The next delay in ms. */
  next(): number;
  reset(): void;
}

export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
  resetAfterMs: number;
  clock: Clock;
  random: () => number;
}

export function createBackoff(opts: BackoffOptions): Backoff {
  const jittered: GeneratorFn<number> = (attempt = 0, o) => {
    const step = Math.min(o.maxDelay, o.initialDelay * o.exponent ** attempt);
    return [Math.round(step / 2 + (opts.random() * step) / 2), attempt + 1];
  };
  const factory = new ExponentialBackoff({
    generator: jittered,
    initialDelay: opts.baseMs,
    maxDelay: opts.maxMs,
    exponent: 2,
  });
  let current: IBackoff<unknown> | undefined;
  let lastAt = Number.NEGATIVE_INFINITY;
  return {
    next() {
      const now = opts.clock.now();
      if (now - lastAt > opts.resetAfterMs) current = undefined;
      lastAt = now;
      current = current === undefined ? factory.next() : current.next(undefined);
      return current.duration;
    },
    reset() {
      current = undefined;
    },
  };
}

/** The backoff the WATCH_BACKOFF_* settings describe, on the system clock and Math.random. */
export function watchBackoff(
  watch: Pick<WatchConfig, "backoffBaseMs" | "backoffMaxMs" | "backoffResetMs">,
): Backoff {
  return createBackoff({
    baseMs: watch.backoffBaseMs,
    maxMs: watch.backoffMaxMs,
    resetAfterMs: watch.backoffResetMs,
    clock: systemClock,
    random: Math.random,
  });
}
