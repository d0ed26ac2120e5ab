/**
 * VM snapshots and restores (KubeVirt `snapshot.kubevirt.io` VirtualMachineSnapshot / VirtualMachineRestore,
 * KUBEVIRT-API §4.5). Values are ours; the mapper translates the KubeVirt phases.
 */

/** VirtualMachineSnapshot `status.phase`; an empty or unrecognised phase maps to UNKNOWN. */
export const SnapshotStatus = {
  IN_PROGRESS: "IN_PROGRESS",
  SUCCEEDED: "SUCCEEDED",
  FAILED: "FAILED",
  DELETING: "DELETING",
  UNKNOWN: "UNKNOWN",
} as const;

export type SnapshotStatus = (typeof SnapshotStatus)[keyof typeof SnapshotStatus];

export interface Snapshot {
  name: string;
  namespace: string;
  cluster: string;
  sourceVm: string;
  status: SnapshotStatus;
  createdAt: Date;
  /** True once the snapshot can be restored from; SUCCEEDED alone does not guarantee it. */
  readyToUse: boolean;
  sizeBytes?: number;
  /** English detail from `status.error` or a failing condition. */
  errorMessage?: string;
}

/**
 * VirtualMachineRestore has no phase, only `status.complete` and conditions; the mapper derives this from them
 * (complete → SUCCEEDED, a Failure condition → FAILED, otherwise IN_PROGRESS).
 */
export const RestoreStatus = {
  IN_PROGRESS: "IN_PROGRESS",
  SUCCEEDED: "SUCCEEDED",
  FAILED: "FAILED",
  UNKNOWN: "UNKNOWN",
} as const;

export type RestoreStatus = (typeof RestoreStatus)[keyof typeof RestoreStatus];

/** A VirtualMachineRestore: restoring `snapshotName` into `targetVm`. */
export interface Restore {
  name: string;
  namespace: string;
  cluster: string;
  targetVm: string;
  snapshotName: string;
  complete: boolean;
  status: RestoreStatus;
  createdAt: Date;
  errorMessage?: string;
}
