/**
 * Debounced change notices after committed cache writes (WATCHER.md §3.4 item 9), at most one flush per
 * `debounceMs`: a change after a quiet spell goes out at once (on the next tick, with whatever else the same
 * tick changed), and changes while a flush is recent are gathered until `debounceMs` after it. So a single
 * change reaches pages without waiting out the window, and a storm still costs one notice per cluster per
 * window. Each flush is one `NOTIFY shepherd_cache_changed` per cluster, with the payload
 * `{"cluster":"<id>","kinds":["VirtualMachine",…],"namespaces":["ns",…]}`; `namespaces` is null when there are
 * too many to list (PostgreSQL caps a payload at 8000 bytes) and means "any". Listeners re-query what they show;
 * a notice carries no data, so a lost one only delays a refresh.
 */
import { type CacheChangeNotice, parseCacheChangeNotice } from "@/lib/cache/cache-change-notice";
import "server-only";
import type { Clock } from "../watch/clock";
import { systemClock } from "../watch/clock";

export const CACHE_CHANGES_CHANNEL = "shepherd_cache_changed";

const MAX_NAMESPACES = 100;
const MAX_PAYLOAD_BYTES = 7_900;

export interface ChangeNotifierOptions {
  /** Sends one payload on the channel (pg_notify). */
  send: (channel: string, payload: string) => Promise<void>;
  debounceMs: number;
  onError?: (error: unknown) => void;
  clock?: Clock;
}

interface Pending {
  kinds: Set<string>;
  namespaces: Set<string> | null;
}

export class ChangeNotifier {
  readonly #o: ChangeNotifierOptions;
  readonly #clock: Clock;
  #pending = new Map<string, Pending>();
  #timer: unknown;
  /** When the last flush started; -Infinity before the first. */
  #lastFlushAt = Number.NEGATIVE_INFINITY;
  #sending: Promise<void> = Promise.resolve();

  constructor(opts: ChangeNotifierOptions) {
    this.#o = opts;
    this.#clock = opts.clock ?? systemClock;
  }

  changed(cluster: string, kind: string, namespaces: Iterable<string>): void {
    let entry = this.#pending.get(cluster);
    if (!entry) {
      entry = { kinds: new Set(), namespaces: new Set() };
      this.#pending.set(cluster, entry);
    }
    entry.kinds.add(kind);
    if (entry.namespaces) {
      for (const ns of namespaces) entry.namespaces.add(ns);
      if (entry.namespaces.size > MAX_NAMESPACES) entry.namespaces = null;
    }
    if (this.#timer === undefined) {
      const wait = Math.max(0, this.#lastFlushAt + this.#o.debounceMs - this.#clock.now());
      this.#timer = this.#clock.setTimeout(() => void this.flush(), wait);
    }
  }

  /** Sends what is pending now; resolves when it has been sent. */
  flush(): Promise<void> {
    this.#clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#lastFlushAt = this.#clock.now();
    const batch = this.#pending;
    this.#pending = new Map();
    this.#sending = this.#sending.then(async () => {
      for (const [cluster, p] of batch) {
        try {
          await this.#o.send(CACHE_CHANGES_CHANNEL, encodeNotice(cluster, p));
        } catch (error) {
          this.#o.onError?.(error);
        }
      }
    });
    return this.#sending;
  }
}

function encodeNotice(cluster: string, p: Pending): string {
  const notice: CacheChangeNotice = {
    cluster,
    kinds: [...p.kinds].sort(),
    namespaces: p.namespaces ? [...p.namespaces].sort() : null,
  };
  const text = JSON.stringify(notice);
  return Buffer.byteLength(text) <= MAX_PAYLOAD_BYTES
    ? text
    : JSON.stringify({ ...notice, namespaces: null });
}

export { type CacheChangeNotice, parseCacheChangeNotice };
