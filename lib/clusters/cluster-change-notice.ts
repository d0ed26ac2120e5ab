/**
 * The notice sent (NOTIFY `shepherd_cluster_changed`) after a cluster was registered, edited, had its
 * credentials rotated, was deleted or was checked, and relayed to browsers over SSE as event `cluster`:
 * `{"cluster_id":"<id>","change":"registered|updated|credentials_rotated|deleted|checked"}`. It carries no
 * data (no status, no secret): whoever shows the cluster re-queries it. One parser for every end (worker,
 * web process, browser).
 */

export const CLUSTER_CHANGES = [
  "registered",
  "updated",
  "credentials_rotated",
  "deleted",
  "checked",
] as const;
export type ClusterChange = (typeof CLUSTER_CHANGES)[number];

export interface ClusterChangeNotice {
  cluster_id: string;
  change: ClusterChange;
}

/** Parses a notice payload (JSON text); undefined when it is not one. */
export function parseClusterChangeNotice(payload: unknown): ClusterChangeNotice | undefined {
  if (typeof payload !== "string") return undefined;
  try {
    const v: unknown = JSON.parse(payload);
    if (typeof v !== "object" || v === null) return undefined;
    const { cluster_id, change } = v as Record<string, unknown>;
    if (typeof cluster_id !== "string" || cluster_id === "") return undefined;
    if (!(CLUSTER_CHANGES as readonly unknown[]).includes(change)) return undefined;
    return { cluster_id, change: change as ClusterChange };
  } catch {
    return undefined;
  }
}
