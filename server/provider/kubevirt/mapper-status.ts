/**
 * VM status derivation (SPEC §8): printableStatus first, then the VMI phase, then the run strategy; plus the
 * English detail (statusMessage) and its machine reason (statusReason) from the VM and VMI conditions.
 */
import { VMStatus } from "@/lib/domain";
import { findCondition, type WireCondition } from "./selectors";

/** How a printableStatus is read: the domain status, and whether it signals a problem worth explaining. */
interface PrintableEntry {
  status: VMStatus;
  /** Set for error-class values (KUBEVIRT-API §4.1): the detail used when no condition explains it. */
  problem?: string;
}

/**
 * Every printableStatus of KUBEVIRT-API §4.1 (HEAD), plus `ErrorDataVolumeNotFound` (gone since v0.58, still
 * sent by old clusters). A Map, so that values such as "constructor" never hit Object.prototype.
 */
export const PRINTABLE_STATUS: ReadonlyMap<string, PrintableEntry> = new Map<string, PrintableEntry>([
  ["Stopped", { status: VMStatus.STOPPED }],
  ["Provisioning", { status: VMStatus.CREATING }],
  ["Starting", { status: VMStatus.CREATING }],
  ["Running", { status: VMStatus.RUNNING }],
  ["Paused", { status: VMStatus.PAUSED }],
  ["Stopping", { status: VMStatus.STOPPING }],
  ["Terminating", { status: VMStatus.DELETING }],
  ["Migrating", { status: VMStatus.MIGRATING }],
  // Transitional: waiting on something outside the VM. PENDING, with the reason when a condition gives one.
  [
    "WaitingForVolumeBinding",
    { status: VMStatus.PENDING, problem: "Waiting for the VM's volumes to be bound" },
  ],
  [
    "WaitingForReceiver",
    { status: VMStatus.PENDING, problem: "Waiting for the receiving side of a decentralized migration" },
  ],
  // Error class → FAILED with a message.
  [
    "CrashLoopBackOff",
    { status: VMStatus.FAILED, problem: "The VM keeps crashing; KubeVirt retries after a back-off" },
  ],
  ["ErrorUnschedulable", { status: VMStatus.FAILED, problem: "The VM cannot be scheduled on any node" }],
  ["ErrImagePull", { status: VMStatus.FAILED, problem: "The containerDisk image cannot be pulled" }],
  [
    "ImagePullBackOff",
    { status: VMStatus.FAILED, problem: "The containerDisk image cannot be pulled (backing off)" },
  ],
  [
    "ErrorPvcNotFound",
    { status: VMStatus.FAILED, problem: "A PersistentVolumeClaim the VM uses does not exist" },
  ],
  ["DataVolumeError", { status: VMStatus.FAILED, problem: "A DataVolume the VM uses reports an error" }],
  [
    "ErrorDataVolumeNotFound",
    { status: VMStatus.FAILED, problem: "A DataVolume the VM uses does not exist" },
  ],
  // The host cannot be reached: the state is not known, which is not the same as failed.
  ["Unknown", { status: VMStatus.UNKNOWN, problem: "KubeVirt cannot obtain the VM's state" }],
]);

/** VMI phase (wire) → VM status, for VMs without a printableStatus; undefined means "look further". */
const VMI_PHASE_STATUS: ReadonlyMap<string, VMStatus> = new Map<string, VMStatus>([
  ["Running", VMStatus.RUNNING],
  ["Pending", VMStatus.CREATING],
  ["Scheduling", VMStatus.CREATING],
  ["Scheduled", VMStatus.CREATING],
  ["Failed", VMStatus.FAILED],
  ["Succeeded", VMStatus.STOPPED],
  ["WaitingForSync", VMStatus.PENDING],
]);

/** VMI conditions whose False status explains why a VM is not running (scheduling, image pull, volumes). */
const VMI_BLOCKING_CONDITIONS = ["Synchronized", "PodScheduled", "DataVolumesReady", "Ready"];
/** VM Ready=False reasons that only restate that no VMI exists. */
const BENIGN_READY_REASONS = new Set(["VMINotExists", "VMIConditionMissing"]);

export interface StatusInput {
  printableStatus?: string;
  deleting: boolean;
  runStrategy?: string;
  vmConditions: readonly WireCondition[];
  vmi?: {
    phase?: string;
    reason?: string;
    conditions: readonly WireCondition[];
  };
}

export interface StatusResult {
  status: VMStatus;
  statusMessage?: string;
  statusReason?: string;
}

export function deriveStatus(input: StatusInput): StatusResult {
  const { status, problem } = baseStatus(input);
  const detail = explain(input, status, problem);
  const out: StatusResult = { status };
  if (detail !== undefined) {
    out.statusMessage = detail.message;
    out.statusReason = detail.reason;
  }
  return out;
}

