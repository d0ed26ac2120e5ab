// The "etcd" of kubesim: objects per resource type, one global monotonically increasing revision, and a
// bounded event history (like a compacted etcd). Objects are immutable once stored; writers replace them.
import type { KObject } from "./types.ts";

export type EventType = "ADDED" | "MODIFIED" | "DELETED";

export interface StoreEvent {
  rv: number;
  type: EventType;
  rkey: string;
  obj: KObject;
  /** The object before this event (for MODIFIED/DELETED); lets snapshots roll back and watchers filter. */
  prev?: KObject;
}

export type StoreListener = (e: StoreEvent) => void;

export function objKey(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

export class ResourceStore {
  private revision: number;
  private readonly collections = new Map<string, Map<string, KObject>>();
  private readonly sorted = new Map<string, string[]>();
  private history: StoreEvent[] = [];
  /** Oldest resourceVersion a watch or snapshot may still start from. */
  private compacted: number;
  private readonly listeners = new Set<StoreListener>();
  private readonly typeListeners = new Map<string, Set<StoreListener>>();

  /**
   * `startRevision`: like a fresh etcd, a new store must never hand out a revision an earlier incarnation at the
   * same address did, or a client resuming from its stored resourceVersion would silently miss the reset
   * instead of getting 410 and relisting. Clusters start from a time-based revision for that reason.
   */
  constructor(
    public historyLimit = 10_000,
    startRevision = 1,
  ) {
    this.revision = startRevision;
    this.compacted = startRevision;
  }

  get currentRv(): number {
    return this.revision;
  }

  get compactedRv(): number {
    return this.compacted;
  }

  /** Drops history up to `rv` (default: everything so far). Watches/lists older than it get 410. */
  compact(rv = this.revision): void {
    const target = Math.min(rv, this.revision);
    if (target <= this.compacted) return;
    this.compacted = target;
    this.history = this.history.filter((e) => e.rv > target);
  }

  onEvent(fn: StoreListener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  onTypeEvent(rkey: string, fn: StoreListener): () => void {
    let set = this.typeListeners.get(rkey);
    if (!set) {
      set = new Set();
      this.typeListeners.set(rkey, set);
    }
    set.add(fn);
    return () => set.delete(fn);
  }

  private collection(rkey: string): Map<string, KObject> {
    let c = this.collections.get(rkey);
    if (!c) {
      c = new Map();
      this.collections.set(rkey, c);
    }
    return c;
  }

  get(rkey: string, namespace: string | undefined, name: string): KObject | undefined {
    return this.collections.get(rkey)?.get(objKey(namespace, name));
  }

  count(rkey: string): number {
    return this.collections.get(rkey)?.size ?? 0;
  }

  /** All objects of a type (optionally one namespace), in key order as etcd returns them. */
  list(rkey: string, namespace?: string): KObject[] {
    return this.listAt(rkey, undefined, namespace);
  }

  /** Sorted keys of the current collection; cached until the key set changes. */
  private sortedKeys(rkey: string): string[] {
    let keys = this.sorted.get(rkey);
    if (!keys) {
      keys = [...this.collection(rkey).keys()].sort();
      this.sorted.set(rkey, keys);
    }
    return keys;
  }

  /**
   * Visits objects as they were at revision `rv` (undefined = now) in key order, starting after `afterKey`;
   * `visit` returns false to stop. Callers must check `rv >= compactedRv` first.
   */
  scan(
    rkey: string,
    rv: number | undefined,
    namespace: string | undefined,
    afterKey: string | undefined,
    visit: (obj: KObject, key: string) => boolean,
  ): void {
    const later = rv === undefined ? [] : this.history.filter((e) => e.rv > rv && e.rkey === rkey);
    const current = this.collection(rkey);
    const keys = this.sortedKeys(rkey);
    // Objects changed after `rv`: their state at `rv` (null = did not exist). Newest first, so the oldest
    // event after `rv` (which knows the state at `rv`) is written last and wins.
    const overlay = new Map<string, KObject | null>();
    for (let i = later.length - 1; i >= 0; i--) {
      const e = later[i];
      if (!e) continue;
      overlay.set(
        objKey(e.obj.metadata.namespace, e.obj.metadata.name ?? ""),
        e.type === "ADDED" ? null : (e.prev ?? null),
      );
    }
    // Keys deleted since `rv` are not in the current key list: merge them in (there are few).
    const extra = [...overlay.entries()]
      .filter(([k, v]) => v !== null && !current.has(k))
      .map(([k]) => k)
      .sort();
    const prefix = namespace ? `${namespace}/` : "";
    const from = afterKey !== undefined && afterKey > prefix ? afterKey : prefix;
    const strict = afterKey !== undefined && afterKey > prefix;
    const firstIndex = (arr: string[]): number => {
      let lo = 0;
      let hi = arr.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        const k = arr[mid] ?? "";
        if (k < from || (strict && k === from)) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    let i = firstIndex(keys);
    let j = firstIndex(extra);
    while (i < keys.length || j < extra.length) {
      const a = keys[i];
      const b = extra[j];
      let k: string;
      if (b === undefined || (a !== undefined && a < b)) {
        k = a ?? "";
        i++;
      } else {
        k = b;
        j++;
      }
      if (prefix && !k.startsWith(prefix)) break;
      const o = overlay.has(k) ? overlay.get(k) : current.get(k);
      if (o && !visit(o, k)) break;
    }
  }

  /** Number of objects after `afterKey` (in `namespace`) at revision `rv`; O(log n) when nothing changed since. */
  countAfter(rkey: string, rv: number | undefined, namespace: string | undefined, afterKey: string): number {
    const changed = rv !== undefined && this.history.some((e) => e.rv > rv && e.rkey === rkey);
    if (changed) {
      let n = 0;
      this.scan(rkey, rv, namespace, afterKey, () => {
        n++;
        return true;
      });
      return n;
    }
    const keys = this.sortedKeys(rkey);
    const lowerBound = (x: string, strict: boolean): number => {
      let lo = 0;
      let hi = keys.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        const k = keys[mid] ?? "";
        if (k < x || (strict && k === x)) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    const start = lowerBound(afterKey, true);
    // "/" + 1 = "0": the first key past every "namespace/…" key.
    const end = namespace ? lowerBound(`${namespace}0`, false) : keys.length;
    return Math.max(0, end - start);
  }

  listAt(rkey: string, rv: number | undefined, namespace?: string): KObject[] {
    const out: KObject[] = [];
    this.scan(rkey, rv, namespace, undefined, (o) => {
      out.push(o);
      return true;
    });
    return out;
  }

  /** Events of one type after `rv`, in order. Caller checks compaction first. */
  eventsSince(rkey: string, rv: number): StoreEvent[] {
    return this.history.filter((e) => e.rv > rv && e.rkey === rkey);
  }

  private nextRv(): number {
    this.revision += 1;
    return this.revision;
  }

  private withRv(obj: KObject, rv: number): KObject {
    return { ...obj, metadata: { ...obj.metadata, resourceVersion: String(rv) } };
  }

  private record(e: StoreEvent): void {
    this.history.push(e);
    // Trim in batches (amortized O(1) per write); the window is therefore between limit and 1.25×limit.
    if (this.history.length > this.historyLimit + Math.max(16, this.historyLimit >> 2)) {
      const drop = this.history.length - this.historyLimit;
      const last = this.history[drop - 1];
      this.history = this.history.slice(drop);
      if (last) this.compacted = Math.max(this.compacted, last.rv);
    }
    for (const fn of this.typeListeners.get(e.rkey) ?? []) fn(e);
    for (const fn of this.listeners) fn(e);
  }

  /** Stores a new object (the caller validated it); returns it with its resourceVersion. */
  insert(rkey: string, obj: KObject): KObject {
    const rv = this.nextRv();
    const stored = this.withRv(obj, rv);
    const k = objKey(obj.metadata.namespace, obj.metadata.name ?? "");
    this.collection(rkey).set(k, stored);
    this.sorted.delete(rkey);
    this.record({ rv, type: "ADDED", rkey, obj: stored });
    return stored;
  }

  replace(rkey: string, obj: KObject): KObject {
    const k = objKey(obj.metadata.namespace, obj.metadata.name ?? "");
    const prev = this.collection(rkey).get(k);
    if (!prev) return this.insert(rkey, obj);
    const rv = this.nextRv();
    const stored = this.withRv(obj, rv);
    this.collection(rkey).set(k, stored);
    this.record({ rv, type: "MODIFIED", rkey, obj: stored, prev });
    return stored;
  }

  remove(rkey: string, namespace: string | undefined, name: string): KObject | undefined {
    const k = objKey(namespace, name);
    const prev = this.collection(rkey).get(k);
    if (!prev) return undefined;
    const rv = this.nextRv();
    this.collection(rkey).delete(k);
    this.sorted.delete(rkey);
    const gone = this.withRv(prev, rv);
    this.record({ rv, type: "DELETED", rkey, obj: gone, prev });
    return gone;
  }

  /** Forgets everything (control-API reset); revisions keep growing so old RVs stay invalid. */
  clear(): void {
    this.collections.clear();
    this.sorted.clear();
    this.history = [];
    this.compacted = this.revision;
  }
}
