/**
 * A cluster's cache status from its watchers' rows in cache_sync_states (pure, table-tested):
 * - REBUILDING: some watcher is relisting after a 410 (writes are refused with CLUSTER_REBUILDING);
 * - STALE: no watcher row yet, a watcher that is not watching (listing, backoff, breaker open, forbidden), a
 *   row not refreshed within `staleAfterMs` (its worker is gone), or never synced;
 * - FRESH otherwise. `absent` (the CRD is not installed) is a steady state, not staleness.
 * Only the kinds Shepherd acts on count. Events are informational (shown on the VM page): their watcher never
 * makes a cluster STALE or REBUILDING, so credentials without access to events, or an events relist, do not
 * refuse writes or adoption scans.
 * Read results carry FRESH or STALE (`readStatus`): a rebuilding cluster's rows are served as STALE (SPEC §11).
 */
import "server-only";

export type CacheStatus = "FRESH" | "STALE" | "REBUILDING";

export interface SyncStateRow {
  resourceKind: string;
  state: string;
  rebuilding: boolean;
  syncedAt: Date | null;
  lastEventAt: Date | null;
  updatedAt: Date;
  lastError: string | null;
}

export interface ClusterCacheStatus {
  status: CacheStatus;
  /** Up to when the rows are known to match the cluster (the oldest watcher's); null before a first sync. */
  lastSyncedAt: Date | null;
}

const STEADY = new Set(["watching", "absent"]);
const INFORMATIONAL_KINDS = new Set(["Event"]);

export function deriveCacheStatus(
  rows: readonly SyncStateRow[],
  now: Date,
  staleAfterMs: number,
): ClusterCacheStatus {
  const counted = rows.filter((row) => !INFORMATIONAL_KINDS.has(row.resourceKind));
  if (counted.length === 0) return { status: "STALE", lastSyncedAt: null };
  let lastSyncedAt: Date | null = null;
  let stale = false;
  let rebuilding = false;
  for (const row of counted) {
    if (row.rebuilding) rebuilding = true;
    const alive = now.getTime() - row.updatedAt.getTime() <= staleAfterMs;
    const steady = STEADY.has(row.state) && alive && (row.syncedAt !== null || row.state === "absent");
    if (!steady) stale = true;
    const knownUpTo = steady ? row.updatedAt : (row.lastEventAt ?? row.syncedAt);
    if (knownUpTo === null) continue;
    if (lastSyncedAt === null || knownUpTo < lastSyncedAt) lastSyncedAt = knownUpTo;
  }
  return { status: rebuilding ? "REBUILDING" : stale ? "STALE" : "FRESH", lastSyncedAt };
}

/** What a read result says about its rows: REBUILDING data is served as STALE. */
export function readStatus(status: CacheStatus): "FRESH" | "STALE" {
  return status === "FRESH" ? "FRESH" : "STALE";
}
