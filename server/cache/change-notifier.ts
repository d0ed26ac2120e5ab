/**
 * Debounced change notices after committed cache writes (WATCHER.md §3.4 item 9). Changes gathered for
 * `debounceMs` from the first one go out as one `NOTIFY shepherd_cache_changed` per cluster, with the payload
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
    this.#timer ??= this.#clock.setTimeout(() => void this.flush(), this.#o.debounceMs);
  }

  /** Sends what is pending now; resolves when it has been sent. */
  flush(): Promise<void> {
    this.#clock.clearTimeout(this.#timer);
    this.#timer = undefined;
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
