"use client";

// Translated names of the VM operation vocabulary: each verb's button texts (run, request, pending), the
// approval operations, ticket and task statuses. One literal key per value so the compiler catches a value
// added without a message and messages.test.ts checks every key.
import { useTranslations } from "next-intl";
import type { EventStatus, OperationType, TicketStatus } from "@/lib/approvals/ticket-status";
import type { VmAction } from "@/lib/vms/vm-actions";
import type { VmActionLabels } from "./vm-action-choice";

export function useVmActionLabels(): Record<VmAction, VmActionLabels> {
  const t = useTranslations("vm.actions");
  return {
    start: { run: t("run.start"), request: t("request.start"), pending: t("pending.start") },
    stop: { run: t("run.stop"), request: t("request.stop"), pending: t("pending.stop") },
    "force-stop": {
      run: t("run.forceStop"),
      request: t("request.forceStop"),
      pending: t("pending.forceStop"),
    },
    restart: { run: t("run.restart"), request: t("request.restart"), pending: t("pending.restart") },
    pause: { run: t("run.pause"), request: t("request.pause"), pending: t("pending.pause") },
    unpause: { run: t("run.unpause"), request: t("request.unpause"), pending: t("pending.unpause") },
    migrate: { run: t("run.migrate"), request: t("request.migrate"), pending: t("pending.migrate") },
    "cancel-migration": {
      run: t("run.cancelMigration"),
      request: t("request.cancelMigration"),
      pending: t("pending.cancelMigration"),
    },
    snapshot: { run: t("run.snapshot"), request: t("request.snapshot"), pending: t("pending.snapshot") },
    "delete-snapshot": {
      run: t("run.deleteSnapshot"),
      request: t("request.deleteSnapshot"),
      pending: t("pending.deleteSnapshot"),
    },
    restore: { run: t("run.restore"), request: t("request.restore"), pending: t("pending.restore") },
    clone: { run: t("run.clone"), request: t("request.clone"), pending: t("pending.clone") },
    delete: { run: t("run.delete"), request: t("request.delete"), pending: t("pending.delete") },
  };
}

export function useOperationLabels(): Record<OperationType, string> {
  const t = useTranslations("vm.operations");
  return {
    CREATE_VM: t("CREATE_VM"),
    MODIFY_VM: t("MODIFY_VM"),
    DELETE_VM: t("DELETE_VM"),
    START_VM: t("START_VM"),
    STOP_VM: t("STOP_VM"),
    RESTART_VM: t("RESTART_VM"),
    VNC_ACCESS: t("VNC_ACCESS"),
    PAUSE_VM: t("PAUSE_VM"),
    UNPAUSE_VM: t("UNPAUSE_VM"),
    MIGRATE_VM: t("MIGRATE_VM"),
    CANCEL_MIGRATION: t("CANCEL_MIGRATION"),
    CREATE_SNAPSHOT: t("CREATE_SNAPSHOT"),
    DELETE_SNAPSHOT: t("DELETE_SNAPSHOT"),
  };
}

export function useTicketStatusLabels(): Record<TicketStatus, string> {
  const t = useTranslations("vm.ticketStatus");
  return {
    PENDING_APPROVAL: t("PENDING_APPROVAL"),
    APPROVED: t("APPROVED"),
    REJECTED: t("REJECTED"),
    CANCELLED: t("CANCELLED"),
    EXECUTING: t("EXECUTING"),
    SUCCESS: t("SUCCESS"),
    FAILED: t("FAILED"),
  };
}

export function useTaskStatusLabels(): Record<EventStatus, string> {
  const t = useTranslations("vm.taskStatus");
  return {
    PENDING: t("PENDING"),
    PROCESSING: t("PROCESSING"),
    COMPLETED: t("COMPLETED"),
    FAILED: t("FAILED"),
    CANCELLED: t("CANCELLED"),
  };
}
