// KubeVirt feature-gate evaluation per simulated version (KUBEVIRT-API.md §4.9). Versions are compared as
// major*1000+minor; the table holds the release where a gate reached each state.

export function parseKubeVirtVersion(v: string): number {
  const m = /^v?(\d+)\.(\d+)/.exec(v);
  if (!m) return 1_009;
  return Number(m[1]) * 1000 + Number(m[2]);
}

const v = (s: string): number => parseKubeVirtVersion(s);

interface GateHistory {
  alpha?: number;
  beta?: number;
  ga?: number;
  deprecated?: number;
  discontinued?: number;
}

export const GATES: Record<string, GateHistory> = {
  LiveMigration: { ga: v("0.56") },
  SRIOVLiveMigration: { ga: v("0.57") },
  NonRoot: { ga: v("0.59") },
  PSA: { ga: v("0.59") },
  CPUNodeDiscovery: { ga: v("1.1") },
  NUMA: { ga: v("1.4") },
  GPU: { ga: v("1.4") },
  HotplugNICs: { alpha: v("1.1"), beta: v("1.3"), ga: v("1.4") },
  BochsDisplayForEFIGuests: { ga: v("1.4") },
  CommonInstancetypesDeploymentGate: { alpha: v("1.1"), beta: v("1.2"), ga: v("1.4") },
  VMLiveUpdateFeatures: { ga: v("1.5") },
  NetworkBindingPlugins: { alpha: v("1.1"), beta: v("1.4"), ga: v("1.5") },
  DynamicPodInterfaceNaming: { beta: v("1.4"), ga: v("1.5") },
  VolumesUpdateStrategy: { ga: v("1.5") },
  VolumeMigration: { alpha: v("1.3"), ga: v("1.5") },
  AutoResourceLimitsGate: { ga: v("1.5") },
  DisableCustomSELinuxPolicy: { ga: v("1.5") },
  ClusterProfiler: { ga: v("1.6") },
  VMPersistentState: { ga: v("1.6") },
  InstancetypeReferencePolicy: { alpha: v("1.4"), beta: v("1.5"), ga: v("1.6") },
  EnableVirtioFsConfigVolumes: { alpha: v("1.5"), beta: v("1.6"), ga: v("1.8") },
  VMExport: { alpha: v("0.55"), beta: v("1.3"), ga: v("1.9") },
  ExpandDisks: { alpha: v("0.48"), ga: v("1.9") },
  PersistentReservation: { alpha: v("1.0"), ga: v("1.9") },
  VideoConfig: { alpha: v("1.6"), beta: v("1.7"), ga: v("1.9") },
  PanicDevices: { alpha: v("1.6"), beta: v("1.7"), ga: v("1.9") },
  SecureExecution: { alpha: v("1.6"), beta: v("1.7"), ga: v("1.9") },
  MigrationPriorityQueue: { alpha: v("1.7"), beta: v("1.8"), ga: v("1.9") },
  LiveUpdateNADRef: { beta: v("1.8"), ga: v("1.9") },
  VmiMemoryOverheadReport: { alpha: v("1.8"), beta: v("1.9"), ga: v("1.10") },
  LibvirtHooksServerAndClient: { alpha: v("1.8"), beta: v("1.9"), ga: v("1.10") },
  Snapshot: { alpha: v("0.30"), beta: v("1.3") },
  HotplugVolumes: { alpha: v("0.36"), deprecated: v("1.9") },
  DeclarativeHotplugVolumes: { alpha: v("1.6"), beta: v("1.9") },
  DecentralizedLiveMigration: { alpha: v("1.6"), beta: v("1.10") },
  ImageVolume: { alpha: v("1.6"), beta: v("1.7") },
  NodeRestriction: { alpha: v("1.3"), beta: v("1.6") },
  WorkloadEncryptionSEV: { alpha: v("0.49"), beta: v("1.9") },
  GPUsWithDRA: { alpha: v("1.6"), beta: v("1.9") },
  HostDevicesWithDRA: { alpha: v("1.6"), beta: v("1.9") },
  Template: { alpha: v("1.8"), beta: v("1.9") },
  ObjectGraph: { alpha: v("1.6") },
  UtilityVolumes: { alpha: v("1.7") },
  IncrementalBackup: { alpha: v("1.6") },
  MultiArchitecture: { alpha: v("1.0"), deprecated: v("1.8") },
  DisableMDEVConfiguration: { alpha: v("1.0"), deprecated: v("1.8") },
  ExperimentalVirtiofsSupport: { discontinued: v("1.7") },
};

export type GateState = "Alpha" | "Beta" | "GA" | "Deprecated" | "Discontinued" | "Unknown";

export function gateState(gate: string, version: number): GateState {
  const h = GATES[gate];
  if (!h) return "Unknown";
  if (h.discontinued !== undefined && version >= h.discontinued) return "Discontinued";
  if (h.ga !== undefined && version >= h.ga) return "GA";
  if (h.deprecated !== undefined && version >= h.deprecated) return "Deprecated";
  if (h.beta !== undefined && version >= h.beta) return "Beta";
  return "Alpha";
}

/** Whether `gate` is in effect for a KubeVirt of `version` with the given CR gate lists. */
export function isGateEnabled(
  gate: string,
  version: string,
  enabled: string[],
  disabled: string[] = [],
): boolean {
  const ver = parseKubeVirtVersion(version);
  const state = gateState(gate, ver);
  if (state === "GA") return true;
  if (state === "Discontinued") return false;
  if (enabled.includes(gate)) return true;
  if (ver >= v("1.9")) {
    if (disabled.includes(gate)) return false;
    return state === "Beta";
  }
  return false;
}
