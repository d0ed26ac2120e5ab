/**
 * Snapshots, restores, clones, migrations, instancetypes and preferences → domain objects (KUBEVIRT-API
 * §4.4–§4.7). Unknown or unset phases map to the domain enum's documented fallback.
 */
import {
  type Clone,
  CloneSourceKind,
  CloneStatus,
  type InstanceType,
  type Migration,
  MigrationPhase,
  type Preference,
  type Restore,
  RestoreStatus,
  type Snapshot,
  SnapshotStatus,
} from "@/lib/domain";
import { type MapContext, readMeta } from "./mapper-common";
import { toMb } from "./mapper-resources";
import {
  arr,
  conditions,
  date,
  findCondition,
  parseQuantity,
  rec,
  str,
  type WireCondition,
} from "./selectors";
import type {
  InstancetypeSpec,
  TypedLocalObjectReference,
  VirtualMachineClone,
  VirtualMachineInstanceMigration,
  VirtualMachineInstancetype,
  VirtualMachineRestore,
  VirtualMachineSnapshot,
  VMIMigrationState,
} from "./wire";

const SNAPSHOT_PHASES: ReadonlyMap<string, SnapshotStatus> = new Map<string, SnapshotStatus>([
  ["InProgress", SnapshotStatus.IN_PROGRESS],
  ["Succeeded", SnapshotStatus.SUCCEEDED],
  ["Failed", SnapshotStatus.FAILED],
  ["Deleting", SnapshotStatus.DELETING],
  ["Unknown", SnapshotStatus.UNKNOWN],
]);

const CLONE_PHASES: ReadonlyMap<string, CloneStatus> = new Map<string, CloneStatus>([
  ["SnapshotInProgress", CloneStatus.SNAPSHOT_IN_PROGRESS],
  ["CreatingTargetVM", CloneStatus.CREATING_TARGET_VM],
  ["RestoreInProgress", CloneStatus.RESTORE_IN_PROGRESS],
  ["Succeeded", CloneStatus.SUCCEEDED],
  ["Failed", CloneStatus.FAILED],
  ["Unknown", CloneStatus.UNKNOWN],
]);

const MIGRATION_PHASES: ReadonlyMap<string, MigrationPhase> = new Map<string, MigrationPhase>([
  ["Pending", MigrationPhase.PENDING],
  ["Scheduling", MigrationPhase.SCHEDULING],
  ["Scheduled", MigrationPhase.SCHEDULED],
  ["PreparingTarget", MigrationPhase.PREPARING_TARGET],
  ["TargetReady", MigrationPhase.TARGET_READY],
  ["Running", MigrationPhase.RUNNING],
  ["WaitingForSync", MigrationPhase.WAITING_FOR_SYNC],
  ["Synchronizing", MigrationPhase.SYNCHRONIZING],
  ["Succeeded", MigrationPhase.SUCCEEDED],
  ["Failed", MigrationPhase.FAILED],
]);

/** VirtualMachineSnapshot → Snapshot. An unset or unrecognised phase is UNKNOWN (lib/domain/snapshot.ts). */
export function mapSnapshot(obj: unknown, ctx: MapContext): Snapshot {
  const meta = readMeta(obj, "VirtualMachineSnapshot", ctx);
  const raw = rec<VirtualMachineSnapshot>(obj);
  const spec = rec<NonNullable<VirtualMachineSnapshot["spec"]>>(raw.spec);
  const status = rec<NonNullable<VirtualMachineSnapshot["status"]>>(raw.status);
  const phase = str(status.phase);
  const out: Snapshot = {
    name: meta.name,
    namespace: meta.namespace,
    cluster: ctx.cluster,
    sourceVm: str(rec<TypedLocalObjectReference>(spec.source).name) ?? "",
    status: (phase === undefined ? undefined : SNAPSHOT_PHASES.get(phase)) ?? SnapshotStatus.UNKNOWN,
    createdAt: meta.createdAt,
    readyToUse: status.readyToUse === true,
  };
  const error =
    str(rec<{ message: unknown }>(status.error).message) ?? failureText(conditions(status.conditions));
  if (error !== undefined) out.errorMessage = error;
  return out;
}

/**
 * VirtualMachineRestore → Restore. It has no phase: `complete: true` is SUCCEEDED, a Failure=True condition
 * is FAILED, anything else is still IN_PROGRESS.
 */
export function mapRestore(obj: unknown, ctx: MapContext): Restore {
  const meta = readMeta(obj, "VirtualMachineRestore", ctx);
  const raw = rec<VirtualMachineRestore>(obj);
  const spec = rec<NonNullable<VirtualMachineRestore["spec"]>>(raw.spec);
  const status = rec<NonNullable<VirtualMachineRestore["status"]>>(raw.status);
  const conds = conditions(status.conditions);
  const complete = status.complete === true;
  const failure = failureText(conds);
  const out: Restore = {
    name: meta.name,
    namespace: meta.namespace,
    cluster: ctx.cluster,
    targetVm: str(rec<TypedLocalObjectReference>(spec.target).name) ?? "",
    snapshotName: str(spec.virtualMachineSnapshotName) ?? "",
    complete,
    status: complete
      ? RestoreStatus.SUCCEEDED
      : failure !== undefined
        ? RestoreStatus.FAILED
        : RestoreStatus.IN_PROGRESS,
    createdAt: meta.createdAt,
  };
  if (failure !== undefined && !complete) out.errorMessage = failure;
  return out;
}

/**
 * VirtualMachineClone → Clone. An unset phase is PENDING, an unrecognised one UNKNOWN. The target is the name
 * KubeVirt reports (`status.targetName`, also for generated names), else the requested one, else "".
 */
