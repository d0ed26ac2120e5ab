/**
 * A VM operation as it is stored and executed (issue 12). One `domain_events` row carries it (claim-check,
 * SPEC §5.6, ADR-0009): its `payload` is a VmOperationPayload, immutable once written. A job carries only the
 * event id (VmOperationJob); the worker reads the event, acts through the provider, and records the outcome
 * on the event. The API calls such an event a "task" (`task_id` = event id).
 */
import { z } from "zod";
import { VM_ACTIONS, type VmAction } from "./vm-actions";

/** `domain_events.aggregate_type` of VM operations; `aggregate_id` is the `vms.id`. */
export const VM_AGGREGATE = "vm";

/** The job-queue task name that executes a VM operation. */
export const VM_OPERATION_JOB = "vm-operation";

export const VmOperationJob = z.object({ event_id: z.string().min(1) }).strict();
export type VmOperationJob = z.output<typeof VmOperationJob>;

export const VmOperationPayload = z.object({
  action: z.enum(VM_ACTIONS),
  vm_id: z.string(),
  cluster_id: z.string(),
  namespace: z.string(),
  /** The VM's Kubernetes name. */
  name: z.string(),
  /** The requester's user id. */
  requested_by: z.string(),
  /** Per verb: `snapshot` (snapshot, delete-snapshot, restore, clone from a snapshot), `migration` (cancel). */
  snapshot: z.string().optional(),
  migration: z.string().optional(),
  /** The requester's reason, when the operation went to approval. */
  reason: z.string().optional(),
});
export type VmOperationPayload = z.output<typeof VmOperationPayload>;

/** `domain_events.event_type` of a requested operation (SPEC §5.6 naming: VM_STOP_REQUESTED …). */
export function requestedEventType(action: VmAction): string {
  return `VM_${action.replaceAll("-", "_").toUpperCase()}_REQUESTED`;
}

/**
 * At most one unfinished event per key (a partial unique index): the same verb on the same VM (and, for
 * snapshot deletion, the same snapshot) cannot be requested twice while the first is pending or running.
 */
export function dedupeKey(payload: Pick<VmOperationPayload, "vm_id" | "action" | "snapshot">): string {
  const operationKey = payload.action === "force-stop" ? "stop" : payload.action;
  return payload.action === "delete-snapshot"
    ? `${payload.vm_id}:${operationKey}:${payload.snapshot ?? ""}`
    : `${payload.vm_id}:${operationKey}`;
}
