// A VM operation's domain event as the API shows it (TaskView, lib/vms/vm-views.ts).
import "server-only";
import type { EventStatus, OperationType } from "@/lib/approvals/ticket-status";
import { ErrorCodeSchema } from "@/lib/errors/codes";
import { VM_ACTION_OPERATION } from "@/lib/vms/vm-actions";
import { VmOperationPayload } from "@/lib/vms/vm-operation";
import type { TaskView } from "@/lib/vms/vm-views";
import type { Prisma } from "../db/generated/prisma/client";

export const taskViewSelect = {
  id: true,
  aggregateId: true,
  payload: true,
  operation: true,
  status: true,
  errorCode: true,
  errorParams: true,
  createdBy: true,
  createdAt: true,
  processedAt: true,
  updatedAt: true,
  approvalTickets: { select: { id: true }, take: 1 },
} as const satisfies Prisma.DomainEventSelect;

export type TaskRow = Prisma.DomainEventGetPayload<{ select: typeof taskViewSelect }>;

/** The view of a VM operation event; undefined for an event that is not one (its payload does not parse). */
export function toTaskView(row: TaskRow): TaskView | undefined {
  const payload = VmOperationPayload.safeParse(row.payload);
  if (!payload.success) return undefined;
  const finished = row.status === "COMPLETED" || row.status === "FAILED";
  const code = row.errorCode;
  return {
    id: row.id,
    vm_id: row.aggregateId ?? payload.data.vm_id,
    action: payload.data.action,
    operation: (row.operation ?? VM_ACTION_OPERATION[payload.data.action]) as OperationType,
    status: row.status as EventStatus,
    error:
      row.status === "FAILED"
        ? {
            code: ErrorCodeSchema.safeParse(code).data ?? "INTERNAL",
            params: isRecord(row.errorParams) ? row.errorParams : {},
          }
        : null,
    requested_by: row.createdBy,
    ticket_id: row.approvalTickets[0]?.id ?? null,
    created_at: row.createdAt.toISOString(),
    finished_at: finished ? (row.processedAt ?? row.updatedAt).toISOString() : null,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
