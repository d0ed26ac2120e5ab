/**
 * The approval ticket lifecycle (SPEC §17.2) as one transition table plus a guard. Server code calls
 * `assertTransition` before every status write and makes the write conditional on the old status
 * (`where: { status: from }`), so two racing approvers cannot both win.
 *
 * Decisions:
 * - APPROVED → FAILED is allowed: the job could not be dispatched after approval.
 * - VNC_ACCESS has no execution phase, so for it APPROVED is terminal (the grant is the outcome) and only the
 *   PENDING_APPROVAL edges exist. The operation type is therefore an input of the guard; the table below lists
 *   the general case.
 * - Batch parents jumping PENDING_APPROVAL → EXECUTING are not modelled: batches are out of scope (P4).
 * - Who may move a ticket: CANCELLED only its requester; APPROVED/REJECTED only a user holding the approver
 *   permission (the caller resolves it, SPEC §25 #38); EXECUTING/SUCCESS/FAILED only the system (the worker),
 *   never a person. A requester approving their own ticket is not refused here.
 * - The actor is checked before the edge, so a caller without the right learns nothing about the state.
 */
import { AppError } from "@/lib/errors/app-error";
import { OperationType, TicketStatus } from "./ticket-status";

export const ticketTransitions: Readonly<Record<TicketStatus, readonly TicketStatus[]>> = {
  PENDING_APPROVAL: [TicketStatus.APPROVED, TicketStatus.REJECTED, TicketStatus.CANCELLED],
  APPROVED: [TicketStatus.EXECUTING, TicketStatus.FAILED],
  EXECUTING: [TicketStatus.SUCCESS, TicketStatus.FAILED],
  REJECTED: [],
  CANCELLED: [],
  SUCCESS: [],
  FAILED: [],
};

/** Operations whose approval is their end state: nothing executes afterwards. */
const approvalIsFinal: ReadonlySet<OperationType> = new Set([OperationType.VNC_ACCESS]);

/** Statuses reachable only from PENDING_APPROVAL; moving anything else there means "no longer pending". */
const pendingOnlyTargets: ReadonlySet<TicketStatus> = new Set(ticketTransitions.PENDING_APPROVAL);

const APPROVE_PERMISSION = "approval:approve";

export type TicketActor =
  /** A signed-in person; `canApprove` = holds the approval permission. */
  | { kind: "user"; id: string; canApprove: boolean }
  /** The platform itself (the worker executing approved jobs). */
  | { kind: "system" };

export interface TransitionContext {
  operationType: OperationType;
  /** The ticket's requester id. */
  requester: string;
  actor: TicketActor;
}

/** Statuses a ticket of this operation type may move to next. */
export function nextStatuses(from: TicketStatus, operationType: OperationType): readonly TicketStatus[] {
  // Only the approval edges exist for these; EXECUTING is unreachable, so it gets no edges either.
  if (approvalIsFinal.has(operationType) && from !== TicketStatus.PENDING_APPROVAL) return [];
  return ticketTransitions[from];
}

export function isTerminalStatus(status: TicketStatus, operationType: OperationType): boolean {
  return nextStatuses(status, operationType).length === 0;
}

/** Throws the AppError that refuses the move, or returns when it is allowed. */
export function assertTransition(from: TicketStatus, to: TicketStatus, ctx: TransitionContext): void {
  const refusal = refuse(from, to, ctx);
  if (refusal !== undefined) throw refusal;
}

export function canTransition(from: TicketStatus, to: TicketStatus, ctx: TransitionContext): boolean {
  return refuse(from, to, ctx) === undefined;
}

function refuse(from: TicketStatus, to: TicketStatus, ctx: TransitionContext): AppError | undefined {
  return refuseActor(to, ctx) ?? refuseEdge(from, to, ctx.operationType);
}

function refuseActor(to: TicketStatus, { actor, requester }: TransitionContext): AppError | undefined {
  switch (to) {
    case TicketStatus.CANCELLED:
      return actor.kind === "user" && actor.id === requester
        ? undefined
        : new AppError("TICKET_CANCEL_FORBIDDEN");
    case TicketStatus.APPROVED:
    case TicketStatus.REJECTED:
      return actor.kind === "user" && actor.canApprove
        ? undefined
        : new AppError("FORBIDDEN", { permission: APPROVE_PERMISSION });
    case TicketStatus.EXECUTING:
    case TicketStatus.SUCCESS:
    case TicketStatus.FAILED:
      return actor.kind === "system"
        ? undefined
        : new AppError("FORBIDDEN", undefined, { message: `only the system may set a ticket to ${to}` });
    case TicketStatus.PENDING_APPROVAL:
      return undefined; // no edge leads here; refuseEdge answers
  }
}

function refuseEdge(
  from: TicketStatus,
  to: TicketStatus,
  operationType: OperationType,
): AppError | undefined {
  if (nextStatuses(from, operationType).includes(to)) return undefined;
  if (pendingOnlyTargets.has(to) && from !== TicketStatus.PENDING_APPROVAL) {
    return new AppError("TICKET_NOT_PENDING", { status: from });
  }
  return new AppError("TICKET_INVALID_TRANSITION", { from, to });
}
