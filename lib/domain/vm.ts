/**
 * Virtual machine domain types (SPEC §5.1–§5.4). Providers return these, never KubeVirt wire objects;
 * pages and services see only these (ARCHITECTURE rule 1).
 */

/**
 * The 10-value VM status shared by the provider, the `vms.status` column and the API.
 * CREATING…FAILED are lifecycle states; PENDING, MIGRATING, PAUSED and UNKNOWN are runtime states that only
 * the mapper derives from the cluster — the lifecycle never writes them (§25 #7).
 * Not valid: ERROR (renamed FAILED) and DELETED (rows are hard-deleted).
 */
export const VMStatus = {
  CREATING: "CREATING",
  RUNNING: "RUNNING",
  STOPPING: "STOPPING",
  STOPPED: "STOPPED",
  DELETING: "DELETING",
  FAILED: "FAILED",
  PENDING: "PENDING",
  MIGRATING: "MIGRATING",
  PAUSED: "PAUSED",
  UNKNOWN: "UNKNOWN",
} as const;

export type VMStatus = (typeof VMStatus)[keyof typeof VMStatus];

export interface VM {
  /** Database id; empty when the provider built the object straight from the cluster. */
  id: string;
  /** Platform-generated `{namespace}-{system}-{service}-{index}` (SPEC §3); adopted VMs keep their own. */
  name: string;
  namespace: string;
  /** Cluster id, as passed to the provider call. */
  cluster: string;
  serviceId?: string;
  /** Instance number as a zero-padded string ("01"); may grow to 3 digits (§25 #37). */
  instance?: string;
  cpu: number;
  memoryMb: number;
  diskGb?: number;
  template?: string;
  image?: string;
  status: VMStatus;
  /** English detail from printableStatus / failing conditions; shown as-is, never translated. */
  statusMessage?: string;
  /**
   * Machine-readable cause behind `statusMessage` (a KubeVirt condition reason such as `ErrImagePull`,
   * `Unschedulable`, `ManualRecoveryRequired`, or the printableStatus itself); absent when nothing is wrong.
   */
  statusReason?: string;
  /**
   * KubeVirt's `status.printableStatus`, verbatim. Kept for every VM that reports one — in particular for values
   * this build does not know, which map to `UNKNOWN`.
   */
  rawStatus?: string;
  /** `spec.runStrategy`, or `Always`/`Halted` derived from the deprecated `spec.running`. */
  runStrategy?: string;
  /** First interface's IP of the running instance, if any. */
  ip?: string;
  nodeName?: string;
  createdAt: Date;
  updatedAt?: Date;
  startedAt?: Date;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  spec?: VMSpec;
  /** The KubeVirt instancetype the VM references (`spec.instancetype`); cpu/memoryMb then come from it. */
  instanceType?: VMResourceRef;
  /** The KubeVirt preference the VM references (`spec.preference`). */
  preference?: VMResourceRef;
  /** Platform governance read from the `kubevirt-shepherd.io/*` labels (SPEC §4); absent for unlabelled VMs. */
  governance?: VMGovernance;
}

/** A reference to a KubeVirt instancetype or preference; `kind` defaults to the cluster-scoped kind. */
export interface VMResourceRef {
  kind: string;
  name: string;
}

/** The SPEC §4 labels, one field per key; each is absent when its label is missing or empty. */
export interface VMGovernance {
  /** True when `kubevirt-shepherd.io/managed-by` is `kubevirt-shepherd`. */
  managed: boolean;
  system?: string;
  service?: string;
  /** Zero-padded instance number ("01"). */
  instance?: string;
  ticketId?: string;
  createdBy?: string;
  hostname?: string;
}

/**
 * What the platform asks the provider to build (SPEC §5.3). This is NOT the user's request: name and labels
 * are platform-generated, and users can never submit them (`INVALID_REQUEST_FIELD`).
 */
export interface VMSpec {
  name: string;
  /** vCPUs; also the CPU limit. Must be > 0. */
  cpu: number;
  /** Memory in MiB; also the memory limit. Must be > 0. */
  memoryMb: number;
  /** Size of an extra empty data disk; absent or 0 means none. */
  diskGb?: number;
  /** containerDisk image, or `pvc:<claimName>` for a PVC root disk. */
  image: string;
  /** The canonical `kubevirt-shepherd.io/*` label set (SPEC §4), plus any extra platform labels. */
  labels: Record<string, string>;
  /** CPU request when overcommitted; absent means request = limit (Guaranteed QoS). */
  cpuRequest?: number;
  /** Memory request in MiB when overcommitted; absent means request = limit. */
  memoryRequestMb?: number;
  /** Storage class for provisioned disks; absent means the cluster default. */
  storageClass?: string;
  /** InstanceSize overrides: dotted paths (or a nested object) rooted at `spec.`; any other root is refused. */
  specOverrides?: Record<string, unknown>;
}

/** One page of VMs. `total` counts the items of this page when the cluster does not report a total. */
export interface VMList {
  items: VM[];
  total: number;
  /** Opaque Kubernetes continue token for the next page; absent on the last page. */
  continue?: string;
}

/** Kubernetes list paging and filtering, passed through unchanged (they are not the API's page/per_page). */
export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
}
