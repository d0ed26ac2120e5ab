/**
 * A Kubernetes Event about one of a VM's KubeVirt objects (the VM, its VMI, migrations, snapshots, restores,
 * clones), as recorded by virt-controller and virt-handler and cached by the worker (issue 12).
 */

export type KubeEventType = "Normal" | "Warning";

export interface KubeEvent {
  type: KubeEventType;
  /** KubeVirt's machine-readable reason, e.g. `SuccessfulCreate`, `Started`, `FailedMigration`. */
  reason: string;
  /** English, as the component wrote it. */
  message: string;
  involvedObject: { kind: string; name: string; namespace: string };
  /** How many times the same reason and message were recorded for the object (client-go aggregation). */
  count: number;
  firstSeen?: Date;
  lastSeen?: Date;
}
