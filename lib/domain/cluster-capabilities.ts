/**
 * What a cluster can do, as the capability detector saw it in one health check (SPEC §14). Stored on the
 * cluster row (enabled_features, hardware_capabilities, detected_capabilities, storage_classes); admin-declared
 * capabilities live apart and are never written by detection.
 */

/** A device-plugin resource found in node capacity (e.g. `nvidia.com/gpu`, `nvidia.com/GA102GL_A10`). */
export interface GpuDevice {
  /** The extended resource name: also the device name a KubeVirt `devices.gpus[].deviceName` uses. */
  resourceName: string;
  /** Sum of the nodes' capacity. */
  total: number;
  nodes: string[];
}

export interface SriovNetwork {
  namespace: string;
  name: string;
  /** `k8s.v1.cni.cncf.io/resourceName` (the SR-IOV device pool), when annotated. */
  resourceName?: string;
}

/** API groups we look for in discovery, each with the versions the cluster serves (empty: not served). */
export const CapabilityApiGroups = {
  kubevirt: "kubevirt.io",
  subresources: "subresources.kubevirt.io",
  snapshot: "snapshot.kubevirt.io",
  clone: "clone.kubevirt.io",
  instancetype: "instancetype.kubevirt.io",
  export: "export.kubevirt.io",
  pool: "pool.kubevirt.io",
  backup: "backup.kubevirt.io",
  migrations: "migrations.kubevirt.io",
  cdi: "cdi.kubevirt.io",
  volumeSnapshots: "snapshot.storage.k8s.io",
  networkAttachments: "k8s.cni.cncf.io",
} as const;

export type CapabilityApi = keyof typeof CapabilityApiGroups;

/** How a feature's state was decided when static detection could not. */
export interface DryRunVerification {
  /** True when the dry-run create was admitted. */
  enabled: boolean;
  /** English detail: the admission message on a refusal. */
  detail?: string;
}

export interface ClusterCapabilities {
  /** As detected (e.g. "v1.7.0"); absent when unreadable. */
  kubevirtVersion?: string;
  versionSource?: "virt-api" | "kubevirt-cr";
  /** False when the version is absent or not semver: gates were then decided without it. */
  versionKnown: boolean;
  /** The KubeVirt CR's developerConfiguration, as configured. */
  featureGates: { enabled: string[]; disabled: string[] };
  /** Gates in effect at this version (GA ∪ enabled ∪ Beta-by-default), plus what dry runs verified. */
  enabledFeatures: string[];
  /** Gates static detection could not decide and no dry run settled. */
  uncertainFeatures: string[];
  /** Features decided by a server-side dry run ("verified by dry run"), by gate name. */
  verifiedByDryRun: Record<string, DryRunVerification>;
  /** Served versions per API group we care about. */
  apis: Record<CapabilityApi, string[]>;
  gpuDevices: GpuDevice[];
  /** Hugepage sizes some node offers, e.g. ["1Gi", "2Mi"]. */
  hugepages: string[];
  sriovNetworks: SriovNetwork[];
  storageClasses: string[];
  defaultStorageClass?: string;
  /** Nodes labelled `kubevirt.io/schedulable=true`. */
  schedulableNodes: number;
  detectedAt: Date;
}
