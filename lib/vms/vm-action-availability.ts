/**
 * Which verbs a VM allows right now, and why not (issue 12 §3), decided from the cached state the way
 * KubeVirt would decide it (KUBEVIRT-API.md §4.2–§4.6), so a refusal reaches the user before anything is sent
 * to the cluster and with a reason they can act on. Pure: the VM page shows the record, the use cases throw
 * the reason of the verb they were asked for.
 *
 * Decisions worth knowing:
 * - Run strategies follow KubeVirt's lifecycle handlers (§4.2): start is refused for Always and Once; restart
 *   for Halted and Once; stop of a Halted VM whose instance still exists is "already stopping" (only a force
 *   stop, a shorter grace period, goes through); Manual and RerunOnFailure need an instance to stop.
 *   WaitAsReceiver (a decentralised-migration receiver) refuses all three: it is not operated by hand.
 *   An existing, non-final instance answers "already running" before the run-strategy check, as KubeVirt does.
 * - Restore requires a stopped VM on every KubeVirt version: ≤ 1.4 admission refuses otherwise, and on ≥ 1.5
 *   the default targetReadinessPolicy would only wait for someone to stop it.
 * - Snapshot, restore and clone need the Snapshot feature gate, migrate the LiveMigration gate, as last
 *   detected; a cluster never detected lets the cluster decide (as the provider does).
 * - The record for snapshot-specific verbs (delete-snapshot, restore, clone) is about the VM; whether a named
 *   snapshot exists and is ready is checked when one is named (SNAPSHOT_NOT_FOUND / SNAPSHOT_NOT_READY), and
 *   the page shows it per snapshot row from `ready_to_use`.
 * - A second request with the same dedupe key as an unfinished one is refused (VM_OPERATION_IN_PROGRESS when
 *   it runs, DUPLICATE_PENDING_REQUEST when it waits for approval); the database enforces the same atomically.
 * - The cluster's write refusal (CLUSTER_REBUILDING / CLUSTER_UNHEALTHY) comes last: the state is the more
 *   useful reason while both apply.
 */
import type { ErrorCode } from "@/lib/errors/codes";
import { VM_ACTION_OPERATION, VM_ACTIONS, type VmAction } from "./vm-actions";
import { dedupeKey } from "./vm-operation";
import type { CodedError, VmActionState } from "./vm-views";

export const SNAPSHOT_GATE = "Snapshot";
export const LIVE_MIGRATION_GATE = "LiveMigration";

/** The VM's state as the cache holds it. */
export interface VmStateFacts {
  name: string;
  /** The domain status (lib/domain/vm.ts) the mapper derived. */
  status: string;
  /** `spec.runStrategy`, or derived from the deprecated `spec.running`; null when neither is set. */
  runStrategy: string | null;
  /** The VirtualMachineInstance, when one is cached. */
  vmi: {
    /** The VMI domain phase (lib/domain/vmi.ts). */
    phase: string;
    /** The VMI's Paused condition is True. */
    paused: boolean;
    /** The VMI's LiveMigratable condition, when reported. */
    liveMigratable: { status: string; message: string | null; reason: string | null } | null;
  } | null;
  /** The name of the VM's unfinished VirtualMachineInstanceMigration, when there is one. */
  activeMigration: string | null;
  /** The VM's cached snapshots. */
  snapshots: readonly { name: string; readyToUse: boolean }[];
}

export interface VmClusterFacts {
  name: string;
  /** The last detected feature gates; null when never detected (the cluster then decides). */
  enabledFeatures: readonly string[] | null;
  /** CLUSTER_REBUILDING / CLUSTER_UNHEALTHY (/ CLUSTER_NOT_FOUND) while writes are refused; null otherwise. */
  writeRefusal: CodedError | null;
}

/** An unfinished task (domain event) of the VM: PROCESSING runs, PENDING waits for approval. */
export interface UnfinishedOperation {
  action: VmAction;
  snapshot?: string;
  task_id: string;
  ticket_id: string | null;
  status: "PENDING" | "PROCESSING";
}

