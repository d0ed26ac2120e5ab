/**
 * KubeVirt instancetypes and preferences (`instancetype.kubevirt.io`, KUBEVIRT-API §4.7). Not to be confused
 * with Shepherd's own InstanceSize (SPEC §5.5), which is a database entity.
 */

export interface InstanceType {
  name: string;
  /** Absent for a cluster-scoped VirtualMachineClusterInstancetype. */
  namespace?: string;
  cpu: number;
  memoryMb: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface Preference {
  name: string;
  /** Absent for a cluster-scoped VirtualMachineClusterPreference. */
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
