// The cockatiel-backed cluster breaker with a faked Date (cockatiel reads Date.now): 5 counted failures open
// it, uncounted ones (a 410) change nothing, and after the open period one trial decides.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { KubeApiError } from "../k8s/kube-api-error";
import { BreakerOpenError, createClusterBreaker } from "./circuit-breaker";
import { countsTowardBreaker } from "./watch-failure";

const unavailable = () => new KubeApiError({ kind: "unavailable", status: 503, message: "down" });
const gone = () => new KubeApiError({ kind: "gone", status: 410, message: "expired" });
const signal = new AbortController().signal;
const fail = (e: Error) => () => Promise.reject(e);

beforeEach(() => vi.useFakeTimers({ toFake: ["Date"] }));
afterEach(() => vi.useRealTimers());

describe("cluster circuit breaker", () => {
  it("opens after 5 counted failures, ignores 410s, and closes after a successful half-open trial", async () => {
    const b = createClusterBreaker({ threshold: 5, openMs: 60_000, counts: countsTowardBreaker });
    for (let i = 0; i < 4; i++) await expect(b.execute(fail(unavailable()), signal)).rejects.toThrow("down");
    await expect(b.execute(fail(gone()), signal)).rejects.toThrow("expired");
    expect(b.consecutiveFailures).toBe(4);
    expect(b.state).toBe("closed");
    await expect(b.execute(fail(unavailable()), signal)).rejects.toThrow("down");
    expect(b.state).toBe("open");
    expect(b.countedFailures).toBe(5);
    expect(b.retryInMs()).toBe(60_000);

    const probe = vi.fn(async () => "ok");
    await expect(b.execute(probe, signal)).rejects.toBeInstanceOf(BreakerOpenError);
    expect(probe).not.toHaveBeenCalled();
    vi.setSystemTime(Date.now() + 60_001);
    await expect(b.execute(probe, signal)).resolves.toBe("ok");
    expect(b.state).toBe("closed");
    expect(b.consecutiveFailures).toBe(0);
  });

  it("reopens when the half-open trial fails; a failure recorded after a call counts too", async () => {
    const b = createClusterBreaker({ threshold: 2, openMs: 1_000, counts: countsTowardBreaker });
    await b.recordFailure(unavailable());
    await b.recordFailure(unavailable());
    expect(b.state).toBe("open");
    vi.setSystemTime(Date.now() + 1_001);
    await expect(b.execute(fail(unavailable()), signal)).rejects.toThrow("down");
    expect(b.state).toBe("open");
  });
});
