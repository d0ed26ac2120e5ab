// Fault injection for the API (never the control API): added latency, and failing the next N requests or
// every request until a deadline with 429/500/503 (or any code), answered with the matching Status.
import { errors, StatusError } from "./status-error.ts";

export interface FaultSpec {
  status: number;
  /** Fail this many requests… */
  count?: number;
  /** …or every request for this long. */
  durationMs?: number;
}

export function faultError(status: number): StatusError {
  if (status === 429) return errors.tooManyRequests(1);
  if (status === 500) return errors.internal("kubesim injected fault");
  if (status === 503)
    return errors.serviceUnavailable(
      "kubesim injected fault: the server is currently unable to handle the request",
    );
  if (status === 504)
    return errors.timeout(
      "kubesim injected fault: the server was unable to return a response in the time allotted",
    );
  return new StatusError(status, "InternalError", `kubesim injected fault (${status})`);
}

export class FaultInjector {
  latencyMs = 0;
  private readonly sleepers = new Map<NodeJS.Timeout, () => void>();
  private remaining = 0;
  private countStatus = 500;
  private until = 0;
  private untilStatus = 503;

  set(spec: FaultSpec, now = Date.now()): void {
    if (spec.count !== undefined) {
      this.remaining = spec.count;
      this.countStatus = spec.status;
    }
    if (spec.durationMs !== undefined) {
      this.until = now + spec.durationMs;
      this.untilStatus = spec.status;
    }
  }

  /** Waits the configured latency; the timer is owned so dispose() can release it. */
  delay(): Promise<void> {
    if (this.latencyMs <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.sleepers.delete(t);
        resolve();
      }, this.latencyMs);
      this.sleepers.set(t, resolve);
    });
  }

  dispose(): void {
    for (const [t, resolve] of this.sleepers) {
      clearTimeout(t);
      resolve();
    }
    this.sleepers.clear();
  }

  clear(): void {
    this.remaining = 0;
    this.until = 0;
    this.latencyMs = 0;
  }

  /** The injected error for this request, if any (consumes one of the "next N"). */
  next(now = Date.now()): StatusError | undefined {
    if (this.remaining > 0) {
      this.remaining--;
      return faultError(this.countStatus);
    }
    if (now < this.until) return faultError(this.untilStatus);
    return undefined;
  }
}