export interface VmAvailabilityInput {
  /** The governance row's id (dedupe keys and DUPLICATE_PENDING_REQUEST's resource_id). */
  vmId: string;
  vm: VmStateFacts;
  cluster: VmClusterFacts;
  unfinished: readonly UnfinishedOperation[];
  /** The policy's answer per verb (lib/approvals/default-policies.ts `requiresApproval`). */
  requiresApproval: Readonly<Record<VmAction, boolean>>;
}

/** The object a verb is about, when it names one. */
export interface VmActionTarget {
  snapshot?: string;
}

const FINAL_VMI_PHASES = new Set(["SUCCEEDED", "FAILED"]);
const IN_TRANSITION = new Set(["CREATING", "PENDING", "STOPPING", "DELETING", "MIGRATING"]);

function refusal(code: ErrorCode, params: Record<string, unknown>): CodedError {
  return { code, params };
}

/** Why `action` may not be requested now (null: it may), checking the named target when one is given. */
export function vmActionRefusal(
  input: VmAvailabilityInput,
  action: VmAction,
  target: VmActionTarget = {},
): CodedError | null {
  return (
    stateRefusal(input.vm, action) ??
    capabilityRefusal(input.cluster, action) ??
    targetRefusal(input.vm, action, target) ??
    duplicateRefusal(input, action, target) ??
    input.cluster.writeRefusal
  );
}

/** Every verb with whether it is allowed now and whether it would need approval. */
export function vmActionAvailability(input: VmAvailabilityInput): Record<VmAction, VmActionState> {
  const out = {} as Record<VmAction, VmActionState>;
  for (const action of VM_ACTIONS) {
    const reason = vmActionRefusal(input, action);
    out[action] = { allowed: reason === null, requires_approval: input.requiresApproval[action], reason };
  }
  return out;
}

function stateRefusal(vm: VmStateFacts, action: VmAction): CodedError | null {
  const name = vm.name;
  const status = vm.status;
  const transition = () => refusal("VM_IN_TRANSITION", { name, status });
  const strategyRefuses = () =>
    refusal("VM_RUN_STRATEGY_REFUSES", { name, action, run_strategy: vm.runStrategy ?? "" });
  const instance = vm.vmi !== null && !FINAL_VMI_PHASES.has(vm.vmi.phase);
  const running = vm.vmi?.phase === "RUNNING";
  const paused = status === "PAUSED" || vm.vmi?.paused === true;
  const notRunning = () =>
    status === "STOPPED"
      ? refusal(action === "stop" || action === "force-stop" ? "VM_ALREADY_STOPPED" : "VM_NOT_RUNNING", {
          name,
        })
      : refusal("VM_NOT_RUNNING", { name });
  const strategy = vm.runStrategy;

  switch (action) {
    case "start":
      if (IN_TRANSITION.has(status)) return transition();
      if (instance || paused) return refusal("VM_ALREADY_RUNNING", { name });
      if (strategy === "Always" || strategy === "Once" || strategy === "WaitAsReceiver")
        return strategyRefuses();
      return null;
    case "stop":
    case "force-stop": {
      if (status === "DELETING") return transition();
      if (status === "STOPPING" && action === "stop") return transition();
      if (strategy === "WaitAsReceiver") return strategyRefuses();
      if (strategy === "Halted") {
        if (!instance) return notRunning();
        // A Halted VM with an instance is stopping: only a shorter grace period (force stop) goes through.
        return action === "stop" ? refusal("VM_IN_TRANSITION", { name, status: "STOPPING" }) : null;
      }
      // Always and Once stop by patching the run strategy, with or without an instance (a crash loop).
      if (strategy === "Always" || strategy === "Once") return null;
      return instance ? null : notRunning();
    }
    case "restart":
      if (IN_TRANSITION.has(status)) return transition();
      if (strategy === "Halted" || strategy === "Once" || strategy === "WaitAsReceiver")
        return strategyRefuses();
      return instance ? null : refusal("VM_NOT_RUNNING", { name });
    case "pause":
      if (paused) return refusal("VM_ALREADY_PAUSED", { name });
      if (IN_TRANSITION.has(status)) return transition();
      return running ? null : refusal("VM_NOT_RUNNING", { name });
    case "unpause":
      if (status === "DELETING") return transition();
      return paused ? null : refusal("VM_NOT_PAUSED", { name });
    case "migrate": {
      if (vm.activeMigration !== null || status === "MIGRATING")
        return refusal("VM_MIGRATION_IN_PROGRESS", { name });
      if (IN_TRANSITION.has(status)) return transition();
      if (!running) return refusal("VM_NOT_RUNNING", { name });
      const lm = vm.vmi?.liveMigratable;
      if (lm && lm.status === "False")
        return refusal("VM_NOT_MIGRATABLE", { name, k8s_message: lm.message ?? lm.reason ?? "" });
      return null;
    }
    case "cancel-migration":
      return vm.activeMigration === null ? refusal("VM_NO_ACTIVE_MIGRATION", { name }) : null;
    case "restore":
      if (status === "DELETING") return transition();
      return instance || status !== "STOPPED" ? refusal("VM_MUST_BE_STOPPED", { name, action }) : null;
    case "snapshot":
    case "delete-snapshot":
    case "clone":
    case "delete":
      return status === "DELETING" ? transition() : null;
  }
}

