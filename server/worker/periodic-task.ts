// Runs a function at a fixed interval until the signal aborts; resolves once the last run has finished.
// The worker awaits these promises on shutdown, so no timer or half-done run outlives it (ARCHITECTURE
// rule 6). A failing run is logged and the schedule goes on.
import type { Logger } from "../log";

export interface PeriodicTaskOptions {
  name: string;
  intervalMs: number;
  signal: AbortSignal;
  log: Logger;
  /** Run once right away instead of after the first interval. */
  immediate?: boolean;
}

export async function runPeriodically(
  opts: PeriodicTaskOptions,
  run: (signal: AbortSignal) => Promise<void>,
): Promise<void> {
  const { signal } = opts;
  let first = opts.immediate ?? true;
  while (!signal.aborted) {
    if (!first) {
      if (!(await sleep(opts.intervalMs, signal))) return;
    }
    first = false;
    try {
      await run(signal);
    } catch (err) {
      if (signal.aborted) return;
      opts.log.error({ err, task: opts.name }, "periodic task failed; will run again at the next interval");
    }
  }
}

/** Resolves true after `ms`, or false as soon as the signal aborts. Uses the global timer so tests can fake it. */
function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
