// Cluster profiles: what a simulated cluster looks like (KubeVirt version and gates, install health, nodes,
// storage, networks) and what seed data it gets. Built-in profiles are listed in README.md; a config file
// may define its own in the same shape.
import { z } from "zod";

export const NodeSpecSchema = z.object({
  name: z.string(),
  cpu: z.number().int().positive().default(16),
  memoryGi: z.number().int().positive().default(64),
  gpus: z.number().int().nonnegative().default(0),
  gpuResource: z.string().default("nvidia.com/gpu"),
  hugepages2Mi: z.string().optional(),
  hugepages1Gi: z.string().optional(),
  schedulable: z.boolean().default(true),
  labels: z.record(z.string(), z.string()).default({}),
});
export type NodeSpec = z.infer<typeof NodeSpecSchema>;
export type NodeInput = z.input<typeof NodeSpecSchema>;

export const ProfileSchema = z.object({
  name: z.string().default("custom"),
  kubevirtVersion: z.string().default("v1.9.1"),
  featureGates: z.array(z.string()).default([]),
  disabledFeatureGates: z.array(z.string()).default([]),
  /** installed | missing (no CRDs, no APIService) | degraded (KubeVirt CR Degraded=True). */
  kubevirt: z.enum(["installed", "missing", "degraded"]).default("installed"),
  /** virt-api reachable through the APIService `v1.subresources.kubevirt.io`. */
  apiServiceAvailable: z.boolean().default(true),
  kubevirtNamespace: z.string().default("kubevirt"),
  multus: z.boolean().default(true),
  nodes: z.array(NodeSpecSchema).default([]),
  storageClasses: z
    .array(z.object({ name: z.string(), provisioner: z.string(), default: z.boolean().default(false) }))
    .default([]),
  sriovNetworks: z
    .array(z.object({ namespace: z.string(), name: z.string(), resourceName: z.string() }))
    .default([]),
  namespaces: z.array(z.string()).default([]),
  vms: z
    .object({
      count: z.number().int().nonnegative().default(0),
      namespaces: z.array(z.string()).default(["default"]),
      /** Share of VMs carrying Shepherd's kubevirt-shepherd.io/* labels. */
      shepherdFraction: z.number().min(0).max(1).default(0.5),
      runningFraction: z.number().min(0).max(1).default(0.6),
      /** Add one VM per failure scenario (annotated, started by the controller). */
      failures: z.boolean().default(false),
      seed: z.number().int().default(42),
    })
    .default({
      count: 0,
      namespaces: ["default"],
      shepherdFraction: 0.5,
      runningFraction: 0.6,
      failures: false,
      seed: 42,
    }),
});
export type Profile = z.infer<typeof ProfileSchema>;
export type ProfileInput = z.input<typeof ProfileSchema>;

const STD_STORAGE = [
  { name: "standard", provisioner: "rancher.io/local-path", default: true },
  { name: "ceph-rbd", provisioner: "rbd.csi.ceph.com", default: false },
];

export const BUILTIN_PROFILES: Record<string, ProfileInput> = {
  /** Current KubeVirt, GPUs and hugepages, SR-IOV, a few dozen VMs in mixed states. */
  default: {
    name: "default",
    kubevirtVersion: "v1.9.1",
    nodes: [
      { name: "node-1", labels: { "topology.kubernetes.io/zone": "a" } },
      {
        name: "node-2",
        labels: { "topology.kubernetes.io/zone": "b" },
        hugepages2Mi: "8Gi",
        hugepages1Gi: "16Gi",
      },
      {
        name: "gpu-node-1",
        gpus: 4,
        labels: { "topology.kubernetes.io/zone": "a", "nvidia.com/gpu.present": "true" },
      },
    ],
    storageClasses: STD_STORAGE,
    sriovNetworks: [{ namespace: "default", name: "sriov-net-a", resourceName: "intel.com/sriov_netdevice" }],
    namespaces: ["dev", "prod"],
    vms: { count: 24, namespaces: ["default", "dev", "prod"], failures: true },
  },
  /** KubeVirt v1.4 without the Snapshot gate (snapshot/clone refused), no GPUs. */
  legacy: {
    name: "legacy",
    kubevirtVersion: "v1.4.2",
    nodes: [{ name: "worker-1" }, { name: "worker-2" }],
    storageClasses: [{ name: "local-path", provisioner: "rancher.io/local-path", default: true }],
    namespaces: ["apps"],
    vms: { count: 12, namespaces: ["default", "apps"], shepherdFraction: 0.25 },
  },
  /** KubeVirt v1.7 with Snapshot and HotplugVolumes enabled explicitly. */
  "v1.7": {
    name: "v1.7",
    kubevirtVersion: "v1.7.0",
    featureGates: ["Snapshot", "HotplugVolumes"],
    nodes: [{ name: "node-a" }, { name: "node-b", gpus: 2 }],
    storageClasses: STD_STORAGE,
    vms: { count: 8, namespaces: ["default"] },
  },
  /** Small and empty: two plain nodes, no VMs. What tests start from. */
  empty: {
    name: "empty",
    kubevirtVersion: "v1.9.1",
    nodes: [{ name: "node-1" }, { name: "node-2" }, { name: "gpu-node", gpus: 1, hugepages2Mi: "4Gi" }],
    storageClasses: STD_STORAGE,
    sriovNetworks: [{ namespace: "default", name: "sriov-net", resourceName: "intel.com/sriov_netdevice" }],
    namespaces: ["test"],
  },
  /** A cluster without KubeVirt: no CRDs, no APIService, nodes not schedulable for VMs. */
  "no-kubevirt": {
    name: "no-kubevirt",
    kubevirt: "missing",
    nodes: [{ name: "node-1", schedulable: false }],
    storageClasses: STD_STORAGE,
  },
  /** KubeVirt installed but unhealthy: CR Degraded, virt-api (APIService) unavailable. */
  degraded: {
    name: "degraded",
    kubevirtVersion: "v1.8.2",
    kubevirt: "degraded",
    apiServiceAvailable: false,
    nodes: [{ name: "node-1" }, { name: "node-2", schedulable: false }],
    storageClasses: STD_STORAGE,
    vms: { count: 6, namespaces: ["default"] },
  },
};

export function resolveProfile(p: string | ProfileInput | undefined): Profile {
  if (p === undefined) return ProfileSchema.parse(BUILTIN_PROFILES.empty);
  if (typeof p === "string") {
    const builtin = BUILTIN_PROFILES[p];
    if (!builtin)
      throw new Error(`unknown profile "${p}" (built-in: ${Object.keys(BUILTIN_PROFILES).join(", ")})`);
    return ProfileSchema.parse(builtin);
  }
  return ProfileSchema.parse(p);
}
