/**
 * The JSON of the adoption API (`/api/v1/admin/pending-adoptions…`, `/api/v1/admin/adoption-scans`) that the
 * adoption inbox reads: snake_case wire shapes (SPEC §16, §21), built by server/adoption/adoption-view-model.ts.
 */
import type { PaginationView } from "@/lib/pagination";

export type AdoptionStatusView = "PENDING" | "ADOPTED" | "IGNORED" | "GONE";

/** Why a labelled VM is not adoptable (counted in a scan, never recorded as an item). */
export type OrphanReasonView = "MISSING_SYSTEM" | "MISSING_SERVICE" | "MALFORMED_LABELS";

export interface DiskSnapshotView {
  name: string;
  /** e.g. "persistentVolumeClaim", "dataVolume", "containerDisk". */
  type: string;
  /** The claim / data volume / image the disk refers to. */
  source: string | null;
  size: string | null;
}

export interface NetworkSnapshotView {
  name: string;
  /** "pod", "multus" … */
  type: string;
  /** NetworkAttachmentDefinition for multus networks. */
  network_name: string | null;
}

/** The VM as the scan last saw it (from the cache): what the admin reviews. */
export interface ResourceSpecView {
  cpu_cores: number | null;
  memory: string | null;
  instancetype: string | null;
  preference: string | null;
  run_strategy: string | null;
  status: string | null;
  disks: DiskSnapshotView[];
  networks: NetworkSnapshotView[];
}

/** The `vms` row an adoption will create. */
export interface ProposedGovernanceView {
  name: string;
  namespace: string;
  cluster_id: string;
  system: string;
  service: string;
  service_id: string;
  instance: string | null;
  created_by: string | null;
  ticket_id: string | null;
  hostname: string | null;
  /** The service's next_instance_index after adoption (raised above the instance, never lowered). */
  next_instance_index_after: number;
}

export interface PendingAdoptionView {
  id: string;
  cluster_id: string;
  cluster_name: string;
  namespace: string;
  resource_name: string;
  resource_type: string;
  system: string | null;
  service: string | null;
  instance: string | null;
  k8s_uid: string;
  status: AdoptionStatusView;
  first_seen_at: string;
  last_seen_at: string;
  decided_by: string | null;
  decided_at: string | null;
  decision_reason: string | null;
}

export interface PendingAdoptionDetailView extends PendingAdoptionView {
  resource_spec: ResourceSpecView | null;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** Null when the item is no longer PENDING or its service has gone since the scan. */
  proposed: ProposedGovernanceView | null;
}

export interface PendingAdoptionPageView {
  items: PendingAdoptionView[];
  pagination: PaginationView;
  /** PENDING items per cluster id (whatever the filter), for the inbox's per-cluster counts. */
  pending_by_cluster: Record<string, { cluster_name: string; pending: number }>;
}

export interface OrphanView {
  namespace: string;
  name: string;
  reason: OrphanReasonView;
  system: string | null;
  service: string | null;
}

/** Why a scan was refused or failed: an error code (`errors.<code>`) and its params; the detail is only logged. */
export interface AdoptionScanErrorView {
  /** "ADOPTION_SCAN_CACHE_NOT_FRESH" (refused, params.status), "INTERNAL" (failed) */
  code: string;
  params: Record<string, unknown>;
}

export interface AdoptionScanSummaryView {
  id: string;
  cluster_id: string;
  cluster_name: string;
  started_at: string;
  finished_at: string | null;
  found: number;
  new: number;
  updated: number;
  gone: number;
  orphans: OrphanView[];
  duration_ms: number | null;
  error: AdoptionScanErrorView | null;
}

export interface AdoptionScanView extends AdoptionScanSummaryView {
  /** When this scan was refused or failed: the cluster's latest scan without error (null if none); else null. */
  last_successful: AdoptionScanSummaryView | null;
}

/** One id's outcome in a batch decision: a refused id does not stop the others. */
export type BatchDecisionResultView =
  | { id: string; ok: true; status: AdoptionStatusView }
  | { id: string; ok: false; code: string; params: Record<string, unknown> };
