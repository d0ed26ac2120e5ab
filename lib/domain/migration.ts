/**
 * Live migrations (KubeVirt VirtualMachineInstanceMigration, KUBEVIRT-API §4.4).
 */

/**
 * One value per KubeVirt migration phase, in the order a migration passes through them.
 * The unset phase ("") maps to PENDING; a phase this build does not know maps to UNKNOWN.
 */
export const MigrationPhase = {
  PENDING: "PENDING",
  SCHEDULING: "SCHEDULING",
  SCHEDULED: "SCHEDULED",
  PREPARING_TARGET: "PREPARING_TARGET",
  TARGET_READY: "TARGET_READY",
  RUNNING: "RUNNING",
  /** Decentralised (cross-cluster) migration only. */
  WAITING_FOR_SYNC: "WAITING_FOR_SYNC",
  /** Decentralised (cross-cluster) migration only. */
  SYNCHRONIZING: "SYNCHRONIZING",
  SUCCEEDED: "SUCCEEDED",
  FAILED: "FAILED",
  UNKNOWN: "UNKNOWN",
} as const;

export type MigrationPhase = (typeof MigrationPhase)[keyof typeof MigrationPhase];

export interface Migration {
  /** The VirtualMachineInstanceMigration name (generated, `kubevirt-migrate-vm-…`). */
  name: string;
  namespace: string;
  cluster: string;
  vmName: string;
  status: MigrationPhase;
  /** Known once KubeVirt reports the migration state. */
  sourceNode?: string;
  targetNode?: string;
  createdAt: Date;
  completedAt?: Date;
  errorMessage?: string;
}