function capabilityRefusal(cluster: VmClusterFacts, action: VmAction): CodedError | null {
  const gate =
    action === "snapshot" || action === "restore" || action === "clone"
      ? SNAPSHOT_GATE
      : action === "migrate"
        ? LIVE_MIGRATION_GATE
        : undefined;
  if (gate === undefined || cluster.enabledFeatures === null || cluster.enabledFeatures.includes(gate))
    return null;
  return refusal("PROVIDER_NOT_SUPPORTED", { capability: gate, cluster: cluster.name });
}

function targetRefusal(vm: VmStateFacts, action: VmAction, target: VmActionTarget): CodedError | null {
  if (target.snapshot === undefined) return null;
  if (action !== "delete-snapshot" && action !== "restore" && action !== "clone") return null;
  const snapshot = vm.snapshots.find((s) => s.name === target.snapshot);
  if (!snapshot) return refusal("SNAPSHOT_NOT_FOUND", { name: target.snapshot });
  if (action !== "delete-snapshot" && !snapshot.readyToUse)
    return refusal("SNAPSHOT_NOT_READY", { name: target.snapshot });
  return null;
}

function duplicateRefusal(
  input: VmAvailabilityInput,
  action: VmAction,
  target: VmActionTarget,
): CodedError | null {
  // Without a named snapshot, a delete-snapshot record is about the VM, not one snapshot's deletion.
  if (action === "delete-snapshot" && target.snapshot === undefined) return null;
  const key = dedupeKey({ vm_id: input.vmId, action, snapshot: target.snapshot });
  const existing = input.unfinished.find(
    (u) => dedupeKey({ vm_id: input.vmId, action: u.action, snapshot: u.snapshot }) === key,
  );
  if (!existing) return null;
  return duplicateOf(input.vmId, action, existing);
}

/** The 409 for a request that collides with an unfinished one (also used after a dedupe-index violation). */
export function duplicateOf(
  vmId: string,
  action: VmAction,
  existing: Pick<UnfinishedOperation, "status" | "task_id" | "ticket_id">,
): CodedError {
  const operation = VM_ACTION_OPERATION[action];
  return existing.status === "PENDING" && existing.ticket_id !== null
    ? refusal("DUPLICATE_PENDING_REQUEST", {
        resource_id: vmId,
        operation,
        existing_ticket_id: existing.ticket_id,
      })
    : refusal("VM_OPERATION_IN_PROGRESS", { operation, existing_task_id: existing.task_id });
}
