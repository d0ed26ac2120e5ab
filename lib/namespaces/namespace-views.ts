/**
 * JSON shapes of the namespace registry API (`/api/v1/admin/namespaces`, issue 13), shared by the route
 * handlers and the admin page.
 */
import type { PaginationView } from "@/lib/pagination";

/** Where a registered namespace is known to exist (see README "Namespace registry" for the sources). */
export interface NamespacePresenceView {
  cluster_id: string;
  cluster_name: string;
  /** Cached VirtualMachines in that namespace on that cluster. */
  vm_count: number;
  /** Shepherd created it there, or found it already there, through "create on cluster" (audit trail). */
  created_by_shepherd: boolean;
}

export interface NamespaceView {
  id: string;
  name: string;
  environment: "test" | "prod";
  description: string | null;
  enabled: boolean;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  clusters: NamespacePresenceView[];
}

export interface NamespacePageView {
  items: NamespaceView[];
  pagination: PaginationView;
}

/** `POST /api/v1/admin/clusters/{id}/namespaces`: `created: false` is NAMESPACE_ALREADY_EXISTS (a success). */
export interface NamespaceOnClusterView {
  namespace: string;
  cluster_id: string;
  created: boolean;
  /** Informational code when it already existed (SPEC §6). */
  code?: "NAMESPACE_ALREADY_EXISTS";
}
