/**
 * "Scan now" (`POST /api/v1/admin/adoption-scans`): scans one cluster, or every enabled cluster one after the
 * other, in the calling process, and returns each scan's summary. A cluster whose scan fails is reported in its
 * summary's `error`; the others are still scanned. A disabled cluster named explicitly is refused with 409
 * ADOPTION_CLUSTER_DISABLED (its cache is not kept, so there is nothing to scan).
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
    where: input.clusterId ? { id: input.clusterId } : { enabled: true },
    select: { id: true, name: true, enabled: true },
    orderBy: { name: "asc" },
  });
  if (input.clusterId) {
    const [cluster] = clusters;
    if (!cluster) throw new AppError("CLUSTER_NOT_FOUND", { cluster: input.clusterId });
    if (!cluster.enabled) throw new AppError("ADOPTION_CLUSTER_DISABLED", { cluster: cluster.name });
  }
  const scans: AdoptionScanView[] = [];
  for (const { id } of clusters)
    scans.push((await scanClusterForAdoptions(deps, id, { discoveredBy: input.discoveredBy })).scan);
  return scans;
}
