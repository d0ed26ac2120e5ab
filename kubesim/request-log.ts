// The API requests a cluster received, newest last, in a bounded ring (control-API calls are not recorded).
// Tests and benchmarks read it to count the calls a client made ("one stop request reached the cluster")
// and to time them against their own clock (`at_ms` is on the performance.timeOrigin + now() scale).
import type { IncomingMessage } from "node:http";

export interface RecordedRequest {
  /** 1, 2, 3 … in arrival order; never reused, also not after clear(). */
  seq: number;
  /** Arrival time: performance.timeOrigin + performance.now(), in milliseconds. */
  at_ms: number;
  method: string;
  path: string;
  /** The query string without "?", "" when there is none. */
  query: string;
  user_agent: string;
}

/** Enough for a test or a benchmark run; older entries are dropped first. */
export const REQUEST_LOG_CAPACITY = 10_000;

export class RequestLog {
  private readonly ring: RecordedRequest[] = [];
  private start = 0;
  private nextSeq = 1;

  constructor(readonly capacity = REQUEST_LOG_CAPACITY) {}

  record(req: Pick<IncomingMessage, "method" | "url" | "headers">): void {
    const url = req.url ?? "/";
    const q = url.indexOf("?");
    const entry: RecordedRequest = {
      seq: this.nextSeq++,
      at_ms: performance.timeOrigin + performance.now(),
      method: req.method ?? "GET",
      path: q === -1 ? url : url.slice(0, q),
      query: q === -1 ? "" : url.slice(q + 1),
      user_agent: String(req.headers["user-agent"] ?? ""),
    };
    if (this.ring.length < this.capacity) this.ring.push(entry);
    else {
      this.ring[this.start] = entry;
      this.start = (this.start + 1) % this.capacity;
    }
  }

  /** Requests with `seq` greater than `since`, oldest first. */
  since(since = 0): RecordedRequest[] {
    const ordered = [...this.ring.slice(this.start), ...this.ring.slice(0, this.start)];
    return ordered.filter((r) => r.seq > since);
  }

  /** The seq of the newest request recorded so far (0 before the first). */
  get lastSeq(): number {
    return this.nextSeq - 1;
  }

  clear(): void {
    this.ring.length = 0;
    this.start = 0;
  }
}
