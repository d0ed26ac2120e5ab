/**
 * The worker's half of "watchers follow cluster changes without a restart, at once": LISTEN on
 * `shepherd_cluster_changed` (a CacheEventsHub on that channel alone) and, for each notice about a cluster:
 * - credentials_rotated → drop this process's cached client (ClusterConnections.invalidate) and restart its
 *   watchers, so open watches reconnect with the new credentials;
 * - deleted → drop the client and poll now: its watchers stop at once;
 * - updated → poll now (start or stop watchers at once); the client is dropped only when the cluster left
 *   the enabled set (a new display name or environment keeps it);
 * - registered → poll now (no client of a new cluster can be cached);
 * - checked → nothing (a health result, sent by this worker's own loop or a "check now").
 * After a lost LISTEN session the hub resyncs: notices may have been missed, so poll now too. The
 * ClusterSync's regular poll stays the fallback either way.
 */
import type { ClusterChangeNotice } from "@/lib/clusters/cluster-change-notice";
import { CacheEventsHub } from "../events/cache-events-hub";
import type { ClusterConnections } from "../k8s/cluster-connections";
import type { Logger } from "../log";
import type { ClusterSync } from "./cluster-sync";

/** Names the LISTEN session in pg_stat_activity. */
export const WORKER_CLUSTER_LISTENER_NAME = "shepherd-worker-cluster-changes";

export interface FollowClusterChangesOptions {
  databaseUrl: string;
  sync: Pick<ClusterSync, "reconcileNow" | "restart">;
  connections: Pick<ClusterConnections, "invalidate">;
  /** Whether the cluster exists and is enabled (decides whether an `updated` notice drops its client). */
  clusterEnabled: (clusterId: string) => Promise<boolean>;
  log: Pick<Logger, "warn" | "info" | "debug">;
  signal: AbortSignal;
  /** Reconnect backoff of the LISTEN session (tests shorten it). */
  minBackoffMs?: number;
  maxBackoffMs?: number;
}

/** Runs until `signal` aborts. Resolves once listening has stopped. */
export async function followClusterChanges(opts: FollowClusterChangesOptions): Promise<void> {
  const { sync, connections, log, signal } = opts;
  if (signal.aborted) return;
  const hub = new CacheEventsHub({
    databaseUrl: opts.databaseUrl,
    listen: { cache: false, cluster: true, adoption: false, task: false },
    applicationName: WORKER_CLUSTER_LISTENER_NAME,
    log,
    ...(opts.minBackoffMs !== undefined ? { minBackoffMs: opts.minBackoffMs } : {}),
    ...(opts.maxBackoffMs !== undefined ? { maxBackoffMs: opts.maxBackoffMs } : {}),
  });
  const apply = (notice: ClusterChangeNotice) => {
    if (notice.change === "checked") return;
    const id = notice.cluster_id;
    log.debug({ cluster: id, change: notice.change }, "cluster change notice");
    if (notice.change === "credentials_rotated" || notice.change === "deleted") connections.invalidate(id);
    if (notice.change === "updated")
      opts.clusterEnabled(id).then(
        (enabled) => {
          if (!enabled) connections.invalidate(id);
        },
        (err: unknown) => {
          connections.invalidate(id); // unsure: a client built afresh is merely slower
          log.warn({ err, cluster: id }, "cluster change notice: enabled state not read");
        },
      );
    if (notice.change === "credentials_rotated") sync.restart(id);
    else sync.reconcileNow();
  };
  hub.subscribe({ onNotice: () => undefined, onClusterNotice: apply, onResync: () => sync.reconcileNow() });
  await new Promise<void>((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }));
  await hub.close();
}
