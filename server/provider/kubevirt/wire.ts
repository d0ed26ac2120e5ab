/**
 * KubeVirt wire types: the shapes of the objects on the Kubernetes API, reduced to the fields Shepherd reads
 * (from the KubeVirt OpenAPI; KUBEVIRT-API.md §4). Only `server/provider/kubevirt/` may import this file
 * (ARCHITECTURE rule 1); everything outside it sees `lib/domain` types.
 *
 * These describe what a well-formed object looks like, which is what a manifest builder writes. The mapper
 * never trusts them when reading: every field is optional, and it reads objects through `Unsafe<T>`
 * (selectors.ts), which keeps the field names checked but types every value as `unknown`.
 */

/** A Kubernetes resource quantity: "2Gi", "512Mi", "1500M", "500m", "2", or a plain JSON number. */
export type Quantity = string | number;

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  finalizers?: string[];
  ownerReferences?: OwnerReference[];
}

export interface OwnerReference {
  apiVersion?: string;
  kind?: string;
  name?: string;
  uid?: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

/** A KubeVirt condition (VM, VMI, VMIM, snapshot, restore, clone). `status` is "True" | "False" | "Unknown". */
export interface Condition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
  lastProbeTime?: string | null;
  lastTransitionTime?: string | null;
}

/** Fields every top-level object shares. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
}

// ---------------------------------------------------------------------------------------------------------
// kubevirt.io/v1 VirtualMachine
// ---------------------------------------------------------------------------------------------------------

/** KUBEVIRT-API §4.1; an open string because newer releases add values (WaitingForReceiver in v1.6). */
export type PrintableStatus =
  | "Stopped"
  | "Provisioning"
  | "Starting"
  | "Running"
  | "Paused"
  | "Stopping"
  | "Terminating"
  | "CrashLoopBackOff"
  | "Migrating"
  | "Unknown"
  | "ErrorUnschedulable"
  | "ErrImagePull"
  | "ImagePullBackOff"
  | "ErrorPvcNotFound"
  | "DataVolumeError"
  | "WaitingForVolumeBinding"
  | "WaitingForReceiver"
  | "ErrorDataVolumeNotFound"
  | (string & {});

/** KUBEVIRT-API §4.2. */
export type RunStrategy =
  | "Always"
  | "Halted"
  | "Manual"
  | "RerunOnFailure"
  | "Once"
  | "WaitAsReceiver"
  | (string & {});

/** `spec.instancetype` / `spec.preference`; an empty kind means the cluster-scoped kind. */
export interface InstancetypeMatcher {
  name?: string;
  kind?: string;
  revisionName?: string;
  inferFromVolume?: string;
  inferFromVolumeFailurePolicy?: string;
}

export interface CPU {
  cores?: number;
  sockets?: number;
  threads?: number;
  maxSockets?: number;
  model?: string;
}

export interface Memory {
  guest?: Quantity;
  maxGuest?: Quantity;
  hugepages?: { pageSize?: string };
}

export interface ResourceRequirements {
  requests?: Record<string, Quantity>;
  limits?: Record<string, Quantity>;
  overcommitGuestOverhead?: boolean;
}

export interface Disk {
  name?: string;
  bootOrder?: number;
  disk?: { bus?: string };
  cdrom?: { bus?: string };
}

export interface Interface {
  name?: string;
  model?: string;
  macAddress?: string;
  masquerade?: Record<string, never>;
  bridge?: Record<string, never>;
  sriov?: Record<string, never>;
}

export interface DomainSpec {
  cpu?: CPU;
  memory?: Memory;
  resources?: ResourceRequirements;
  devices?: {
    disks?: Disk[];
    interfaces?: Interface[];
    gpus?: { name?: string; deviceName?: string }[];
  };
  firmware?: Record<string, unknown>;
  machine?: { type?: string };
}

export interface Network {
  name?: string;
  pod?: { vmNetworkCIDR?: string };
  multus?: { networkName?: string; default?: boolean };
}

export interface Volume {
  name?: string;
  containerDisk?: { image?: string; imagePullPolicy?: string };
  persistentVolumeClaim?: { claimName?: string; readOnly?: boolean };
  dataVolume?: { name?: string };
  emptyDisk?: { capacity?: Quantity };
  cloudInitNoCloud?: { userData?: string; userDataBase64?: string; networkData?: string };
}

export interface VirtualMachineInstanceSpec {
  domain?: DomainSpec;
  networks?: Network[];
  volumes?: Volume[];
  nodeSelector?: Record<string, string>;
  terminationGracePeriodSeconds?: number;
  evictionStrategy?: string;
}

export interface VirtualMachineInstanceTemplateSpec {
  metadata?: Pick<ObjectMeta, "labels" | "annotations">;
  spec?: VirtualMachineInstanceSpec;
}

export interface DataVolumeTemplateSpec {
  metadata?: Pick<ObjectMeta, "name" | "labels" | "annotations">;
  spec?: {
    source?: Record<string, unknown>;
    sourceRef?: { kind?: string; name?: string; namespace?: string };
    storage?: { storageClassName?: string; resources?: ResourceRequirements; accessModes?: string[] };
    pvc?: { storageClassName?: string; resources?: ResourceRequirements; accessModes?: string[] };
  };
}

export interface VirtualMachineSpec {
  /** Deprecated since v1.4; mutually exclusive with runStrategy. Read it, never write it. */
  running?: boolean;
  runStrategy?: RunStrategy;
  instancetype?: InstancetypeMatcher;
  preference?: InstancetypeMatcher;
  template?: VirtualMachineInstanceTemplateSpec;
  dataVolumeTemplates?: DataVolumeTemplateSpec[];
}

