/**
 * The feature-gate graduation table of KUBEVIRT-API.md §4.9: for each gate, the minor release at which it was
 * registered in each state. Data, not code: review it on every KubeVirt minor release (SPEC §14.2). A state
 * holds from its release on until a later state's release.
 */
import { minorOrdinalOf } from "./kubevirt-version";

export type GateState = "Alpha" | "Beta" | "GA" | "Deprecated" | "Discontinued";

export interface GateGraduation {
  alpha?: string;
  beta?: string;
  /** GA, or "always on" in the pre-1.5 vocabulary (deprecatedFeatureGates / deprecation.GA). */
  ga?: string;
  deprecated?: string;
  discontinued?: string;
}

export const GATE_GRADUATION: Readonly<Record<string, GateGraduation>> = {
  LiveMigration: { ga: "0.56" },
  SRIOVLiveMigration: { ga: "0.57" },
  NonRoot: { ga: "0.59" },
  PSA: { ga: "0.59" },
  CPUNodeDiscovery: { ga: "1.1" },
  NUMA: { ga: "1.4" },
  GPU: { ga: "1.4" },
  HotplugNICs: { alpha: "1.1", beta: "1.3", ga: "1.4" },
  BochsDisplayForEFIGuests: { ga: "1.4" },
  CommonInstancetypesDeploymentGate: { alpha: "1.1", beta: "1.2", ga: "1.4" },
  VMLiveUpdateFeatures: { ga: "1.5" },
  NetworkBindingPlugins: { alpha: "1.1", beta: "1.4", ga: "1.5" },
  DynamicPodInterfaceNaming: { beta: "1.4", ga: "1.5" },
  VolumesUpdateStrategy: { ga: "1.5" },
  VolumeMigration: { alpha: "1.3", ga: "1.5" },
  AutoResourceLimitsGate: { ga: "1.5" },
  DisableCustomSELinuxPolicy: { ga: "1.5" },
  ClusterProfiler: { ga: "1.6" },
  VMPersistentState: { ga: "1.6" },
  InstancetypeReferencePolicy: { alpha: "1.4", beta: "1.5", ga: "1.6" },
  EnableVirtioFsConfigVolumes: { alpha: "1.5", beta: "1.6", ga: "1.8" },
  VMExport: { alpha: "0.55", beta: "1.3", ga: "1.9" },
  // The v1.8 doc comment says GA, but v1.8.x code still registers it Alpha.
  ExpandDisks: { alpha: "0.48", ga: "1.9" },
  PersistentReservation: { alpha: "1.0", ga: "1.9" },
  VideoConfig: { alpha: "1.6", beta: "1.7", ga: "1.9" },
  PanicDevices: { alpha: "1.6", beta: "1.7", ga: "1.9" },
  SecureExecution: { alpha: "1.6", beta: "1.7", ga: "1.9" },
  MigrationPriorityQueue: { alpha: "1.7", beta: "1.8", ga: "1.9" },
  LiveUpdateNADRef: { beta: "1.8", ga: "1.9" },
  VmiMemoryOverheadReport: { alpha: "1.8", beta: "1.9", ga: "1.10" },
  LibvirtHooksServerAndClient: { alpha: "1.8", beta: "1.9", ga: "1.10" },
  // Still Beta at v1.9: on by default only from v1.9, explicit before.
  Snapshot: { alpha: "0.30", beta: "1.3" },
  HotplugVolumes: { alpha: "0.36", deprecated: "1.9" },
  DeclarativeHotplugVolumes: { alpha: "1.6", beta: "1.9" },
  DecentralizedLiveMigration: { alpha: "1.6", beta: "1.10" },
  ImageVolume: { alpha: "1.6", beta: "1.7" },
  NodeRestriction: { alpha: "1.3", beta: "1.6" },
  WorkloadEncryptionSEV: { alpha: "0.49", beta: "1.9" },
  GPUsWithDRA: { alpha: "1.6", beta: "1.9" },
  HostDevicesWithDRA: { alpha: "1.6", beta: "1.9" },
  Template: { alpha: "1.8", beta: "1.9" },
  ObjectGraph: { alpha: "1.6" },
  UtilityVolumes: { alpha: "1.7" },
  IncrementalBackup: { alpha: "1.6" },
  MultiArchitecture: { alpha: "1.0", deprecated: "1.8" },
  DisableMDEVConfiguration: { alpha: "1.0", deprecated: "1.8" },
  DockerSELinuxMCSWorkaround: { deprecated: "1.4" },
  ExperimentalVirtiofsSupport: { discontinued: "1.7" },
  Passt: { discontinued: "1.3" },
  Macvtap: { discontinued: "1.3" },
  PasstIPStackMigration: { discontinued: "1.6" },
};

/** Gate names as KubeVirt spells them, in table order. */
export const KNOWN_GATES: readonly string[] = Object.keys(GATE_GRADUATION);

/**
 * The state `gate` is registered in at the minor release `ordinal` (kubevirt-version.ts minorOrdinal);
 * undefined for a gate the table does not know. Before its first recorded state a gate counts as Alpha
 * (explicit opt-in), which is how KubeVirt treats any gate it has not graduated.
 */
export function gateStateAt(gate: string, ordinal: number): GateState | undefined {
  const h = GATE_GRADUATION[gate];
  if (!h) return undefined;
  const reached = (literal: string | undefined) =>
    literal !== undefined && ordinal >= minorOrdinalOf(literal);
  if (reached(h.discontinued)) return "Discontinued";
  if (reached(h.ga)) return "GA";
  if (reached(h.deprecated)) return "Deprecated";
  if (reached(h.beta)) return "Beta";
  return "Alpha";
}

/** Every minor release the table mentions, ascending (the points where some gate changes state). */
export function graduationPoints(): number[] {
  const points = new Set<number>();
  for (const h of Object.values(GATE_GRADUATION)) {
    for (const literal of [h.alpha, h.beta, h.ga, h.deprecated, h.discontinued]) {
      if (literal !== undefined) points.add(minorOrdinalOf(literal));
    }
  }
  return [...points].sort((a, b) => a - b);
}
