/**
 * Reopen an ignored item: IGNORED → PENDING by a conditional update (ADOPTION_NOT_IGNORED with the current
 * status otherwise), the decision fields cleared, audited as `adoption.reopen`. If its VM has gone meanwhile,
 * the next scan marks it GONE.
 */
import "server-only";
import type { PendingAdoptionView } from "@/lib/adoption/adoption-views";
import { AppError } from "@/lib/errors/app-error";
import { type AuditActor, recordAudit } from "../audit/record-audit";
import { notifyAdoptionsChanged } from "./adoption-change-notice";
import type { AdoptionDeps } from "./adoption-deps";
import { toPendingAdoptionView } from "./adoption-view-model";
import { findPendingAdoptionOrThrow } from "./find-pending-adoption";

export async function reopenPendingAdoption(
  deps: AdoptionDeps,
  id: string,
  actor: AuditActor,
): Promise<PendingAdoptionView> {
  const { prisma } = deps;
  const item = await findPendingAdoptionOrThrow(prisma, id);
  const result = await prisma.$transaction(async (tx) => {
    const won = await tx.pendingAdoption.updateMany({
      where: { id, status: "IGNORED" },
      data: { status: "PENDING", decidedBy: null, decidedAt: null, decisionReason: null },
    });
    if (won.count === 0) {
      const now = await tx.pendingAdoption.findUnique({ where: { id }, select: { status: true } });
      if (!now) throw new AppError("ADOPTION_NOT_FOUND", { id });
      throw new AppError("ADOPTION_NOT_IGNORED", { status: now.status });
    }
    await recordAudit(tx, {
      action: "adoption.reopen",
      actor,
      resource: { type: "pending_adoption", id, name: `${item.namespace}/${item.resourceName}` },
      details: { cluster_id: item.clusterId, k8s_uid: item.k8sUid, previous_reason: item.decisionReason },
    });
    return tx.pendingAdoption.findUniqueOrThrow({ where: { id } });
  });
  await notifyAdoptionsChanged(prisma, item.clusterId, deps.onNoticeError);
  return toPendingAdoptionView(result, item.cluster.name);
}
