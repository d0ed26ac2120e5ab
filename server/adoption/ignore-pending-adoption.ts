/**
 * Ignore one pending item: PENDING → IGNORED by a conditional update (only PENDING items change; the loser of
 * a race gets 409 ADOPTION_NOT_PENDING with the current status), with an optional reason, audited as
 * `adoption.ignore`. No governance row is written; later scans refresh the snapshot but keep it IGNORED until
 * an admin reopens it.
 */
import "server-only";
import type { PendingAdoptionView } from "@/lib/adoption/adoption-views";
import { AppError } from "@/lib/errors/app-error";
import { type AuditActor, recordAudit } from "../audit/record-audit";
import { notifyAdoptionsChanged } from "./adoption-change-notice";
import type { AdoptionDeps } from "./adoption-deps";
import { toPendingAdoptionView } from "./adoption-view-model";
import { findPendingAdoptionOrThrow } from "./find-pending-adoption";

export async function ignorePendingAdoption(
  deps: AdoptionDeps,
  id: string,
  input: { reason?: string | undefined },
  actor: AuditActor,
  opts: { notify?: boolean } = {},
): Promise<PendingAdoptionView> {
  const { prisma } = deps;
  const item = await findPendingAdoptionOrThrow(prisma, id);
  const reason = input.reason ?? null;
  const result = await prisma.$transaction(async (tx) => {
    const won = await tx.pendingAdoption.updateMany({
      where: { id, status: "PENDING" },
      data: {
        status: "IGNORED",
        decidedBy: actor.name ?? actor.id,
        decidedAt: new Date(),
        decisionReason: reason,
      },
    });
    if (won.count === 0) {
      const now = await tx.pendingAdoption.findUnique({ where: { id }, select: { status: true } });
      if (!now) throw new AppError("ADOPTION_NOT_FOUND", { id });
      throw new AppError("ADOPTION_NOT_PENDING", { status: now.status });
    }
    await recordAudit(tx, {
      action: "adoption.ignore",
      actor,
      resource: { type: "pending_adoption", id, name: `${item.namespace}/${item.resourceName}` },
      details: {
        cluster_id: item.clusterId,
        k8s_uid: item.k8sUid,
        system: item.system,
        service: item.service,
        reason,
      },
    });
    return tx.pendingAdoption.findUniqueOrThrow({ where: { id } });
  });
  if (opts.notify !== false) await notifyAdoptionsChanged(prisma, item.clusterId, deps.onNoticeError);
  return toPendingAdoptionView(result, item.cluster.name);
}
