/**
 * One inbox item in full (`GET /api/v1/admin/pending-adoptions/{id}`): the snapshot, labels and annotations the
 * scan stored, and — while it is PENDING and its service exists — the governance row adopting it would create,
 * with the service's next_instance_index after adoption.
 */
import "server-only";
import { nextInstanceIndexAfter } from "@/lib/adoption/adoption-labels";
import type { PendingAdoptionDetailView, ProposedGovernanceView } from "@/lib/adoption/adoption-views";
import type { PrismaClient } from "../db/prisma";
import { itemGovernance, readLabels, readStoredSnapshot, toPendingAdoptionView } from "./adoption-view-model";
import { findPendingAdoptionOrThrow } from "./find-pending-adoption";

export async function getPendingAdoption(
  prisma: PrismaClient,
  id: string,
): Promise<PendingAdoptionDetailView> {
  const item = await findPendingAdoptionOrThrow(prisma, id);
  const labels = readLabels(item.labels);
  const snapshot = readStoredSnapshot(item.resourceSpec);
  let proposed: ProposedGovernanceView | null = null;
  const governance = itemGovernance(item);
  if (item.status === "PENDING" && governance.ok) {
    const service = await prisma.service.findFirst({
      where: { name: governance.service, system: { name: governance.system } },
      select: { id: true, nextInstanceIndex: true },
    });
    if (service)
      proposed = {
        name: item.resourceName,
        namespace: item.namespace,
        cluster_id: item.clusterId,
        system: governance.system,
        service: governance.service,
        service_id: service.id,
        instance: governance.instance,
        created_by: governance.createdBy,
        ticket_id: governance.ticketId,
        hostname: governance.hostname,
        next_instance_index_after: nextInstanceIndexAfter(
          service.nextInstanceIndex,
          governance.instanceNumber,
        ),
      };
  }
  return {
    ...toPendingAdoptionView(item, item.cluster.name),
    resource_spec: snapshot?.spec ?? null,
    labels,
    annotations: snapshot?.annotations ?? {},
    proposed,
  };
}
