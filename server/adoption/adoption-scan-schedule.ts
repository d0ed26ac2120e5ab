/**
 * When the worker scans each cluster it owns (pure; unit-tested). A cluster is scanned every `intervalMs`
 * (ADOPTION_SCAN_INTERVAL_MS). Its first scan comes as soon as its cache is FRESH after the worker takes it
 * over — right after a start the watchers are still listing, and a scan of a cache that is not FRESH only
 * records that it was refused — or, if the cache never gets fresh, one interval after takeover (then the
 * refusal is what the admin sees). Clusters the worker no longer owns are forgotten.
 */
export interface DueScan {
  clusterId: string;
  /** Scan only if the cluster's cache is FRESH now (a first scan, before its interval has passed). */
  onlyIfFresh: boolean;
}

export class AdoptionScanSchedule {
  readonly #intervalMs: number;
  readonly #takenOverAt = new Map<string, number>();
  readonly #lastScanAt = new Map<string, number>();

  constructor(intervalMs: number) {
    this.#intervalMs = intervalMs;
  }

  due(owned: readonly string[], nowMs: number): DueScan[] {
    const ownedSet = new Set(owned);
    for (const id of [...this.#takenOverAt.keys()])
      if (!ownedSet.has(id)) {
        this.#takenOverAt.delete(id);
        this.#lastScanAt.delete(id);
      }
    const out: DueScan[] = [];
    for (const clusterId of owned) {
      const last = this.#lastScanAt.get(clusterId);
      if (last !== undefined) {
        if (nowMs - last >= this.#intervalMs) out.push({ clusterId, onlyIfFresh: false });
        continue;
      }
      const since = this.#takenOverAt.get(clusterId) ?? nowMs;
      this.#takenOverAt.set(clusterId, since);
      out.push({ clusterId, onlyIfFresh: nowMs - since < this.#intervalMs });
    }
    return out;
  }

  scanned(clusterId: string, nowMs: number): void {
    this.#lastScanAt.set(clusterId, nowMs);
  }
}
