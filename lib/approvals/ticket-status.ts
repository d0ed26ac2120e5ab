/**
 * Status vocabularies of the approval flow (SPEC §5.6, §17, §25 #1–#3). Tickets use PENDING_APPROVAL and
 * SUCCESS; domain events use PENDING and COMPLETED — the two sets are deliberately different.
 */

export const TicketStatus = {
  PENDING_APPROVAL: "PENDING_APPROVAL",
  APPROVED: "APPROVED",
  REJECTED: "REJECTED",
  CANCELLED: "CANCELLED",
  EXECUTING: "EXECUTING",
  SUCCESS: "SUCCESS",
  FAILED: "FAILED",
} as const;

export type TicketStatus = (typeof TicketStatus)[keyof typeof TicketStatus];

/** ADR-0015 §7 vocabulary (§25 #3); not the Go `VM_CREATE…` names. */
export const OperationType = {
  CREATE_VM: "CREATE_VM",
  MODIFY_VM: "MODIFY_VM",
  DELETE_VM: "DELETE_VM",
  START_VM: "START_VM",
  STOP_VM: "STOP_VM",
  RESTART_VM: "RESTART_VM",
  VNC_ACCESS: "VNC_ACCESS",
  // Issue 12: the other operations on an existing VM. Restore is MODIFY_VM, clone CREATE_VM, delete DELETE_VM.
  PAUSE_VM: "PAUSE_VM",
  UNPAUSE_VM: "UNPAUSE_VM",
  MIGRATE_VM: "MIGRATE_VM",
  CANCEL_MIGRATION: "CANCEL_MIGRATION",
  CREATE_SNAPSHOT: "CREATE_SNAPSHOT",
  DELETE_SNAPSHOT: "DELETE_SNAPSHOT",
} as const;

export type OperationType = (typeof OperationType)[keyof typeof OperationType];

export const EventStatus = {
  PENDING: "PENDING",
  PROCESSING: "PROCESSING",
  COMPLETED: "COMPLETED",
  FAILED: "FAILED",
  CANCELLED: "CANCELLED",
} as const;

export type EventStatus = (typeof EventStatus)[keyof typeof EventStatus];
