/**
 * VM clones (KubeVirt `clone.kubevirt.io` VirtualMachineClone, KUBEVIRT-API §4.6). A clone copies either a
 * VirtualMachine or a VirtualMachineSnapshot into a new VM; KubeVirt implements it as snapshot + restore.
 */

export const CloneSourceKind = {
  VM: "VM",
  SNAPSHOT: "snapshot",
} as const;

export type CloneSourceKind = (typeof CloneSourceKind)[keyof typeof CloneSourceKind];

/** VirtualMachineClone `status.phase`; an unset phase ("") maps to PENDING, an unrecognised one to UNKNOWN. */
export const CloneStatus = {
  PENDING: "PENDING",
  SNAPSHOT_IN_PROGRESS: "SNAPSHOT_IN_PROGRESS",
  CREATING_TARGET_VM: "CREATING_TARGET_VM",
  RESTORE_IN_PROGRESS: "RESTORE_IN_PROGRESS",
  SUCCEEDED: "SUCCEEDED",
  FAILED: "FAILED",
  UNKNOWN: "UNKNOWN",
} as const;

export type CloneStatus = (typeof CloneStatus)[keyof typeof CloneStatus];

export interface Clone {
  name: string;
  namespace: string;
  cluster: string;
  source: { kind: CloneSourceKind; name: string };
  /** The VM being created; it exists only once the clone reaches CREATING_TARGET_VM. */
  targetVm: string;
  status: CloneStatus;
  createdAt: Date;
  errorMessage?: string;
}
