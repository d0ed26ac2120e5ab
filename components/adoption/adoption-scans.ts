// Pure helpers over the latest scan of each cluster, as the inbox shows and summarises them.
import type { AdoptionScanView } from "@/lib/adoption/adoption-views";

/** The latest scans after a "scan now": a fresh scan replaces its cluster's row; clusters sorted by name. */
export function mergeScans(
  current: readonly AdoptionScanView[] | undefined,
  fresh: readonly AdoptionScanView[],
): AdoptionScanView[] {
  const byCluster = new Map((current ?? []).map((scan) => [scan.cluster_id, scan]));
  for (const scan of fresh) byCluster.set(scan.cluster_id, scan);
  return [...byCluster.values()].sort((a, b) => a.cluster_name.localeCompare(b.cluster_name));
}

export interface ScanTotals {
  found: number;
  new: number;
  updated: number;
  gone: number;
  /** Clusters whose latest scan was refused or failed. */
  failed: number;
}

export function scanTotals(scans: readonly AdoptionScanView[]): ScanTotals {
  const totals: ScanTotals = { found: 0, new: 0, updated: 0, gone: 0, failed: 0 };
  for (const scan of scans) {
    totals.found += scan.found;
    totals.new += scan.new;
    totals.updated += scan.updated;
    totals.gone += scan.gone;
    if (scan.error) totals.failed += 1;
  }
  return totals;
}

/** When the most recent finished scan of any cluster ended (ISO), for "last scanned …"; undefined if none. */
export function lastFinishedAt(scans: readonly AdoptionScanView[]): string | undefined {
  let latest: string | undefined;
  for (const scan of scans) {
    if (scan.finished_at && (!latest || Date.parse(scan.finished_at) > Date.parse(latest)))
      latest = scan.finished_at;
  }
  return latest;
}
