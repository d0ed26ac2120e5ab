// After a system or service is created (and committed), the clusters whose cached VMs already carry its
// labels are scanned for adoptions at once, so the inbox shows those VMs without waiting for the periodic
// scan. Only the cache is read (no cluster traffic); a scan that fails is recorded in its own scan row by
// scanClusterForAdoptions and logged here — the create has succeeded either way.
import "server-only";
import { ShepherdLabel } from "@/lib/domain/labels";
import type { AdoptionDeps } from "../adoption/adoption-deps";
import { scanClusterForAdoptions } from "../adoption/scan-cluster-for-adoptions";
import { Prisma } from "../db/generated/prisma/client";
import { VM_TEMPLATE_LABELS_PATH } from "../provider/kubevirt/mapper";

const TEMPLATE_PATH = `{${VM_TEMPLATE_LABELS_PATH.join(",")}}`;

/** The enabled clusters holding a cached VM labelled with this system (and service, when given). */
export async function clustersLabelledWith(
  prisma: AdoptionDeps["prisma"],
  names: { system: string; service?: string },
): Promise<string[]> {
  // The same fallback as readGovernance: a label missing on the VM may be on its template.
  const label = (key: string) =>
    Prisma.sql`COALESCE(vm.labels ->> ${key}, (vm.object #> ${TEMPLATE_PATH}::text[]) ->> ${key})`;
  const service =
    names.service === undefined
      ? Prisma.sql`true`
      : Prisma.sql`${label(ShepherdLabel.service)} = ${names.service}`;
  const rows = await prisma.$queryRaw<{ cluster_id: string }[]>`
    SELECT DISTINCT vm.cluster_id FROM cached_resources vm JOIN clusters c ON c.id = vm.cluster_id
    WHERE c.enabled AND vm.kind = 'VirtualMachine'
      AND ${label(ShepherdLabel.system)} = ${names.system} AND ${service}
    ORDER BY vm.cluster_id`;
  return rows.map((r) => r.cluster_id);
}

export async function rescanLabelledClusters(
  deps: AdoptionDeps,
  names: { system: string; service?: string },
  discoveredBy: string,
): Promise<string[]> {
  let clusters: string[] = [];
  try {
    clusters = await clustersLabelledWith(deps.prisma, names);
    for (const clusterId of clusters) await scanClusterForAdoptions(deps, clusterId, { discoveredBy });
  } catch (err) {
    deps.log.error({ err, ...names }, "adoption rescan after a governance create failed");
  }
  return clusters;
}
