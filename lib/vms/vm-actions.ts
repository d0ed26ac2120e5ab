/**
 * What a person can do to a VM (issue 12): the verbs of `POST /api/v1/vms/{id}/{action}` and of the VM page,
 * the operation type each one is governed as (SPEC §17.3, extended as data: restore counts as MODIFY_VM,
 * clone as CREATE_VM, delete as DELETE_VM), and the zod schema of each verb's body. Pure: shared by the
 * server's use cases (server/vms), the route handlers, the server actions and the UI.
 */
import { z } from "zod";
import { OperationType } from "@/lib/approvals/ticket-status";

export const VM_ACTIONS = [
  "start",
  "stop",
  "force-stop",
  "restart",
  "pause",
  "unpause",
  "migrate",
  "cancel-migration",
  "snapshot",
  "delete-snapshot",
  "restore",
  "clone",
  "delete",
] as const;

export type VmAction = (typeof VM_ACTIONS)[number];

export function isVmAction(value: unknown): value is VmAction {
  return typeof value === "string" && (VM_ACTIONS as readonly string[]).includes(value);
}

/** The approval-policy operation of each verb: what `approval_policies` is consulted with. */
export const VM_ACTION_OPERATION = {
  start: OperationType.START_VM,
  stop: OperationType.STOP_VM,
  "force-stop": OperationType.STOP_VM,
  restart: OperationType.RESTART_VM,
  pause: OperationType.PAUSE_VM,
  unpause: OperationType.UNPAUSE_VM,
  migrate: OperationType.MIGRATE_VM,
  "cancel-migration": OperationType.CANCEL_MIGRATION,
  snapshot: OperationType.CREATE_SNAPSHOT,
  "delete-snapshot": OperationType.DELETE_SNAPSHOT,
  restore: OperationType.MODIFY_VM,
  clone: OperationType.CREATE_VM,
  delete: OperationType.DELETE_VM,
} as const satisfies Record<VmAction, OperationType>;

/** Actions that change or remove data and so ask for a confirmation in the UI (delete: typing the VM name). */
export const DESTRUCTIVE_VM_ACTIONS: ReadonlySet<VmAction> = new Set([
  "force-stop",
  "delete-snapshot",
  "restore",
  "delete",
]);

/** A Kubernetes object name (DNS-1123 subdomain, kept to 63 so it also fits a label value). */
const objectName = z
  .string()
  .min(1)
  .max(63)
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);

/**
 * Why the requester asks (extension, issue 12): optional on every verb, stored on the ticket when the verb
 * needs approval and in the task's payload otherwise.
 */
const reason = z.string().trim().min(1).max(1000).optional();

const empty = z.object({ reason }).strict();

/** The body of each verb. Unknown fields are refused (400 VALIDATION_FAILED). */
export const VM_ACTION_INPUT = {
  start: empty,
  stop: empty,
  "force-stop": empty,
  restart: empty,
  pause: empty,
  unpause: empty,
  migrate: empty,
  /** Cancels the VM's unfinished migration (found in the cache). */
  "cancel-migration": empty,
  /** `name` defaults to `<vm>-snap-<yyyymmdd-hhmmss>` (UTC), cut to fit 63 characters. */
  snapshot: z.object({ name: objectName.optional(), reason }).strict(),
  "delete-snapshot": z.object({ snapshot: objectName, reason }).strict(),
  /** Restores the VM itself from one of its own snapshots. */
  restore: z.object({ snapshot: objectName, reason }).strict(),
  /**
   * Clones the VM, or one of its snapshots, into a new VM of the same service whose name and instance follow
   * SPEC §3 (the next instance of the service, taken when the clone runs).
   */
  clone: z.object({ snapshot: objectName.optional(), reason }).strict(),
  /** The VM's name typed again (CONFIRMATION_NAME_MISMATCH otherwise). */
  delete: z.object({ confirm_name: z.string().min(1).max(253), reason }).strict(),
} as const satisfies Record<VmAction, z.ZodType>;

export type VmActionInput<A extends VmAction> = z.output<(typeof VM_ACTION_INPUT)[A]>;
