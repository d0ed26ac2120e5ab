/**
 * Hardware and storage read from core objects (SPEC §14.1): GPU device-plugin resources from node capacity,
 * hugepage sizes from node allocatable, SR-IOV NetworkAttachmentDefinitions, StorageClasses. Pure functions over
 * list bodies, so each rule is table-tested.
 *
 * Only nodes that can run VMs count (label `kubevirt.io/schedulable=true`, set by virt-handler, and not
 * cordoned): a GPU on a node KubeVirt cannot schedule to is no capability.
 */
import "server-only";
import type { GpuDevice, SriovNetwork } from "@/lib/domain/cluster-capabilities";

export interface NodeHardware {
  gpuDevices: GpuDevice[];
  /** Sorted sizes, e.g. ["1Gi", "2Mi"]. */
  hugepages: string[];
  schedulableNodes: number;
}

/** Resources every node has, or that KubeVirt itself exposes; never a GPU. */
const NOT_DEVICES = /^(cpu|memory|pods|ephemeral-storage|storage|hugepages-.*|attachable-volumes-.*)$/;
const KUBEVIRT_DEVICES = "devices.kubevirt.io/";

/**
 * A device-plugin resource that is a GPU: any NVIDIA resource (full GPUs, MIG slices and vGPU types are all
 * published under nvidia.com/), anything whose name says gpu (amd.com/gpu, gpu.intel.com/i915), and anything
 * KubeVirt's permittedHostDevices lists — but not SR-IOV NIC pools, which are device-plugin resources too.
 */
export function isGpuResource(name: string, permitted: ReadonlySet<string> = new Set()): boolean {
  if (NOT_DEVICES.test(name) || name.startsWith(KUBEVIRT_DEVICES) || !name.includes("/")) return false;
  if (name.toLowerCase().includes("sriov")) return false;
  return name.startsWith("nvidia.com/") || name.toLowerCase().includes("gpu") || permitted.has(name);
}

export function readNodeHardware(list: unknown, permittedHostDevices: readonly string[] = []): NodeHardware {
  const permitted = new Set(permittedHostDevices);
  const gpus = new Map<string, GpuDevice>();
  const hugepages = new Set<string>();
  let schedulableNodes = 0;
  for (const node of items(list)) {
    const meta = record(node.metadata);
    const name = typeof meta.name === "string" ? meta.name : "";
    if (record(meta.labels)["kubevirt.io/schedulable"] !== "true" || record(node.spec).unschedulable === true)
      continue;
    schedulableNodes++;
    const status = record(node.status);
    for (const [resource, quantity] of Object.entries(record(status.capacity))) {
      const count = integerQuantity(quantity);
      if (count <= 0 || !isGpuResource(resource, permitted)) continue;
      const device = gpus.get(resource) ?? { resourceName: resource, total: 0, nodes: [] };
      device.total += count;
      device.nodes.push(name);
      gpus.set(resource, device);
    }
    for (const [resource, quantity] of Object.entries(record(status.allocatable))) {
      const size = /^hugepages-(.+)$/.exec(resource)?.[1];
      if (size && isNonZero(quantity)) hugepages.add(size);
    }
  }
  return {
    gpuDevices: [...gpus.values()]
      .map((d) => ({ ...d, nodes: d.nodes.sort() }))
      .sort((a, b) => a.resourceName.localeCompare(b.resourceName)),
    hugepages: [...hugepages].sort(),
    schedulableNodes,
  };
}

/**
 * NetworkAttachmentDefinitions backed by the SR-IOV CNI: `type: "sriov"` in the config (or in one of its
 * plugins, for a conflist), or an SR-IOV device pool in `k8s.v1.cni.cncf.io/resourceName`.
 */
export function readSriovNetworks(list: unknown): SriovNetwork[] {
  const out: SriovNetwork[] = [];
  for (const nad of items(list)) {
    const meta = record(nad.metadata);
    if (typeof meta.name !== "string") continue;
    const resourceName = record(meta.annotations)["k8s.v1.cni.cncf.io/resourceName"];
    const config = parseConfig(record(nad.spec).config);
    const types = [
      config.type,
      ...(Array.isArray(config.plugins) ? config.plugins : []).map((p) => record(p).type),
    ];
    const sriov =
      types.includes("sriov") ||
      (typeof resourceName === "string" && resourceName.toLowerCase().includes("sriov"));
    if (!sriov) continue;
    out.push({
      namespace: typeof meta.namespace === "string" ? meta.namespace : "",
      name: meta.name,
      ...(typeof resourceName === "string" && resourceName !== "" ? { resourceName } : {}),
    });
  }
  return out.sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
}

export interface StorageClassInfo {
  names: string[];
  default?: string;
  /** More than one class claims to be the default (Kubernetes then uses the newest). */
  defaults: string[];
}

const DEFAULT_CLASS = "storageclass.kubernetes.io/is-default-class";
const BETA_DEFAULT_CLASS = "storageclass.beta.kubernetes.io/is-default-class";

export function readStorageClasses(list: unknown): StorageClassInfo {
  const names: string[] = [];
  const defaults: { name: string; created: string }[] = [];
  for (const sc of items(list)) {
    const meta = record(sc.metadata);
    if (typeof meta.name !== "string") continue;
    names.push(meta.name);
    const annotations = record(meta.annotations);
    if (annotations[DEFAULT_CLASS] === "true" || annotations[BETA_DEFAULT_CLASS] === "true") {
      defaults.push({
        name: meta.name,
        created: typeof meta.creationTimestamp === "string" ? meta.creationTimestamp : "",
      });
    }
  }
  // Newest first, as the DefaultStorageClass admission plugin picks since Kubernetes 1.26.
  defaults.sort((a, b) => b.created.localeCompare(a.created) || a.name.localeCompare(b.name));
  const chosen = defaults[0]?.name;
  return {
    names: names.sort(),
    ...(chosen ? { default: chosen } : {}),
    defaults: defaults.map((d) => d.name),
  };
}

/** A device count ("4"); anything that is not a plain non-negative integer counts as 0. */
function integerQuantity(q: unknown): number {
  if (typeof q === "number" && Number.isInteger(q)) return q;
  return typeof q === "string" && /^\d+$/.test(q) ? Number(q) : 0;
}

/** A hugepages quantity other than zero ("0", "0Gi", "0Mi"). */
function isNonZero(q: unknown): boolean {
  if (typeof q === "number") return q > 0;
  return typeof q === "string" && q.trim() !== "" && !/^0+(\.0+)?([KMGTPE]i?|[kmu])?$/.test(q.trim());
}

function parseConfig(config: unknown): Record<string, unknown> {
  if (typeof config !== "string") return {};
  try {
    return record(JSON.parse(config));
  } catch {
    return {};
  }
}

function items(list: unknown): Record<string, unknown>[] {
  const raw = record(list).items;
  return Array.isArray(raw) ? raw.filter(isRecord) : [];
}

function record(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
