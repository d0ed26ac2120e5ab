/**
 * The JSON the admin cluster API (`/api/v1/admin/clusters…`) returns and the clusters page reads: snake_case
 * wire shapes (SPEC §21), built from the cluster row, its health history and the watcher/cache bookkeeping by
 * server/clusters/cluster-view-model.ts. Never carries a kubeconfig, a token or a key id.
 */
import type { ClusterStatus } from "@/lib/domain/cluster";
import type { HealthReasonCode } from "@/lib/domain/cluster-health";
import type { Environment } from "@/lib/domain/environment";
import type { PaginationView } from "@/lib/pagination";

/** A reason as stored ("CODE: detail"): the UI translates `code`, shows `detail` as-is (English). */
export interface ReasonView {
  code: HealthReasonCode | null;
  detail: string;
}

/** Watcher state of the cluster, summarised over its six ResourceWatchers (from cache_sync_states). */
export type WatcherStateView =
  | "watching"
  | "rebuilding"
  | "failing"
  | "forbidden"
  | "stopped"
  | "not_started";

export type CacheStatusView = "FRESH" | "STALE" | "REBUILDING";

export interface ClusterSummaryView {
  id: string;
  name: string;
  display_name: string;
  environment: Environment;
  enabled: boolean;
  api_server_url: string | null;
  status: ClusterStatus;
  status_reason: ReasonView | null;
  /** ISO 8601; null before the first check. */
  last_checked_at: string | null;
  kubevirt_version: string | null;
  /** False when the version is absent or not semver. */
  version_known: boolean;
  watcher_state: WatcherStateView;
  cache_status: CacheStatusView;
  /** ISO 8601 of the last committed watch batch; null before a first sync. */
  last_synced_at: string | null;
  /** Governed VMs (rows in `vms`) on this cluster: a cluster with any cannot be deleted. */
  governed_vm_count: number;
  /** VMs in the cache for this cluster. */
  cached_vm_count: number;
  created_at: string;
}

/** `GET /api/v1/admin/clusters`. */
export interface ClusterListPage {
  items: ClusterSummaryView[];
  pagination: PaginationView;
}

export type FeatureSourceView = "detected" | "dry_run" | "uncertain";

export interface FeatureView {
  /** A feature gate name, e.g. "Snapshot", "LiveMigration". */
  name: string;
  enabled: boolean;
  source: FeatureSourceView;
  /** English admission detail when decided by a dry run. */
  detail: string | null;
}

export interface GpuDeviceView {
  resource_name: string;
  total: number;
  nodes: string[];
}

export interface SriovNetworkView {
  namespace: string;
  name: string;
  resource_name: string | null;
}

/** Capabilities an admin declared by hand; detection never overwrites them. */
export interface DeclaredCapabilitiesView {
  /** Requirement tokens as SPEC §14.4 spells them: "gpu", "gpu:nvidia.com/a100", "sriov", "hugepages:1Gi", gate names. */
  capabilities: string[];
  note: string | null;
  updated_by: string | null;
  updated_at: string | null;
}

export interface HealthCheckView {
  checked_at: string;
  status: Exclude<ClusterStatus, "UNKNOWN">;
  reason: ReasonView | null;
  warnings: ReasonView[];
  kubevirt_version: string | null;
  duration_ms: number;
  /** "schedule" (the worker's loop) or "manual" (check now). */
  trigger: "schedule" | "manual";
}

export interface InstanceSizeFitView {
  instance_size: string;
  compatible: boolean;
  /** Requirement tokens the cluster lacks (empty when compatible). */
  missing: string[];
}

export interface ClusterDetailView extends ClusterSummaryView {
  /** ISO 8601 of the last capability detection; null before one succeeded. */
  capabilities_detected_at: string | null;
  features: FeatureView[];
  /** API group → served versions (empty array: not served). */
  apis: Record<string, string[]>;
  gpu_devices: GpuDeviceView[];
  hugepages: string[];
  sriov_networks: SriovNetworkView[];
  storage_classes: string[];
  default_storage_class: string | null;
  schedulable_nodes: number | null;
  warnings: ReasonView[];
  declared: DeclaredCapabilitiesView;
  /** Newest first, the last 20 checks. */
  health_history: HealthCheckView[];
  /** Enabled instance sizes checked against this cluster's capabilities (detected ∪ declared). */
  instance_sizes: InstanceSizeFitView[];
}

/** `POST /api/v1/admin/clusters/test-connection`: a check of a kubeconfig that is not saved. */
export interface ConnectionTestView {
  status: Exclude<ClusterStatus, "UNKNOWN">;
  reason: ReasonView | null;
  warnings: ReasonView[];
  api_server_url: string;
  kubevirt_version: string | null;
  enabled_features: string[];
  duration_ms: number;
}
