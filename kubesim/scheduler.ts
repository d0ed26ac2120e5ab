// Picks a node for a VMI the way the kube-scheduler would for its virt-launcher pod, in the few dimensions
// kubesim models: kubevirt.io/schedulable, cordon, nodeSelector, GPUs and hugepages, least loaded first.

import { RK } from "./kubevirt-info.ts";
import { labelSelectorFromObject } from "./label-selector.ts";
import type { ResourceStore } from "./resource-store.ts";
import { asArray, asRecord, getPath, isRecord, type KObject } from "./types.ts";

export function gpuRequest(vmi: KObject): number {
  return asArray(getPath(vmi, ["spec", "domain", "devices", "gpus"])).length;
}

export function hugepagesRequest(vmi: KObject): string | undefined {
  const p = getPath(vmi, ["spec", "domain", "memory", "hugepages", "pageSize"]);
  return typeof p === "string" ? p : undefined;
}

function quantity(v: unknown): number {
  if (typeof v === "number") return v;
  if (typeof v !== "string") return 0;
  const m = /^(\d+(?:\.\d+)?)([KMGT]i?)?$/.exec(v);
  if (!m) return 0;
  const mult: Record<string, number> = {
    Ki: 1024,
    Mi: 1024 ** 2,
    Gi: 1024 ** 3,
    Ti: 1024 ** 4,
    K: 1e3,
    M: 1e6,
    G: 1e9,
    T: 1e12,
  };
  return Number(m[1]) * (m[2] ? (mult[m[2]] ?? 1) : 1);
}

export function isSchedulable(node: KObject): boolean {
  if (node.metadata.labels?.["kubevirt.io/schedulable"] !== "true") return false;
  if (getPath(node, ["spec", "unschedulable"]) === true) return false;
  const ready = asArray(getPath(node, ["status", "conditions"])).find(
    (c) => isRecord(c) && c.type === "Ready",
  );
  return !ready || getPath(ready, ["status"]) === "True";
}

export interface ScheduleResult {
  node?: string;
  reason?: string;
}

export function pickNode(
  store: ResourceStore,
  vmi: KObject,
  exclude?: string,
  extraSelector?: Record<string, string>,
): ScheduleResult {
  const nodes = store.list(RK.node);
  const gpus = gpuRequest(vmi);
  const huge = hugepagesRequest(vmi);
  const selector = {
    ...asRecord(getPath(vmi, ["spec", "nodeSelector"])),
    ...(extraSelector ?? {}),
  } as Record<string, string>;
  const matchSel = labelSelectorFromObject({ matchLabels: selector });
  const load = new Map<string, { vmis: number; gpus: number }>();
  for (const other of store.list(RK.vmi)) {
    const n = getPath(other, ["status", "nodeName"]);
    if (typeof n !== "string" || other.metadata.uid === vmi.metadata.uid) continue;
    const l = load.get(n) ?? { vmis: 0, gpus: 0 };
    l.vmis++;
    l.gpus += gpuRequest(other);
    load.set(n, l);
  }
  const fits = nodes.filter((node) => {
    const name = node.metadata.name ?? "";
    if (name === exclude || !isSchedulable(node) || !matchSel(node.metadata.labels)) return false;
    const alloc = asRecord(getPath(node, ["status", "allocatable"]));
    if (gpus > 0 && quantity(alloc["nvidia.com/gpu"]) - (load.get(name)?.gpus ?? 0) < gpus) return false;
    if (huge && quantity(alloc[`hugepages-${huge}`]) <= 0) return false;
    return true;
  });
  if (fits.length === 0) {
    const why = [
      gpus > 0 ? `${nodes.length} Insufficient nvidia.com/gpu` : "",
      huge ? `Insufficient hugepages-${huge}` : "",
      "node(s) didn't match Pod's node affinity/selector",
    ]
      .filter((s) => s !== "")
      .join(", ");
    return { reason: `0/${nodes.length} nodes are available: ${why}.` };
  }
  fits.sort(
    (a, b) =>
      (load.get(a.metadata.name ?? "")?.vmis ?? 0) - (load.get(b.metadata.name ?? "")?.vmis ?? 0) ||
      (a.metadata.name ?? "").localeCompare(b.metadata.name ?? ""),
  );
  return { node: fits[0]?.metadata.name };
}
