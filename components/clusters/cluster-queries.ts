// Query keys, fetchers and mutation calls of the admin clusters page (`/api/v1/admin/clusters…`). Keys come
// from one factory so live notices invalidate by prefix (`clusterKeys.all`) exactly what the page shows.
import { queryOptions } from "@tanstack/react-query";
import { ApiRequestError, requestJson } from "@/components/api/request-json";
import type { CacheChangeNotice } from "@/lib/cache/cache-change-notice";
import type { ClusterChangeNotice } from "@/lib/clusters/cluster-change-notice";
import type { ClusterListQuery } from "@/lib/clusters/cluster-list-params";
import type {
  ClusterDetailView,
  ClusterListPage,
  ClusterSummaryView,
  ConnectionTestView,
} from "@/lib/clusters/cluster-views";
import { encodeKubeconfig } from "@/lib/clusters/kubeconfig-encoding";
import type { Environment } from "@/lib/domain/environment";
import type { PaginationView } from "@/lib/pagination";

export type ClusterListParams = ClusterListQuery;
export type ClusterSortField = ClusterListQuery["sort_by"];

export const DEFAULT_CLUSTER_LIST_PARAMS: ClusterListParams = {
  page: 1,
  per_page: 50,
  sort_by: "name",
  sort_order: "asc",
};

export const clusterKeys = {
  all: ["admin-clusters"] as const,
  lists: () => [...clusterKeys.all, "list"] as const,
  list: (params: ClusterListParams) =>
    [...clusterKeys.lists(), params.page, params.per_page, params.sort_by, params.sort_order] as const,
  details: () => [...clusterKeys.all, "detail"] as const,
  detail: (id: string) => [...clusterKeys.details(), id] as const,
};

/**
 * Keys of the mutations a dialog runs, so the dialog (which does not own them) knows one is in flight:
 * `useIsMutating({ mutationKey })` keeps Escape from abandoning it.
 */
export const clusterMutationKeys = {
  register: () => [...clusterKeys.all, "mutation", "register"] as const,
  dialog: (id: string, dialog: "toggle" | "edit" | "rotate" | "delete") =>
    [...clusterKeys.all, "mutation", id, dialog] as const,
};

/** Mutations that carry a kubeconfig: dropped from the mutation cache as soon as nothing observes them. */
export const KUBECONFIG_MUTATION_GC_MS = 0;

const base = "/api/v1/admin/clusters";
const one = (id: string) => `${base}/${encodeURIComponent(id)}`;

/**
 * Whether a live notice can change a clusters view: any cluster notice, or a change of cached VMs (the
 * counts and cache status); on a detail page (`clusterId`) only those about that cluster.
 */
export function affectsClusterView(
  notice: ClusterChangeNotice | CacheChangeNotice,
  clusterId?: string,
): boolean {
  if ("cluster_id" in notice) return clusterId === undefined || notice.cluster_id === clusterId;
  return (clusterId === undefined || notice.cluster === clusterId) && notice.kinds.includes("VirtualMachine");
}

/**
 * The page to step back to when the shown page no longer exists (its last cluster was deleted, here or
 * elsewhere): the new last page; undefined while the page still exists.
 */
export function pageAfterShrink(page: number, pagination: PaginationView): number | undefined {
  return page > pagination.total_pages ? Math.max(1, pagination.total_pages) : undefined;
}

export function clusterListSearch(params: ClusterListParams): string {
  return new URLSearchParams({
    page: String(params.page),
    per_page: String(params.per_page),
    sort_by: params.sort_by,
    sort_order: params.sort_order,
  }).toString();
}

export function clusterListQueryOptions(params: ClusterListParams) {
  return queryOptions({
    queryKey: clusterKeys.list(params),
    queryFn: ({ signal }) =>
      requestJson<ClusterListPage>("GET", `${base}?${clusterListSearch(params)}`, undefined, signal),
  });
}

export function clusterDetailQueryOptions(id: string) {
  return queryOptions({
    queryKey: clusterKeys.detail(id),
    queryFn: ({ signal }) => requestJson<ClusterDetailView>("GET", one(id), undefined, signal),
    // A missing cluster stays missing; other failures get the default retry.
    retry: (count, error) => !(error instanceof ApiRequestError && error.status === 404) && count < 1,
  });
}

export interface RegisterClusterRequest {
  name: string;
  display_name?: string;
  environment: Environment;
  /** The kubeconfig's text; encoded here, never kept in the query cache. */
  kubeconfigText: string;
  allow_unreachable?: boolean;
}

export function registerCluster(request: RegisterClusterRequest): Promise<ClusterSummaryView> {
  const { kubeconfigText, ...rest } = request;
  return requestJson("POST", base, { ...rest, kubeconfig: encodeKubeconfig(kubeconfigText) });
}

export function testClusterConnection(kubeconfigText: string): Promise<ConnectionTestView> {
  return requestJson("POST", `${base}/test-connection`, { kubeconfig: encodeKubeconfig(kubeconfigText) });
}

export interface UpdateClusterRequest {
  display_name?: string;
  environment?: Environment;
  enabled?: boolean;
}

export function updateCluster(id: string, change: UpdateClusterRequest): Promise<ClusterDetailView> {
  return requestJson("PATCH", one(id), change);
}

export function deleteCluster(id: string): Promise<void> {
  return requestJson("DELETE", one(id));
}

export function rotateClusterCredentials(
  id: string,
  kubeconfigText: string,
  allowUnreachable = false,
): Promise<unknown> {
  return requestJson("PUT", `${one(id)}/credentials`, {
    kubeconfig: encodeKubeconfig(kubeconfigText),
    ...(allowUnreachable ? { allow_unreachable: true } : {}),
  });
}

export function setDeclaredCapabilities(
  id: string,
  capabilities: string[],
  note: string | undefined,
): Promise<ClusterDetailView> {
  return requestJson("PUT", `${one(id)}/declared-capabilities`, { capabilities, ...(note ? { note } : {}) });
}

export function checkClusterNow(id: string): Promise<ClusterDetailView> {
  return requestJson("POST", `${one(id)}/check`);
}