export interface VirtualMachineStatus {
  printableStatus?: PrintableStatus;
  created?: boolean;
  ready?: boolean;
  runStrategy?: RunStrategy;
  conditions?: Condition[];
  startFailure?: { consecutiveFailCount?: number; retryAfterTimestamp?: string; lastFailedVMIUID?: string };
  desiredGeneration?: number;
  observedGeneration?: number;
}

export interface VirtualMachine extends KubeObject {
  spec?: VirtualMachineSpec;
  status?: VirtualMachineStatus;
}

// ---------------------------------------------------------------------------------------------------------
// kubevirt.io/v1 VirtualMachineInstance
// ---------------------------------------------------------------------------------------------------------

export type VMIPhaseWire =
  | ""
  | "Pending"
  | "Scheduling"
  | "Scheduled"
  | "Running"
  | "Succeeded"
  | "Failed"
  | "WaitingForSync"
  | "Unknown"
  | (string & {});

export interface VMINetworkInterface {
  name?: string;
  interfaceName?: string;
  ipAddress?: string;
  ipAddresses?: string[];
  mac?: string;
  infoSource?: string;
}

export interface VMIGuestOSInfo {
  name?: string;
  prettyName?: string;
  version?: string;
  versionId?: string;
  kernelRelease?: string;
  kernelVersion?: string;
  machine?: string;
  id?: string;
}

export interface VMIMigrationState {
  migrationUid?: string;
  sourceNode?: string;
  targetNode?: string;
  targetPod?: string;
  mode?: string;
  startTimestamp?: string;
  endTimestamp?: string;
  completed?: boolean;
  failed?: boolean;
  abortStatus?: string;
  failureReason?: string;
}

export interface VirtualMachineInstanceStatus {
  phase?: VMIPhaseWire;
  reason?: string;
  nodeName?: string;
  conditions?: Condition[];
  interfaces?: VMINetworkInterface[];
  guestOSInfo?: VMIGuestOSInfo;
  migrationState?: VMIMigrationState;
  phaseTransitionTimestamps?: { phase?: string; phaseTransitionTimestamp?: string }[];
  qosClass?: string;
}

export interface VirtualMachineInstance extends KubeObject {
  spec?: VirtualMachineInstanceSpec;
  status?: VirtualMachineInstanceStatus;
}

// ---------------------------------------------------------------------------------------------------------
// kubevirt.io/v1 VirtualMachineInstanceMigration (§4.4)
// ---------------------------------------------------------------------------------------------------------

export interface VirtualMachineInstanceMigration extends KubeObject {
  spec?: {
    vmiName?: string;
    addedNodeSelector?: Record<string, string>;
    priority?: string;
  };
  status?: {
    phase?: string;
    conditions?: Condition[];
    migrationState?: VMIMigrationState;
    phaseTransitionTimestamps?: { phase?: string; phaseTransitionTimestamp?: string }[];
  };
}

// ---------------------------------------------------------------------------------------------------------
// snapshot.kubevirt.io/v1beta1 (§4.5) and clone.kubevirt.io/v1beta1 (§4.6)
// ---------------------------------------------------------------------------------------------------------

export interface TypedLocalObjectReference {
  apiGroup?: string;
  kind?: string;
  name?: string;
}

export interface VirtualMachineSnapshot extends KubeObject {
  spec?: {
    source?: TypedLocalObjectReference;
    deletionPolicy?: string;
    failureDeadline?: string;
  };
  status?: {
    phase?: string;
    readyToUse?: boolean;
    creationTime?: string;
    error?: { message?: string; time?: string };
    conditions?: Condition[];
    indications?: string[];
    sourceUID?: string;
    virtualMachineSnapshotContentName?: string;
  };
}

export interface VirtualMachineRestore extends KubeObject {
  spec?: {
    target?: TypedLocalObjectReference;
    virtualMachineSnapshotName?: string;
    targetReadinessPolicy?: string;
    volumeRestorePolicy?: string;
  };
  status?: {
    complete?: boolean;
    restoreTime?: string;
    conditions?: Condition[];
    deletedDataVolumes?: string[];
  };
}

export interface VirtualMachineClone extends KubeObject {
  spec?: {
    source?: TypedLocalObjectReference;
    target?: TypedLocalObjectReference;
    newMacAddresses?: Record<string, string>;
    labelFilters?: string[];
    annotationFilters?: string[];
  };
  status?: {
    phase?: string;
    snapshotName?: string;
    restoreName?: string;
    targetName?: string;
    creationTime?: string;
    conditions?: Condition[];
  };
}

// ---------------------------------------------------------------------------------------------------------
// instancetype.kubevirt.io/v1beta1 (§4.7)
// ---------------------------------------------------------------------------------------------------------

export interface InstancetypeSpec {
  cpu?: { guest?: number; model?: string; dedicatedCPUPlacement?: boolean };
  memory?: { guest?: Quantity; hugepages?: { pageSize?: string }; overcommitPercent?: number };
  gpus?: { name?: string; deviceName?: string }[];
}

/** Namespaced `VirtualMachineInstancetype`; the cluster-scoped kind has the same shape without a namespace. */
export interface VirtualMachineInstancetype extends KubeObject {
  spec?: InstancetypeSpec;
}

export type VirtualMachineClusterInstancetype = VirtualMachineInstancetype;

export interface VirtualMachinePreference extends KubeObject {
  spec?: {
    cpu?: { preferredCPUTopology?: string };
    devices?: { preferredDiskBus?: string; preferredInterfaceModel?: string };
    firmware?: Record<string, unknown>;
  };
}

export type VirtualMachineClusterPreference = VirtualMachinePreference;
