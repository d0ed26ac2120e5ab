/**
 * The worker's adoption task: scans the clusters this worker owns on the AdoptionScanSchedule, one cluster at a
 * time, until the signal aborts. A failing cluster is logged and does not stop the others; a scan that changed
 * the inbox is logged at info with its summary (the scan itself sends the change notice).
 */
import "server-only";
import type { AdoptionDeps } from "../adoption/adoption-deps";
import { AdoptionScanSchedule } from "../adoption/adoption-scan-schedule";
import { scanClusterForAdoptions } from "../adoption/scan-cluster-for-adoptions";
import type { Logger } from "../log";
import { runPeriodically } from "./periodic-task";

/** How often the loop looks for due clusters; a shorter scan interval is used as is. */
const TICK_MS = 5_000;

export interface AdoptionScanTaskOptions {
  deps: AdoptionDeps;
  intervalMs: number;
  ownedClusters: () => string[];
  workerId: string;
  signal: AbortSignal;
  log: Logger;
  now?: () => number;
}

export function runAdoptionScanTask(opts: AdoptionScanTaskOptions): Promise<void> {
  const { deps, log, signal } = opts;
  const now = opts.now ?? Date.now;
  const schedule = new AdoptionScanSchedule(opts.intervalMs);
  return runPeriodically(
    { name: "adoption-scan", intervalMs: Math.min(TICK_MS, opts.intervalMs), signal, log },
    async () => {
      for (const { clusterId, onlyIfFresh } of schedule.due(opts.ownedClusters(), now())) {
        if (signal.aborted) return;
        try {
          if (onlyIfFresh && (await deps.cache.getCacheStatus(clusterId)).status !== "FRESH") continue;
          const { scan, changed } = await scanClusterForAdoptions(deps, clusterId, {
            discoveredBy: `worker:${opts.workerId}`,
          });
          schedule.scanned(clusterId, now());
          const summary = {
            cluster: scan.cluster_name,
            found: scan.found,
            new: scan.new,
            updated: scan.updated,
            gone: scan.gone,
            orphans: scan.orphans.length,
            durationMs: scan.duration_ms,
          };
          if (scan.error) log.warn({ ...summary, error: scan.error }, "adoption scan refused or failed");
          else if (changed) log.info(summary, "adoption scan changed the inbox");
          else log.debug(summary, "adoption scan");
        } catch (err) {
          schedule.scanned(clusterId, now());
          log.error({ err, clusterId }, "adoption scan failed");
        }
      }
    },
  );
}
