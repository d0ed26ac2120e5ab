// An approval ticket as the API shows it (TicketSummary, lib/vms/vm-views.ts): on the VM page and in My requests.
import "server-only";
import type { TicketSummary } from "@/lib/vms/vm-views";
import type { ApprovalTicket } from "../db/generated/prisma/client";

export type TicketSummaryRow = Pick<
  ApprovalTicket,
  "id" | "operationType" | "status" | "requester" | "reason" | "createdAt" | "updatedAt"
>;

export function toTicketSummary(t: TicketSummaryRow): TicketSummary {
  return {
    id: t.id,
    operation: t.operationType,
    status: t.status,
    requester: t.requester,
    reason: t.reason,
    created_at: t.createdAt.toISOString(),
    updated_at: t.updatedAt.toISOString(),
  };
}
