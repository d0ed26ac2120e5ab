/**
 * Adopt one pending item (SPEC §16): in one transaction, the item goes PENDING → ADOPTED by a conditional
 * update (two admins at once: the second finds it no longer PENDING and gets 409 ADOPTION_NOT_PENDING with
 * the current status), the `vms` governance row is created from what the scan stored (what the admin
 * reviewed, see adoption-view-model.ts), the service's
 * next_instance_index is raised above the instance (GREATEST: never lowered, and safe against a concurrent
 * adoption in the same service), and `vm.adopt` is audited. The VM must still be in its cluster's cache
 * (ADOPTION_VM_GONE otherwise); its status comes from there, through the mapper.
 */
import "server-only";
import type { PendingAdoptionView } from "@/lib/adoption/adoption-views";
import { AppError } from "@/lib/errors/app-error";
import { type AuditActor, recordAudit } from "../audit/record-audit";
import { mapUniqueViolation } from "../db/unique-violation";
import { notifyAdoptionsChanged } from "./adoption-change-notice";
import type { AdoptionDeps } from "./adoption-deps";
import { itemGovernance, toPendingAdoptionView } from "./adoption-view-model";
import { findPendingAdoptionOrThrow } from "./find-pending-adoption";

export async function adoptPendingAdoption(
  deps: AdoptionDeps,
  id: string,
  actor: AuditActor,
  opts: { notify?: boolean } = {},
): Promise<PendingAdoptionView> {
  const { prisma } = deps;
  const item = await findPendingAdoptionOrThrow(prisma, id);
  if (item.status !== "PENDING") throw new AppError("ADOPTION_NOT_PENDING", { status: item.status });
  const labels = itemGovernance(item);
  // The scan stores only items whose labels were well-formed; a row edited by hand is not adoptable.
  if (!labels.ok)
    throw new AppError("ADOPTION_LABELS_MALFORMED", { name: item.resourceName, namespace: item.namespace });
  const cached = await deps.cache.getVMByUid(item.clusterId, item.k8sUid);
  if (!cached) throw new AppError("ADOPTION_VM_GONE", { name: item.resourceName, namespace: item.namespace });

  const result = await prisma.$transaction(async (tx) => {
    const service = await tx.service.findFirst({
      where: { name: labels.service, system: { name: labels.system } },
      select: { id: true },
    });
    if (!service)
      throw new AppError("ADOPTION_SERVICE_MISSING", { system: labels.system, service: labels.service });
    // Claim the item first: of two admins at once, the loser waits on this row and then learns its state
    // (ADOPTION_NOT_PENDING), instead of meeting the winner's governance row below.
    const decidedAt = new Date();
    const won = await tx.pendingAdoption.updateMany({
      where: { id, status: "PENDING" },
      data: { status: "ADOPTED", decidedBy: actor.name ?? actor.id, decidedAt, decisionReason: null },
    });
    if (won.count === 0) {
      const now = await tx.pendingAdoption.findUnique({ where: { id }, select: { status: true } });
      throw new AppError("ADOPTION_NOT_PENDING", { status: now?.status ?? "GONE" });
    }
    const governed = await tx.vm.findUnique({
      where: { namespace_name: { namespace: item.namespace, name: item.resourceName } },
      select: { id: true },
    });
    if (governed)
      throw new AppError("ADOPTION_VM_ALREADY_GOVERNED", {
        name: item.resourceName,
        namespace: item.namespace,
      });
    const vm = await tx.vm
      .create({
        data: {
          name: item.resourceName,
          namespace: item.namespace,
          clusterId: item.clusterId,
          serviceId: service.id,
          instance: labels.instance,
          status: cached.vm.status,
          hostname: labels.hostname,
          createdBy: labels.createdBy,
          ticketId: labels.ticketId,
        },
        select: { id: true },
      })
      .catch((error: unknown) => {
        if (mapUniqueViolation(error))
          throw new AppError("ADOPTION_VM_ALREADY_GOVERNED", {
            name: item.resourceName,
            namespace: item.namespace,
          });
        throw error;
      });
    // Raised above the instance, never lowered (GREATEST ignores the NULL of a VM without an instance number).
    const raiseTo = labels.instanceNumber === null ? null : labels.instanceNumber + 1;
    const [raised] = await tx.$queryRaw<{ next_instance_index: number }[]>`
      UPDATE services SET next_instance_index = GREATEST(next_instance_index, ${raiseTo}::int),
        updated_at = CASE WHEN ${raiseTo}::int > next_instance_index THEN now() ELSE updated_at END
      WHERE id = ${service.id}
      RETURNING next_instance_index`;
    if (!raised)
      throw new AppError("ADOPTION_SERVICE_MISSING", { system: labels.system, service: labels.service });
    const nextInstanceIndex = raised.next_instance_index;
    await recordAudit(tx, {
      action: "vm.adopt",
      actor,
      resource: { type: "vm", id: vm.id, name: item.resourceName },
      details: {
        pending_adoption_id: id,
        cluster_id: item.clusterId,
        namespace: item.namespace,
        system: labels.system,
        service: labels.service,
        instance: labels.instance,
        k8s_uid: item.k8sUid,
        next_instance_index: nextInstanceIndex,
      },
    });
    return tx.pendingAdoption.findUniqueOrThrow({
      where: { id },
      include: { cluster: { select: { name: true } } },
    });
  });
  if (opts.notify !== false) await notifyAdoptionsChanged(prisma, item.clusterId, deps.onNoticeError);
  return toPendingAdoptionView(result, result.cluster.name);
}