export function mapClone(obj: unknown, ctx: MapContext): Clone {
  const meta = readMeta(obj, "VirtualMachineClone", ctx);
  const raw = rec<VirtualMachineClone>(obj);
  const spec = rec<NonNullable<VirtualMachineClone["spec"]>>(raw.spec);
  const status = rec<NonNullable<VirtualMachineClone["status"]>>(raw.status);
  const source = rec<TypedLocalObjectReference>(spec.source);
  const phase = str(status.phase);
  const out: Clone = {
    name: meta.name,
    namespace: meta.namespace,
    cluster: ctx.cluster,
    source: {
      kind: source.kind === "VirtualMachineSnapshot" ? CloneSourceKind.SNAPSHOT : CloneSourceKind.VM,
      name: str(source.name) ?? "",
    },
    targetVm: str(status.targetName) ?? str(rec<TypedLocalObjectReference>(spec.target).name) ?? "",
    status: phase === undefined ? CloneStatus.PENDING : (CLONE_PHASES.get(phase) ?? CloneStatus.UNKNOWN),
    createdAt: meta.createdAt,
  };
  const conds = conditions(status.conditions);
  const error =
    failureText(conds) ??
    (out.status === CloneStatus.FAILED ? conditionText(findCondition(conds, "Ready", "False")) : undefined);
  if (error !== undefined) out.errorMessage = error;
  return out;
}

/**
 * VirtualMachineInstanceMigration → Migration. An unset phase is PENDING, an unrecognised one UNKNOWN. Nodes
 * and the end time come from `status.migrationState` (KubeVirt ≥ v1.1 copies it onto the VMIM); without it the
 * end time is the Succeeded/Failed phase transition.
 */
export function mapMigration(obj: unknown, ctx: MapContext): Migration {
  const meta = readMeta(obj, "VirtualMachineInstanceMigration", ctx);
  const raw = rec<VirtualMachineInstanceMigration>(obj);
  const spec = rec<NonNullable<VirtualMachineInstanceMigration["spec"]>>(raw.spec);
  const status = rec<NonNullable<VirtualMachineInstanceMigration["status"]>>(raw.status);
  const state = rec<VMIMigrationState>(status.migrationState);
  const phase = str(status.phase);
  const out: Migration = {
    name: meta.name,
    namespace: meta.namespace,
    cluster: ctx.cluster,
    vmName: str(spec.vmiName) ?? str(meta.labels?.["kubevirt.io/vmi-name"]) ?? "",
    status:
      phase === undefined ? MigrationPhase.PENDING : (MIGRATION_PHASES.get(phase) ?? MigrationPhase.UNKNOWN),
    createdAt: meta.createdAt,
  };
  const sourceNode = str(state.sourceNode);
  const targetNode = str(state.targetNode);
  if (sourceNode !== undefined) out.sourceNode = sourceNode;
  if (targetNode !== undefined) out.targetNode = targetNode;
  const final = out.status === MigrationPhase.SUCCEEDED || out.status === MigrationPhase.FAILED;
  const completedAt =
    date(state.endTimestamp) ?? (final ? transitionTime(status.phaseTransitionTimestamps, phase) : undefined);
  if (completedAt !== undefined) out.completedAt = completedAt;
  const error =
    str(state.failureReason) ??
    failureText(conditions(status.conditions)) ??
    (out.status === MigrationPhase.FAILED ? "The migration failed" : undefined);
  if (error !== undefined) out.errorMessage = error;
  return out;
}

/** VirtualMachineInstancetype or VirtualMachineClusterInstancetype → InstanceType (namespace only if set). */
export function mapInstanceType(obj: unknown, ctx: MapContext): InstanceType {
  const meta = readMeta(obj, "VirtualMachineInstancetype", ctx, false);
  const spec = rec<InstancetypeSpec>(rec<VirtualMachineInstancetype>(obj).spec);
  const guestCpu = rec<NonNullable<InstancetypeSpec["cpu"]>>(spec.cpu).guest;
  const cpu = typeof guestCpu === "number" && Number.isFinite(guestCpu) && guestCpu > 0 ? guestCpu : 0;
  const bytes = parseQuantity(rec<NonNullable<InstancetypeSpec["memory"]>>(spec.memory).guest);
  const out: InstanceType = {
    name: meta.name,
    cpu,
    memoryMb: bytes !== undefined && bytes > 0 ? toMb(bytes) : 0,
  };
  withScope(out, meta);
  return out;
}

/** VirtualMachinePreference or VirtualMachineClusterPreference → Preference. */
export function mapPreference(obj: unknown, ctx: MapContext): Preference {
  const meta = readMeta(obj, "VirtualMachinePreference", ctx, false);
  const out: Preference = { name: meta.name };
  withScope(out, meta);
  return out;
}

function withScope(
  out: { namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> },
  meta: ReturnType<typeof readMeta>,
): void {
  if (meta.namespace !== "") out.namespace = meta.namespace;
  if (meta.labels !== undefined) out.labels = meta.labels;
  if (meta.annotations !== undefined) out.annotations = meta.annotations;
}

/** The explanation of a Failure=True condition, if any. */
function failureText(conds: readonly WireCondition[]): string | undefined {
  return conditionText(findCondition(conds, "Failure", "True"));
}

function conditionText(c: WireCondition | undefined): string | undefined {
  return c === undefined ? undefined : (c.message ?? c.reason);
}

function transitionTime(transitions: unknown, phase: string | undefined): Date | undefined {
  let found: Date | undefined;
  for (const t of arr(transitions)) {
    const entry = rec<{ phase: string; phaseTransitionTimestamp: string }>(t);
    if (entry.phase === phase) found = date(entry.phaseTransitionTimestamp) ?? found;
  }
  return found;
}
