/**
 * Approval engines (SPEC §17.6, ADR-0005). V1 has one built-in provider ("builtin-default"); external systems
 * (webhook, ServiceNow, Jira) get the interface only. If an external provider fails, the caller falls back to
 * the built-in queue: a ticket is never left without an engine.
 */
import type { CallOptions } from "@/lib/domain/provider";
import type { OperationType, TicketStatus } from "./ticket-status";

export interface SubmitForApprovalRequest {
  /** The domain event the ticket approves (claim-check: the job later carries only this id). */
  eventId: string;
  requester: string;
  operationType: OperationType;
  reason?: string;
}

export interface ApprovalDecision {
  approved: boolean;
  approver: string;
  /** Required by the UI on reject; ignored on approve. */
  rejectReason?: string;
}

export interface ApprovalProvider {
  /** Provider id, e.g. "builtin-default". */
  type(): string;
  /** Opens a ticket in PENDING_APPROVAL. */
  submitForApproval(
    request: SubmitForApprovalRequest,
    opts?: CallOptions,
  ): Promise<{ ticketId: string; status: TicketStatus }>;
  /**
   * Decides a pending ticket (→ APPROVED or REJECTED). Throws TICKET_NOT_FOUND, TICKET_NOT_PENDING, or FORBIDDEN
   * when the approver lacks the permission (see ticket-state-machine.ts).
   */
  processApproval(ticketId: string, decision: ApprovalDecision, opts?: CallOptions): Promise<void>;
}

/** What Shepherd sends to an external approval system. */
export interface ExternalApprovalTicket {
  ticketId: string;
  eventId: string;
  operationType: OperationType;
  requester: string;
  reason?: string;
  createdAt: Date;
}

export type ExternalApprovalState = "pending" | "approved" | "rejected";

export interface ExternalApprovalStatus {
  status: ExternalApprovalState;
  /** Absent while pending. */
  approver?: string;
  comment?: string;
  /** When the external system last changed the state. */
  timestamp: Date;
}

/** Adapters are V2+; V1 ships the interface and the `external_approval_systems` table only. */
export interface ExternalApprovalProvider {
  /** Returns the external system's id for the request. */
  submitForApproval(ticket: ExternalApprovalTicket, opts?: CallOptions): Promise<string>;
  checkStatus(externalId: string, opts?: CallOptions): Promise<ExternalApprovalStatus>;
  cancelRequest(externalId: string, opts?: CallOptions): Promise<void>;
}
