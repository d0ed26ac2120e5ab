/**
 * The outcome of one health check of one cluster (SPEC §13, §25 #20). `reason` carries a machine code (the
 * UI translates it) and an English detail (logs, admin detail); `clusters.status_reason` stores both as
 * "CODE: detail".
 */
import type { ClusterStatus } from "./cluster";
import type { ClusterCapabilities } from "./cluster-capabilities";

export const HealthReasonCode = {
  // UNREACHABLE: the API server cannot be talked to.
  API_UNREACHABLE: "API_UNREACHABLE",
  API_TLS_FAILED: "API_TLS_FAILED",
  API_UNAUTHORIZED: "API_UNAUTHORIZED",
  API_TIMEOUT: "API_TIMEOUT",
  CREDENTIALS_UNUSABLE: "CREDENTIALS_UNUSABLE",
  // UNHEALTHY: the API answers, KubeVirt does not work.
  API_ERROR: "API_ERROR",
  API_FORBIDDEN: "API_FORBIDDEN",
  KUBEVIRT_NOT_INSTALLED: "KUBEVIRT_NOT_INSTALLED",
  KUBEVIRT_CR_MISSING: "KUBEVIRT_CR_MISSING",
  KUBEVIRT_DELETING: "KUBEVIRT_DELETING",
  KUBEVIRT_NOT_AVAILABLE: "KUBEVIRT_NOT_AVAILABLE",
  KUBEVIRT_DEGRADED: "KUBEVIRT_DEGRADED",
  VIRT_API_UNAVAILABLE: "VIRT_API_UNAVAILABLE",
  // Warnings only.
  VERSION_UNREADABLE: "VERSION_UNREADABLE",
  VERSION_NOT_SEMVER: "VERSION_NOT_SEMVER",
  MULTIPLE_KUBEVIRT_CRS: "MULTIPLE_KUBEVIRT_CRS",
  KUBEVIRT_PROGRESSING: "KUBEVIRT_PROGRESSING",
  DISABLED_GATES_IGNORED: "DISABLED_GATES_IGNORED",
  FEATURES_UNCERTAIN: "FEATURES_UNCERTAIN",
  DRY_RUN_UNDECIDED: "DRY_RUN_UNDECIDED",
  DETECTION_PARTIAL: "DETECTION_PARTIAL",
  NO_SCHEDULABLE_NODES: "NO_SCHEDULABLE_NODES",
  NO_DEFAULT_STORAGE_CLASS: "NO_DEFAULT_STORAGE_CLASS",
  MULTIPLE_DEFAULT_STORAGE_CLASSES: "MULTIPLE_DEFAULT_STORAGE_CLASSES",
  VOLUME_SNAPSHOTS_UNAVAILABLE: "VOLUME_SNAPSHOTS_UNAVAILABLE",
} as const;

export type HealthReasonCode = (typeof HealthReasonCode)[keyof typeof HealthReasonCode];

export interface HealthReason {
  code: HealthReasonCode;
  /** English, for logs and the admin detail view; never carries credentials. */
  detail: string;
}

/** A checked status: UNKNOWN is only the state before the first check. */
export type CheckedClusterStatus = Exclude<ClusterStatus, "UNKNOWN">;

export interface HealthCheckResult {
  status: CheckedClusterStatus;
  /** Why the status is not HEALTHY; absent when HEALTHY. */
  reason?: HealthReason;
  /** KubeVirt version as detected; absent when unreadable (a warning, not a failure). */
  version?: string;
  warnings: HealthReason[];
  /** Absent when the cluster could not be talked to: the previous detection stays valid. */
  capabilities?: ClusterCapabilities;
  checkedAt: Date;
  durationMs: number;
}

export function formatStatusReason(reason: HealthReason): string {
  return `${reason.code}: ${reason.detail}`;
}

/** The reason stored in `clusters.status_reason`; a text without a known code is all detail. */
export function parseStatusReason(text: string): { code?: HealthReasonCode; detail: string } {
  const m = /^([A-Z_]+): ([\s\S]*)$/.exec(text);
  const code = m?.[1];
  if (m && code && code in HealthReasonCode) return { code: code as HealthReasonCode, detail: m[2] ?? "" };
  return { detail: text };
}
