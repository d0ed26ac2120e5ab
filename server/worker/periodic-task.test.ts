import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createLogger } from "../log";
import { runPeriodically } from "./periodic-task";

const log = createLogger({ log: { level: "silent", pretty: false } }, "test");

describe("runPeriodically", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("runs right away, then once per interval, until aborted", async () => {
    const abort = new AbortController();
    const run = vi.fn(async () => {});
    const done = runPeriodically({ name: "t", intervalMs: 1_000, signal: abort.signal, log }, run);
    await vi.advanceTimersByTimeAsync(0);
    expect(run).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(2_999);
    expect(run).toHaveBeenCalledTimes(3);
    abort.abort();
    await done;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(run).toHaveBeenCalledTimes(3);
  });

  it("keeps its schedule after a failing run", async () => {
    const abort = new AbortController();
    const run = vi.fn(async () => {
      throw new Error("boom");
    });
    const done = runPeriodically({ name: "t", intervalMs: 100, signal: abort.signal, log }, run);
    await vi.advanceTimersByTimeAsync(250);
    expect(run).toHaveBeenCalledTimes(3);
    abort.abort();
    await done;
  });

  it("waits for a run in progress before resolving", async () => {
    const abort = new AbortController();
    let finished = false;
    const done = runPeriodically({ name: "t", intervalMs: 100, signal: abort.signal, log }, async () => {
      await new Promise((r) => setTimeout(r, 500));
      finished = true;
    });
    await vi.advanceTimersByTimeAsync(10);
    abort.abort();
    let resolved = false;
    void done.then(() => {
      resolved = true;
    });
    await vi.advanceTimersByTimeAsync(100);
    expect(resolved).toBe(false);
    await vi.advanceTimersByTimeAsync(500);
    expect(finished).toBe(true);
    expect(resolved).toBe(true);
  });
});
