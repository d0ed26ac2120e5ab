// Query keys, fetchers and mutations of the namespace registry page (`/api/v1/admin/namespaces…` and
// `POST /api/v1/admin/clusters/{id}/namespaces`). One key factory, so a change invalidates the page by prefix.
import { queryOptions } from "@tanstack/react-query";
import { requestJson } from "@/components/api/request-json";
import type { NamespaceListQuery } from "@/lib/namespaces/namespace-input";
import type {
  NamespaceOnClusterView,
  NamespacePageView,
  NamespaceView,
} from "@/lib/namespaces/namespace-views";

export type NamespaceListParams = Pick<NamespaceListQuery, "page" | "per_page" | "sort_by" | "sort_order">;

export const DEFAULT_NAMESPACE_LIST_PARAMS: NamespaceListParams = {
  page: 1,
  per_page: 50,
  sort_by: "name",
  sort_order: "asc",
};

export const namespaceKeys = {
  all: ["admin-namespaces"] as const,
  lists: () => [...namespaceKeys.all, "list"] as const,
  list: (p: NamespaceListParams) =>
    [...namespaceKeys.lists(), p.page, p.per_page, p.sort_by, p.sort_order] as const,
};

const base = "/api/v1/admin/namespaces";

export function namespaceListSearch(p: NamespaceListParams): string {
  return new URLSearchParams({
    page: String(p.page),
    per_page: String(p.per_page),
    sort_by: p.sort_by,
    sort_order: p.sort_order,
  }).toString();
}

export function namespaceListQueryOptions(params: NamespaceListParams) {
  return queryOptions({
    queryKey: namespaceKeys.list(params),
    queryFn: ({ signal }) =>
      requestJson<NamespacePageView>("GET", `${base}?${namespaceListSearch(params)}`, undefined, signal),
  });
}

export interface NamespaceFields {
  environment: "test" | "prod";
  description: string;
  enabled: boolean;
}

export function registerNamespace(name: string, fields: NamespaceFields): Promise<NamespaceView> {
  return requestJson("POST", base, { name, ...fields });
}

export function updateNamespace(id: string, fields: Partial<NamespaceFields>): Promise<NamespaceView> {
  return requestJson("PATCH", `${base}/${encodeURIComponent(id)}`, fields);
}

export function createNamespaceOnCluster(clusterId: string, name: string): Promise<NamespaceOnClusterView> {
  return requestJson("POST", `/api/v1/admin/clusters/${encodeURIComponent(clusterId)}/namespaces`, { name });
}
