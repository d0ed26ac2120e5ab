/**
 * A watched object → the indexed columns of its cached_resources row (schema.prisma explains each), read
 * through the provider's mapper so that only server/provider/kubevirt knows the wire shapes. The raw object is
 * stored beside them for details.
 */
import "server-only";
import type { ResourceKind } from "../db/generated/prisma/enums";
import {
  type MapContext,
  mapClone,
  mapMigration,
  mapRestore,
  mapSnapshot,
  mapVM,
  mapVMI,
} from "../provider/kubevirt/mapper";
import { mapKubeEvent } from "../provider/kubevirt/mapper-event";

export interface CachedColumns {
  uid: string;
  namespace: string;
  name: string;
  status: string | null;
  node_name: string | null;
  vm_name: string | null;
  labels: Record<string, string>;
  k8s_created_at: string | null;
  resource_version: string;
}

/** The row's columns, or undefined for an object without uid or resourceVersion (it cannot be keyed). */
export function cachedColumns(
  kind: ResourceKind,
  object: unknown,
  ctx: MapContext,
): CachedColumns | undefined {
  const meta = metadataOf(object);
  const uid = meta.uid;
  const resourceVersion = meta.resourceVersion;
  if (typeof uid !== "string" || uid === "" || typeof resourceVersion !== "string") return undefined;
  const created = typeof meta.creationTimestamp === "string" ? meta.creationTimestamp : null;
  const base = {
    uid,
    resource_version: resourceVersion,
    k8s_created_at: created !== null && !Number.isNaN(Date.parse(created)) ? created : null,
    labels: labelsOf(meta),
  };
  const phase = readPhase(object);
  switch (kind) {
    case "VirtualMachine": {
      const vm = mapVM(object, undefined, ctx);
      return row(base, vm, vm.rawStatus ?? null, null, vm.name);
    }
    case "VirtualMachineInstance": {
      const vmi = mapVMI(object, ctx);
      return row(base, vmi, phase, vmi.nodeName ?? null, ownerVmName(meta) ?? vmi.name);
    }
    case "VirtualMachineInstanceMigration": {
      const m = mapMigration(object, ctx);
      return row(base, m, phase, m.targetNode ?? null, m.vmName || null);
    }
    case "VirtualMachineSnapshot": {
      const s = mapSnapshot(object, ctx);
      return row(base, s, phase, null, s.sourceVm || null);
    }
    case "VirtualMachineRestore": {
      // A restore has no phase: its status is the mapper's reading of `complete` and conditions.
      const r = mapRestore(object, ctx);
      return row(base, r, r.status, null, r.targetVm || null);
    }
    case "VirtualMachineClone": {
      const c = mapClone(object, ctx);
      return row(base, c, phase, null, (c.source.kind === "VM" ? c.source.name : c.targetVm) || null);
    }
    case "Event": {
      // name/namespace are the Event's own; status its type; vm_name the object it is about (a VM, VMI,
      // migration, snapshot… name: the reader matches it together with the kind). k8s_created_at is when it
      // last happened: lastTimestamp (bumped on every repeat), else eventTime/series (events.k8s.io/v1
      // recorders), else creationTimestamp — so "newest first" means most recently seen, not first created.
      const e = mapKubeEvent(object);
      const meta = readMetaNames(object);
      if (meta === undefined) throw new Error("Event without metadata.name or metadata.namespace");
      const seen = e.lastSeen?.toISOString() ?? base.k8s_created_at;
      return {
        ...base,
        k8s_created_at: seen,
        namespace: meta.namespace,
        name: meta.name,
        status: e.type,
        node_name: null,
        vm_name: e.involvedObject.name || null,
      };
    }
  }
}

function row(
  base: Pick<CachedColumns, "uid" | "resource_version" | "k8s_created_at" | "labels">,
  mapped: { namespace: string; name: string },
  status: string | null,
  nodeName: string | null,
  vmName: string | null,
): CachedColumns {
  return {
    ...base,
    namespace: mapped.namespace,
    name: mapped.name,
    status,
    node_name: nodeName,
    vm_name: vmName,
  };
}

interface RawMeta {
  uid?: unknown;
  resourceVersion?: unknown;
  creationTimestamp?: unknown;
  labels?: unknown;
  ownerReferences?: unknown;
}

function metadataOf(object: unknown): RawMeta {
  if (typeof object !== "object" || object === null || !("metadata" in object)) return {};
  const meta = object.metadata;
  return typeof meta === "object" && meta !== null ? (meta as RawMeta) : {};
}

function readMetaNames(object: unknown): { name: string; namespace: string } | undefined {
  const meta = metadataOf(object) as RawMeta & { name?: unknown; namespace?: unknown };
  if (typeof meta.name !== "string" || meta.name === "") return undefined;
  if (typeof meta.namespace !== "string" || meta.namespace === "") return undefined;
  return { name: meta.name, namespace: meta.namespace };
}

function labelsOf(meta: RawMeta): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof meta.labels !== "object" || meta.labels === null) return out;
  for (const [k, v] of Object.entries(meta.labels)) if (typeof v === "string") out[k] = v;
  return out;
}

function readPhase(object: unknown): string | null {
  if (typeof object !== "object" || object === null || !("status" in object)) return null;
  const status = object.status;
  if (typeof status !== "object" || status === null || !("phase" in status)) return null;
  return typeof status.phase === "string" && status.phase !== "" ? status.phase : null;
}

function ownerVmName(meta: RawMeta): string | undefined {
  if (!Array.isArray(meta.ownerReferences)) return undefined;
  for (const ref of meta.ownerReferences) {
    if (
      typeof ref === "object" &&
      ref !== null &&
      ref.kind === "VirtualMachine" &&
      typeof ref.name === "string"
    )
      return ref.name;
  }
  return undefined;
}
