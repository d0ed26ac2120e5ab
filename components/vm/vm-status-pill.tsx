"use client";

// The status pills of the VM pages: a VM's status (the list and the detail use the same labels and tones), a
// ticket's and a task's. The text carries the meaning; `data-status` lets tests and styles select by value.
import { StatusPill, type StatusTone } from "@/components/ui/status-pill";
import type { EventStatus, TicketStatus } from "@/lib/approvals/ticket-status";
import type { VMStatus } from "@/lib/domain/vm";
import { useTaskStatusLabels, useTicketStatusLabels } from "./use-vm-action-labels";
import { useVmStatusLabels } from "./use-vm-status-labels";

export const VM_STATUS_TONE: Record<VMStatus, StatusTone> = {
  RUNNING: "ok",
  STOPPED: "neutral",
  CREATING: "info",
  STOPPING: "info",
  DELETING: "info",
  PENDING: "info",
  MIGRATING: "info",
  PAUSED: "warn",
  FAILED: "danger",
  UNKNOWN: "warn",
};

const TICKET_TONE: Record<TicketStatus, StatusTone> = {
  PENDING_APPROVAL: "warn",
  APPROVED: "info",
  EXECUTING: "info",
  SUCCESS: "ok",
  REJECTED: "danger",
  FAILED: "danger",
  CANCELLED: "neutral",
};

const TASK_TONE: Record<EventStatus, StatusTone> = {
  PENDING: "warn",
  PROCESSING: "info",
  COMPLETED: "ok",
  FAILED: "danger",
  CANCELLED: "neutral",
};

export function VmStatusPill({ status }: { status: VMStatus }) {
  const labels = useVmStatusLabels();
  return (
    <StatusPill tone={VM_STATUS_TONE[status]} data-status={status}>
      {labels[status]}
    </StatusPill>
  );
}

export function TicketStatusPill({ status }: { status: TicketStatus }) {
  const labels = useTicketStatusLabels();
  return (
    <StatusPill tone={TICKET_TONE[status]} data-ticket-status={status}>
      {labels[status]}
    </StatusPill>
  );
}

export function TaskStatusPill({ status }: { status: EventStatus }) {
  const labels = useTaskStatusLabels();
  return (
    <StatusPill tone={TASK_TONE[status]} data-task-status={status}>
      {labels[status]}
    </StatusPill>
  );
}
