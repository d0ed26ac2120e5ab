// Pure rules of the VM action buttons: which label a verb gets ("Stop" runs at once, "Request stop" becomes a
// ticket), which verbs are buttons in the page header (the snapshot verbs live on the snapshot rows), whether
// a confirmation was typed right, and which common verbs a VM list row offers from its status alone (the list
// carries no `actions`; the server still decides and a refusal shows its message).
import type { VMStatus } from "@/lib/domain/vm";
import { DESTRUCTIVE_VM_ACTIONS, VM_ACTIONS, type VmAction } from "@/lib/vms/vm-actions";
import type { VmActionState } from "@/lib/vms/vm-views";

export interface VmActionLabels {
  /** Runs at once: "Stop". */
  run: string;
  /** Becomes a request for approval: "Request stop". */
  request: string;
  /** While its task runs: "Stopping…". */
  pending: string;
}

/** The button text of a verb in its current state. */
export function actionButtonLabel(state: Pick<VmActionState, "requires_approval">, labels: VmActionLabels) {
  return state.requires_approval ? labels.request : labels.run;
}

/** Verbs about one snapshot: offered on the snapshot's row, not in the header. */
export const SNAPSHOT_ROW_ACTIONS = ["restore", "clone", "delete-snapshot"] as const satisfies VmAction[];

/**
 * The header's buttons, in the order of VM_ACTIONS, exactly those the server listed. Clone appears in both
 * places: in the header it clones the VM itself.
 */
export function headerActions(actions: Partial<Record<VmAction, VmActionState>>): VmAction[] {
  return VM_ACTIONS.filter((a) => actions[a] !== undefined && a !== "restore" && a !== "delete-snapshot");
}

/** Whether a verb asks for a confirmation before it is sent. */
export function needsConfirmation(action: VmAction): boolean {
  return DESTRUCTIVE_VM_ACTIONS.has(action) || action === "clone";
}

/** Delete: the typed name must be the VM's name exactly (surrounding spaces forgiven, case not). */
export function confirmationMatches(typed: string, name: string): boolean {
  return typed.trim() === name;
}

/** The verbs a VM list row offers. */
export const LIST_ROW_ACTIONS = ["start", "stop", "restart"] as const satisfies VmAction[];
export type ListRowAction = (typeof LIST_ROW_ACTIONS)[number];

/**
 * Which list-row verbs make sense in a status: start a stopped (or failed) VM, stop one that runs or is paused,
 * restart a running one. States in transition offer nothing. A guess for the list only: the detail page
 * shows what the server says, and the server refuses with its reason whatever the row offered.
 */
export function listRowActionsFor(status: VMStatus): ListRowAction[] {
  switch (status) {
    case "STOPPED":
    case "FAILED":
      return ["start"];
    case "RUNNING":
      return ["stop", "restart"];
    case "PAUSED":
    case "UNKNOWN":
      return ["stop"];
    default:
      return [];
  }
}
