import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AppError, isAppError } from "@/lib/errors/app-error";
import { ClusterGate, type ClusterGateOptions, gateTransport } from "./cluster-gate";
import type { KubeRequest } from "./kube-client";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const defaults: ClusterGateOptions = { limit: 20, queueMax: 500, queueWaitMs: 30_000, timeoutMs: 300_000 };
const gateWith = (opts: Partial<ClusterGateOptions> = {}) => new ClusterGate({ ...defaults, ...opts });

/** A call that ends when the test says so, and records its signal. */
function controllable<T = string>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const calls: AbortSignal[] = [];
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  const fn = (signal: AbortSignal) => {
    calls.push(signal);
    return promise;
  };
  return { fn, resolve, reject, calls };
}

/** Settles a promise into a value or the error, so a rejection is never unhandled. */
function outcome<T>(promise: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  return promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}

function expectCode(result: { ok: boolean; error?: unknown }, code: string) {
  expect(result.ok).toBe(false);
  expect(isAppError(result.error) && result.error.code).toBe(code);
}

describe("ClusterGate", () => {
  it("runs 100 concurrent calls against one slow cluster never more than `limit` at once, in FIFO order", async () => {
    const gate = gateWith({ limit: 20 });
    let running = 0;
    let maxRunning = 0;
    const started: number[] = [];
    const results = Array.from({ length: 100 }, (_, i) =>
      gate.run("slow", async () => {
        started.push(i);
        running++;
        maxRunning = Math.max(maxRunning, running);
        // Uneven durations, so completions come out of order; starts must not.
        await new Promise((r) => setTimeout(r, 1000 + ((i * 37) % 500)));
        running--;
        return i;
      }),
    );
    expect(gate.stats("slow")).toEqual({ inFlight: 20, queued: 80 });
    await vi.runAllTimersAsync();
    await expect(Promise.all(results)).resolves.toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(maxRunning).toBe(20);
    expect(started).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(gate.stats("slow")).toEqual({ inFlight: 0, queued: 0 });
  });

  it("hands a freed slot to the head of the queue, not to a newcomer", async () => {
    const gate = gateWith({ limit: 1 });
    let release!: () => void;
    const inner = new Promise<void>((resolve) => {
      release = resolve;
    });
    const order: string[] = [];
    const a = gate.run("c", () => inner);
    const b = gate.run("c", async () => {
      order.push("queued");
    });
    // A call made while the slot is being freed (here: in a reaction to the first call's work, the window in
    // which cockatiel 4's bulkhead lets it overtake) still goes behind the queue.
    let c: Promise<void> | undefined;
    void inner.then(() => {
      c = gate.run("c", async () => {
        order.push("newcomer");
      });
    });
    release();
    await Promise.all([a, b]);
    await c;
    expect(order).toEqual(["queued", "newcomer"]);
  });

  it("refuses with CLUSTER_BUSY when the queue-wait deadline passes, without running the call", async () => {
    const gate = gateWith({ limit: 1, queueWaitMs: 1000 });
    const blocker = controllable();
    void gate.run("c", blocker.fn);
    const waiting = vi.fn(async () => "never");
    const result = outcome(gate.run("c", waiting));
    await vi.advanceTimersByTimeAsync(999);
    expect(gate.stats("c")).toEqual({ inFlight: 1, queued: 1 });
    await vi.advanceTimersByTimeAsync(1);
    const r = await result;
    expectCode(r, "CLUSTER_BUSY");
    expect(!r.ok && (r.error as AppError<"CLUSTER_BUSY">).params).toEqual({ cluster: "c" });
    expect(waiting).not.toHaveBeenCalled();
    expect(gate.stats("c")).toEqual({ inFlight: 1, queued: 0 });
    blocker.resolve("x");
  });

  it("refuses with CLUSTER_BUSY at once when the queue is full", async () => {
    const gate = gateWith({ limit: 2, queueMax: 3 });
    const blocker = controllable();
    const accepted = Array.from({ length: 5 }, () => gate.run("c", blocker.fn));
    const refused = vi.fn(async () => "never");
    const r = await outcome(gate.run("c", refused));
    expectCode(r, "CLUSTER_BUSY");
    expect(refused).not.toHaveBeenCalled();
    expect(gate.stats("c")).toEqual({ inFlight: 2, queued: 3 });
    blocker.resolve("x");
    await expect(Promise.all(accepted)).resolves.toHaveLength(5);
  });

  it("with queueMax 0 refuses as soon as every slot is taken", async () => {
    const gate = gateWith({ limit: 1, queueMax: 0 });
    const blocker = controllable();
    void gate.run("c", blocker.fn);
    expectCode(await outcome(gate.run("c", async () => 1)), "CLUSTER_BUSY");
    blocker.resolve("x");
  });

  it("times out an operation with K8S_TIMEOUT and aborts the call's signal with that same error", async () => {
    const gate = gateWith({ timeoutMs: 5000 });
    const call = controllable();
    const result = outcome(gate.run("c", call.fn));
    await vi.advanceTimersByTimeAsync(4999);
    expect(call.calls[0]?.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const r = await result;
    expectCode(r, "K8S_TIMEOUT");
    expect(!r.ok && (r.error as AppError<"K8S_TIMEOUT">).params).toEqual({ cluster: "c" });
    expect(call.calls[0]?.aborted).toBe(true);
    expect(call.calls[0]?.reason).toBe(!r.ok && r.error);
  });

  it("takes a per-call timeout", async () => {
    const gate = gateWith({ timeoutMs: 300_000 });
    const result = outcome(gate.run("c", controllable().fn, { timeoutMs: 10 }));
    await vi.advanceTimersByTimeAsync(10);
    expectCode(await result, "K8S_TIMEOUT");
  });

  it("keeps the slot until a timed-out call really ends", async () => {
    const gate = gateWith({ limit: 1, timeoutMs: 100 });
    const stubborn = controllable(); // ignores its signal
    const timedOut = outcome(gate.run("c", stubborn.fn));
    const next = vi.fn(async () => "next");
    const queued = gate.run("c", next);
    await vi.advanceTimersByTimeAsync(100);
    expectCode(await timedOut, "K8S_TIMEOUT");
    expect(gate.stats("c")).toEqual({ inFlight: 1, queued: 1 });
    expect(next).not.toHaveBeenCalled();
    stubborn.resolve("late");
    await expect(queued).resolves.toBe("next");
  });

  it("rejects with the caller's reason unchanged when it aborts while queued, and leaves the queue", async () => {
    const gate = gateWith({ limit: 1 });
    const blocker = controllable();
    void gate.run("c", blocker.fn);
    const controller = new AbortController();
    const cancelled = vi.fn(async () => "never");
    const result = outcome(gate.run("c", cancelled, { signal: controller.signal }));
    const after = vi.fn(async () => "after");
    const behind = gate.run("c", after);
    expect(gate.stats("c")).toEqual({ inFlight: 1, queued: 2 });
    const reason = new Error("user went away");
    controller.abort(reason);
    expect(await result).toEqual({ ok: false, error: reason });
    expect(gate.stats("c")).toEqual({ inFlight: 1, queued: 1 });
    blocker.resolve("x");
    await expect(behind).resolves.toBe("after");
    expect(cancelled).not.toHaveBeenCalled();
  });

  it("rejects with the caller's reason and aborts the call when the caller aborts while it runs", async () => {
    const gate = gateWith();
    const controller = new AbortController();
    const call = controllable();
    const result = outcome(gate.run("c", call.fn, { signal: controller.signal }));
    controller.abort("stop");
    expect(await result).toEqual({ ok: false, error: "stop" });
    expect(call.calls[0]?.aborted).toBe(true);
    expect(call.calls[0]?.reason).toBe("stop");
    call.reject(new Error("aborted"));
  });

  it("does not start a call whose signal is already aborted", async () => {
    const gate = gateWith();
    const fn = vi.fn(async () => 1);
    const reason = new DOMException("gone", "AbortError");
    expect(await outcome(gate.run("c", fn, { signal: AbortSignal.abort(reason) }))).toEqual({
      ok: false,
      error: reason,
    });
    expect(fn).not.toHaveBeenCalled();
  });

  it("never delays a second cluster behind a busy first one", async () => {
    const gate = gateWith({ limit: 2, queueMax: 10 });
    const blocker = controllable();
    for (let i = 0; i < 12; i++) void outcome(gate.run("busy", blocker.fn));
    expect(gate.stats("busy")).toEqual({ inFlight: 2, queued: 10 });
    const other = vi.fn(async () => "quick");
    const result = gate.run("idle", other);
    expect(other).toHaveBeenCalledTimes(1); // started synchronously
    await expect(result).resolves.toBe("quick");
    expect(gate.stats("busy")).toEqual({ inFlight: 2, queued: 10 });
    blocker.resolve("x");
    await vi.runAllTimersAsync();
    expect(gate.stats("busy")).toEqual({ inFlight: 0, queued: 0 });
  });

  it("releases the slot when the call throws, even synchronously", async () => {
    const gate = gateWith({ limit: 1 });
    const boom = new Error("boom");
    await expect(
      gate.run("c", () => {
        throw boom;
      }),
    ).rejects.toBe(boom);
    await expect(gate.run("c", async () => Promise.reject(boom))).rejects.toBe(boom);
    await expect(gate.run("c", async () => "ok")).resolves.toBe("ok");
    expect(gate.stats("c")).toEqual({ inFlight: 0, queued: 0 });
  });

  it("rejects bad limits", () => {
    expect(() => gateWith({ limit: 0 })).toThrow(RangeError);
    expect(() => gateWith({ queueMax: -1 })).toThrow(RangeError);
    expect(() => gateWith({ timeoutMs: 0 })).toThrow(RangeError);
  });
});

describe("gateTransport", () => {
  it("sends each request through the gate with the gate's signal", async () => {
    const gate = gateWith({ limit: 1, timeoutMs: 50 });
    const seen: KubeRequest[] = [];
    const transport = gateTransport(gate, "c", {
      request: <T>(req: KubeRequest) => {
        seen.push(req);
        return new Promise<T>((_, reject) =>
          req.signal?.addEventListener("abort", () => reject(req.signal?.reason), { once: true }),
        );
      },
    });
    const caller = new AbortController();
    const result = outcome(transport.request({ method: "GET", path: "/api", signal: caller.signal }));
    expect(gate.stats("c").inFlight).toBe(1);
    expect(seen[0]?.signal).not.toBe(caller.signal);
    await vi.advanceTimersByTimeAsync(50);
    const r = await result;
    expectCode(r, "K8S_TIMEOUT");
    expect(!r.ok && r.error).toBeInstanceOf(AppError);
  });
});