function baseStatus(input: StatusInput): { status: VMStatus; problem?: string } {
  const printable = input.printableStatus;
  if (printable !== undefined) {
    const entry = PRINTABLE_STATUS.get(printable);
    if (entry !== undefined) return entry;
    return { status: VMStatus.UNKNOWN, problem: `Unrecognised KubeVirt status "${printable}"` };
  }
  if (input.deleting) return { status: VMStatus.DELETING };
  const vmi = input.vmi;
  if (vmi?.phase !== undefined) {
    const byPhase = VMI_PHASE_STATUS.get(vmi.phase);
    if (byPhase === VMStatus.RUNNING && findCondition(vmi.conditions, "Paused", "True") !== undefined)
      return { status: VMStatus.PAUSED };
    if (byPhase === VMStatus.FAILED) return { status: byPhase, problem: "The VM instance failed" };
    if (byPhase !== undefined) return { status: byPhase };
  }
  if (input.runStrategy === "Halted") return { status: VMStatus.STOPPED };
  return { status: VMStatus.UNKNOWN };
}

interface Detail {
  message: string;
  reason: string;
}

/**
 * The most useful explanation, first hit wins: ManualRecoveryRequired (start is refused until fixed); for a
 * problem, waiting or running status, the blocking VMI conditions (the most specific text: the pod's own
 * scheduling or image-pull message) and the VMI's failure reason; a Failure condition; for those statuses again
 * the VM's Ready=False; then RestartRequired (staged changes, on any status); finally the printableStatus' own
 * description.
 */
function explain(input: StatusInput, status: VMStatus, problem: string | undefined): Detail | undefined {
  const vmConds = input.vmConditions;
  const manual = findCondition(vmConds, "ManualRecoveryRequired", "True");
  if (manual !== undefined)
    return fromCondition(manual, "Manual recovery is required (a volume migration failed); start is refused");
  const troubled =
    problem !== undefined ||
    status === VMStatus.FAILED ||
    status === VMStatus.UNKNOWN ||
    status === VMStatus.PENDING ||
    status === VMStatus.RUNNING;
  const fromVmi = troubled ? explainVmi(input.vmi, status) : undefined;
  if (fromVmi !== undefined) return fromVmi;
  const failure = findCondition(vmConds, "Failure", "True");
  if (failure !== undefined) return fromCondition(failure);
  if (troubled) {
    const ready = findCondition(vmConds, "Ready", "False");
    if (
      ready !== undefined &&
      !BENIGN_READY_REASONS.has(ready.reason ?? "") &&
      conditionText(ready) !== undefined
    )
      return fromCondition(ready);
  }
  const restart = findCondition(vmConds, "RestartRequired", "True");
  if (restart !== undefined)
    return fromCondition(restart, "Changes are staged and take effect after a restart");
  if (problem !== undefined) return { message: problem, reason: input.printableStatus ?? status };
  return undefined;
}

function explainVmi(vmi: StatusInput["vmi"], status: VMStatus): Detail | undefined {
  if (vmi === undefined) return undefined;
  // A running VMI's Ready=False only matters when the VM is not otherwise running normally.
  const types = status === VMStatus.RUNNING ? ["Synchronized"] : VMI_BLOCKING_CONDITIONS;
  for (const type of types) {
    const c = findCondition(vmi.conditions, type, "False");
    if (c !== undefined && conditionText(c) !== undefined) return fromCondition(c);
  }
  if (vmi.phase === "Failed" && vmi.reason !== undefined)
    return { message: `The VM instance failed: ${vmi.reason}`, reason: vmi.reason };
  return undefined;
}

function conditionText(c: WireCondition): string | undefined {
  return c.message ?? c.reason;
}

function fromCondition(c: WireCondition, fallback?: string): Detail {
  return { message: c.message ?? fallback ?? c.reason ?? c.type, reason: c.reason ?? c.type };
}

/**
 * The printableStatus values that read as one of `statuses` (for filtering cached rows in SQL), and whether
 * rows without a known printableStatus (UNKNOWN) belong too.
 */
export function printableStatusesFor(statuses: readonly VMStatus[]): {
  values: string[];
  includeUnrecognised: boolean;
} {
  const wanted = new Set(statuses);
  const values = [...PRINTABLE_STATUS].filter(([, e]) => wanted.has(e.status)).map(([value]) => value);
  return { values, includeUnrecognised: wanted.has(VMStatus.UNKNOWN) };
}

/** Every printableStatus this build knows. */
export const KNOWN_PRINTABLE_STATUSES: readonly string[] = [...PRINTABLE_STATUS.keys()];
