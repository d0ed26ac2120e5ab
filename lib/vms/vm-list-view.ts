/**
 * JSON shape of the VM list (`GET /api/v1/vms` and the `/[locale]/vms` page): SPEC §21 page of cached VMs the
 * caller may see, each with its governance row's id (null when Shepherd does not govern it), and every
 * enabled cluster's cache freshness. Pure types, so components import them without reaching into server/.
 */
import type { VMStatus } from "@/lib/domain/vm";
import type { PaginationView } from "@/lib/pagination";

export type VmListCacheStatus = "FRESH" | "STALE" | "REBUILDING";

/** Which VM a list row or the detail page is, and whether Shepherd governs it. */
export interface VmIdentity {
  /** The `vms` governance row's id (what `/vms/{id}` and the actions take); null when not governed. */
  id: string | null;
  /** False for a VM without a governance row: shown to admins only, with no actions. */
  governed: boolean;
  /** The pending adoption inbox item of a VM that is not governed, when there is one (admins only). */
  adoption_item_id: string | null;
  cluster_id: string;
  cluster_name: string;
  namespace: string;
  name: string;
}

export interface VmListItem extends VmIdentity {
  /** From the governance row when governed, else from the VM's labels. */
  system: string | null;
  service: string | null;
  status: VMStatus;
  /** Machine-readable cause (a KubeVirt condition reason such as ErrImagePull); null when nothing is wrong. */
  status_reason: string | null;
  /** English detail from the cluster, shown as-is. */
  status_message: string | null;
  ip: string | null;
  node: string | null;
  /** ISO 8601, from metadata.creationTimestamp; null when the cluster did not give one. */
  created_at: string | null;
}

export interface VmListClusterStatus {
  name: string;
  status: VmListCacheStatus;
  /** ISO 8601; null before a first sync. */
  last_synced_at: string | null;
}

export interface VmListPage {
  items: VmListItem[];
  pagination: PaginationView;
  /** STALE when any cluster of the result is not FRESH. */
  cache_status: "FRESH" | "STALE";
  /** Every enabled cluster by id, whatever the filter, so a page can show each one's freshness. */
  clusters: Record<string, VmListClusterStatus>;
}
