/**
 * "Scan now" (`POST /api/v1/admin/adoption-scans`): scans one cluster, or every enabled cluster one after the
 * other, in the calling process, and returns each scan's summary. A cluster whose scan fails is reported in its
 * summary's `error`; the others are still scanned.
 */
import "server-only";
import type { AdoptionScanView } from "@/lib/adoption/adoption-views";
import { AppError } from "@/lib/errors/app-error";
import type { AdoptionDeps } from "./adoption-deps";
import { scanClusterForAdoptions } from "./scan-cluster-for-adoptions";

export async function runAdoptionScans(
  deps: AdoptionDeps,
  input: { clusterId?: string | undefined; discoveredBy: string },
): Promise<AdoptionScanView[]> {
  const clusters = await deps.prisma.cluster.findMany({
    where: { enabled: true, ...(input.clusterId ? { id: input.clusterId } : {}) },
    select: { id: true },
    orderBy: { name: "asc" },
  });
  if (input.clusterId && clusters.length === 0)
    throw new AppError("CLUSTER_NOT_FOUND", { cluster: input.clusterId });
  const scans: AdoptionScanView[] = [];
  for (const { id } of clusters)
    scans.push((await scanClusterForAdoptions(deps, id, { discoveredBy: input.discoveredBy })).scan);
  return scans;
}
