import type { Environment } from "./environment";

/**
 * Health of a cluster as the health checker last saw it (SPEC §13). Network, TLS, auth or timeout failures
 * are UNREACHABLE; an API that answers but lacks a working KubeVirt is UNHEALTHY (§25 #20).
 */
export const ClusterStatus = {
  UNKNOWN: "UNKNOWN",
  HEALTHY: "HEALTHY",
  UNHEALTHY: "UNHEALTHY",
  UNREACHABLE: "UNREACHABLE",
} as const;

export type ClusterStatus = (typeof ClusterStatus)[keyof typeof ClusterStatus];

/**
 * A registered cluster as the rest of the product sees it. Deliberately has no kubeconfig or key id:
 * credentials never leave server/k8s.
 */
export interface Cluster {
  id: string;
  /** Unique, ≤ 63 characters. */
  name: string;
  displayName: string;
  apiServerUrl: string;
  environment: Environment;
  status: ClusterStatus;
  /** English reason for the last non-HEALTHY status, for logs and admin detail. */
  statusReason?: string;
  enabled: boolean;
  /** As detected (e.g. "v1.7.0"); compare only after normalising to semver. */
  kubevirtVersion?: string;
  /** Explicit feature gates merged with the ones GA at the detected version. */
  enabledFeatures: string[];
  storageClasses: string[];
  defaultStorageClass?: string;
  lastCheckedAt?: Date;
  createdAt: Date;
}
