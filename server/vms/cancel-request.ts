/**
 * Cancel one's own pending request (`POST /api/v1/approvals/{id}/cancel`, SPEC §17): only the requester
 * (TICKET_CANCEL_FORBIDDEN), only while PENDING_APPROVAL (TICKET_NOT_PENDING with the current status). One
 * transaction of conditional updates — ticket PENDING_APPROVAL → CANCELLED, its event PENDING → CANCELLED
 * (which frees the dedupe key) — audited as `approval.cancel`, the task notice sent on commit. A concurrent
 * decision or cancel makes the conditional update miss: TICKET_NOT_PENDING, nothing changed.
 *
 * A ticket that is neither the caller's nor about a VM in their scope is TICKET_NOT_FOUND (its existence is
 * not disclosed); one they can see but did not file is TICKET_CANCEL_FORBIDDEN.
 */
import "server-only";
import { AppError } from "@/lib/errors/app-error";
import { type AuditActor, recordAudit } from "../audit/record-audit";
import { requireRole } from "../auth/require-role";
import type { SessionUser } from "../auth/session";
import type { PrismaClient } from "../db/prisma";
import { notifyTaskChanged } from "./notify-task-changed";
import { canSeeVm, vmScopeOf } from "./vm-scope";

export async function cancelRequest(
  deps: { prisma: PrismaClient },
  user: SessionUser,
  actor: AuditActor,
  ticketId: string,
): Promise<void> {
  requireRole(user, "ticket.request");
  const { prisma } = deps;
  const ticket = await prisma.approvalTicket.findUnique({
    where: { id: ticketId },
    select: { id: true, requester: true, status: true, resourceId: true, eventId: true, operationType: true },
  });
  const mine = ticket?.requester === user.id;
  const visible =
    ticket &&
    (mine || (ticket.resourceId !== null && (await canSeeVm(prisma, vmScopeOf(user), ticket.resourceId))));
  if (!ticket || !visible) throw new AppError("TICKET_NOT_FOUND", { ticket_id: ticketId });
  if (!mine) throw new AppError("TICKET_CANCEL_FORBIDDEN");
  if (ticket.status !== "PENDING_APPROVAL")
    throw new AppError("TICKET_NOT_PENDING", { status: ticket.status });

  await prisma.$transaction(async (tx) => {
    const won = await tx.approvalTicket.updateMany({
      where: { id: ticket.id, status: "PENDING_APPROVAL" },
      data: { status: "CANCELLED" },
    });
    if (won.count === 0) {
      const now = await tx.approvalTicket.findUnique({ where: { id: ticket.id }, select: { status: true } });
      throw new AppError("TICKET_NOT_PENDING", { status: now?.status ?? "CANCELLED" });
    }
    await tx.domainEvent.updateMany({
      where: { id: ticket.eventId, status: "PENDING" },
      data: { status: "CANCELLED", processedAt: new Date() },
    });
    await recordAudit(tx, {
      action: "approval.cancel",
      actor,
      resource: { type: "approval_ticket", id: ticket.id },
      details: { operation: ticket.operationType, vm_id: ticket.resourceId, event_id: ticket.eventId },
    });
    if (ticket.resourceId) await notifyTaskChanged(tx, { task_id: ticket.eventId, vm_id: ticket.resourceId });
  });
}
