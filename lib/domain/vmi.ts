/**
 * Running VM instances (KubeVirt VirtualMachineInstance, KUBEVIRT-API §4.1). Providers return these, never
 * KubeVirt wire objects (ARCHITECTURE rule 1).
 */

/**
 * One value per KubeVirt VMI phase. The unset phase ("") and KubeVirt's own `Unknown` both map to UNKNOWN,
 * as does any phase this build does not know. WAITING_FOR_SYNC exists only on the receiving side of a
 * decentralised (cross-cluster) migration.
 */
export const VMIPhase = {
  PENDING: "PENDING",
  SCHEDULING: "SCHEDULING",
  SCHEDULED: "SCHEDULED",
  RUNNING: "RUNNING",
  SUCCEEDED: "SUCCEEDED",
  FAILED: "FAILED",
  WAITING_FOR_SYNC: "WAITING_FOR_SYNC",
  UNKNOWN: "UNKNOWN",
} as const;

export type VMIPhase = (typeof VMIPhase)[keyof typeof VMIPhase];

/** One entry of VMI `status.interfaces`. */
export interface VMIInterface {
  name?: string;
  /** Primary address of the interface. */
  ip?: string;
  /** All addresses of the interface (IPv4 and IPv6), primary first. */
  ips: string[];
  mac?: string;
}

/** A VMI (or VM) condition, as reported by KubeVirt; `status` is "True", "False" or "Unknown". */
export interface VMICondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

/** From VMI `status.guestOSInfo`; only present while the guest agent is connected. */
export interface VMIGuestOS {
  name?: string;
  version?: string;
  kernel?: string;
  id?: string;
}

/** Summary of VMI `status.migrationState` (the latest migration of this instance). */
export interface VMIMigrationState {
  sourceNode?: string;
  targetNode?: string;
  completed: boolean;
  failed: boolean;
  startedAt?: Date;
  endedAt?: Date;
  /** UID of the VirtualMachineInstanceMigration that drove it (KubeVirt reports no name here). */
  migrationUid?: string;
  /** KubeVirt's failure reason when `failed`. */
  failureReason?: string;
}

export interface VMI {
  name: string;
  namespace: string;
  /** Cluster id, as passed to the provider call. */
  cluster: string;
  phase: VMIPhase;
  /** The raw KubeVirt phase when it did not map to a known value (phase is then UNKNOWN). */
  rawPhase?: string;
  nodeName?: string;
  /** Every address of every interface, de-duplicated, in interface order. */
  ips: string[];
  interfaces: VMIInterface[];
  conditions: VMICondition[];
  guestOS?: VMIGuestOS;
  migrationState?: VMIMigrationState;
  createdAt: Date;
  labels?: Record<string, string>;
}
