/**
 * The anti-corruption layer (SPEC §8): KubeVirt objects in, `lib/domain` objects out. Pure functions, no I/O,
 * no logging. Every field may be missing, null or of the wrong type and the result is still a well-typed
 * domain object; only an object without a name (or, when namespaced, a namespace) is refused, with
 * `K8S_SCHEMA_INCOMPATIBLE`.
 */
import type { VM } from "@/lib/domain";
import { readGovernance, ShepherdLabel } from "@/lib/domain/labels";
import { type MapContext, readMeta } from "./mapper-common";
import { resourceRef, vmDiskGb, vmImage, vmSizing } from "./mapper-resources";
import { deriveStatus } from "./mapper-status";
import { vmiInterfaces } from "./mapper-vmi";
import { arr, conditions, date, isRecord, rec, str, type Unsafe } from "./selectors";
import type {
  ObjectMeta,
  VirtualMachine,
  VirtualMachineInstance,
  VirtualMachineInstanceStatus,
  VirtualMachineInstanceTemplateSpec,
  VirtualMachineSpec,
  VirtualMachineStatus,
} from "./wire";

export { readGovernance } from "@/lib/domain/labels";
export type { MapContext } from "./mapper-common";
export { mapVMDevices } from "./mapper-devices";
export {
  mapClone,
  mapInstanceType,
  mapMigration,
  mapPreference,
  mapRestore,
  mapSnapshot,
} from "./mapper-objects";
export { KNOWN_PRINTABLE_STATUSES, printableStatusesFor } from "./mapper-status";
export { mapVMI } from "./mapper-vmi";

/**
 * Where a VM keeps its instances' labels, which `readGovernance` falls back to: for SQL over cached objects
 * (the cache's `labels` column holds metadata.labels only).
 */
export const VM_TEMPLATE_LABELS_PATH = ["spec", "template", "metadata", "labels"] as const;

/**
 * A VirtualMachine and, when it has one, its VirtualMachineInstance → VM. A VMI that is not an object is
 * ignored, as if absent.
 */
export function mapVM(vm: unknown, vmi: unknown, ctx: MapContext): VM {
  const meta = readMeta(vm, "VirtualMachine", ctx);
  const raw = rec<VirtualMachine>(vm);
  const spec = rec<VirtualMachineSpec>(raw.spec);
  const status = rec<VirtualMachineStatus>(raw.status);
  const template = rec<VirtualMachineInstanceTemplateSpec>(spec.template);
  const vmiObj = isRecord(vmi) ? rec<VirtualMachineInstance>(vmi) : undefined;
  const vmiStatus = rec<VirtualMachineInstanceStatus>(vmiObj?.status);

  const instanceType = resourceRef(spec.instancetype, "VirtualMachineClusterInstancetype");
  const preference = resourceRef(spec.preference, "VirtualMachineClusterPreference");
  const { cpu, memoryMb } = vmSizing(template.spec, vmiObj?.spec, instanceType !== undefined);
  const runStrategy = readRunStrategy(spec, status);
  const rawStatus = str(status.printableStatus);
  const derived = deriveStatus({
    printableStatus: rawStatus,
    deleting: meta.deleting,
    runStrategy,
    vmConditions: conditions(status.conditions),
    vmi:
      vmiObj === undefined
        ? undefined
        : {
            phase: str(vmiStatus.phase),
            reason: str(vmiStatus.reason),
            conditions: conditions(vmiStatus.conditions),
          },
  });

  const out: VM = {
    id: "",
    name: meta.name,
    namespace: meta.namespace,
    cluster: ctx.cluster,
    cpu,
    memoryMb,
    status: derived.status,
    createdAt: meta.createdAt,
  };
  if (derived.statusMessage !== undefined) out.statusMessage = derived.statusMessage;
  if (derived.statusReason !== undefined) out.statusReason = derived.statusReason;
  if (rawStatus !== undefined) out.rawStatus = rawStatus;
  if (runStrategy !== undefined) out.runStrategy = runStrategy;
  const diskGb = vmDiskGb(template.spec);
  if (diskGb !== undefined) out.diskGb = diskGb;
  const image = vmImage(template.spec);
  if (image !== undefined) out.image = image;
  if (instanceType !== undefined) out.instanceType = instanceType;
  if (preference !== undefined) out.preference = preference;

  if (vmiObj !== undefined) {
    const ip = vmiInterfaces(vmiStatus.interfaces).find((i) => i.ip !== undefined)?.ip;
    if (ip !== undefined) out.ip = ip;
    const nodeName = str(vmiStatus.nodeName);
    if (nodeName !== undefined) out.nodeName = nodeName;
    const startedAt = runningSince(vmiStatus.phaseTransitionTimestamps);
    if (startedAt !== undefined) out.startedAt = startedAt;
  }

  if (meta.labels !== undefined) out.labels = meta.labels;
  if (meta.annotations !== undefined) out.annotations = meta.annotations;
  const governance = readGovernance(meta.labels, rec<ObjectMeta>(template.metadata).labels);
  if (governance !== undefined) {
    out.governance = governance;
    if (governance.instance !== undefined) out.instance = governance.instance;
  }
  const serviceId = str(meta.labels?.[ShepherdLabel.serviceId]);
  if (serviceId !== undefined) out.serviceId = serviceId;
  return out;
}

/**
 * VMs joined with their VMIs by namespace/name through one Map (O(n + m)). A VM that cannot be mapped is left
 * out and reported to `ctx.onSkip`; VMIs without a name or namespace cannot be joined and are ignored.
 */
export function mapVMList(vms: unknown[], vmis: unknown[], ctx: MapContext): VM[] {
  const index = new Map<string, unknown>();
  for (const vmi of Array.isArray(vmis) ? vmis : []) {
    const key = objectKey(vmi);
    if (key !== undefined) index.set(key, vmi);
  }
  const out: VM[] = [];
  for (const vm of Array.isArray(vms) ? vms : []) {
    try {
      const key = objectKey(vm);
      out.push(mapVM(vm, key === undefined ? undefined : index.get(key), ctx));
    } catch (error) {
      ctx.onSkip?.(error, vm);
    }
  }
  return out;
}

function objectKey(obj: unknown): string | undefined {
  const meta = rec<ObjectMeta>(rec<VirtualMachine>(obj).metadata);
  const name = str(meta.name);
  const namespace = str(meta.namespace);
  return name === undefined || namespace === undefined ? undefined : `${namespace}/${name}`;
}

/** `spec.runStrategy`; else the deprecated `spec.running` as Always/Halted; else what the status reports. */
function readRunStrategy(
  spec: Unsafe<VirtualMachineSpec>,
  status: Unsafe<VirtualMachineStatus>,
): string | undefined {
  const strategy = str(spec.runStrategy);
  if (strategy !== undefined) return strategy;
  if (typeof spec.running === "boolean") return spec.running ? "Always" : "Halted";
  return str(status.runStrategy);
}

/** The latest transition into Running of the VMI. */
function runningSince(transitions: unknown): Date | undefined {
  let latest: Date | undefined;
  for (const t of arr(transitions)) {
    const entry = rec<{ phase: string; phaseTransitionTimestamp: string }>(t);
    if (entry.phase !== "Running") continue;
    const d = date(entry.phaseTransitionTimestamp);
    if (d !== undefined && (latest === undefined || d > latest)) latest = d;
  }
  return latest;
}
