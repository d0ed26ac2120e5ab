// Query keys, fetchers and mutation calls of the admin clusters page (`/api/v1/admin/clusters…`). Keys come
// from one factory so live notices invalidate by prefix (`clusterKeys.all`) exactly what the page shows.
import { queryOptions } from "@tanstack/react-query";
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
import type { FieldError } from "@/lib/errors/field-error";
import { ApiRequestError } from "../system/queries";

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

/** A refused call: the problem body's code and params for translation, and its field errors. */
export class ClusterApiError extends ApiRequestError {
  constructor(
    status: number,
    code: string | undefined,
    params: Record<string, unknown> | undefined,
    readonly fieldErrors: FieldError[],
  ) {
    super(status, code, params);
    this.name = "ClusterApiError";
  }

  /** Whether the API flagged one of these fields (snake_case on the wire; camelCase from a zod schema). */
  hasFieldError(...fields: string[]): boolean {
    return this.fieldErrors.some((f) => fields.includes(f.field));
  }
}

/** Mutations that carry a kubeconfig: dropped from the mutation cache as soon as nothing observes them. */
export const KUBECONFIG_MUTATION_GC_MS = 0;

async function toApiError(response: Response): Promise<ClusterApiError> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined; // not JSON (a proxy's page): the UI shows its generic message
  }
  const record = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
  const code = typeof record.code === "string" ? record.code : undefined;
  const params =
    typeof record.params === "object" && record.params !== null
      ? (record.params as Record<string, unknown>)
      : undefined;
  const fieldErrors = Array.isArray(record.field_errors)
    ? record.field_errors.filter(
        (f): f is FieldError =>
          typeof f === "object" && f !== null && typeof (f as FieldError).field === "string",
      )
    : [];
  return new ClusterApiError(response.status, code, params, fieldErrors);
}

async function call<T>(
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE",
  path: string,
  body?: unknown,
  signal?: AbortSignal,
): Promise<T> {
  const response = await fetch(path, {
    method,
    cache: "no-store",
    headers: {
      accept: "application/json",
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal,
  });
  if (!response.ok) throw await toApiError(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

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
      call<ClusterListPage>("GET", `${base}?${clusterListSearch(params)}`, undefined, signal),
  });
}

export function clusterDetailQueryOptions(id: string) {
  return queryOptions({
    queryKey: clusterKeys.detail(id),
    queryFn: ({ signal }) => call<ClusterDetailView>("GET", one(id), undefined, signal),
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
  return call("POST", base, { ...rest, kubeconfig: encodeKubeconfig(kubeconfigText) });
}

export function testClusterConnection(kubeconfigText: string): Promise<ConnectionTestView> {
  return call("POST", `${base}/test-connection`, { kubeconfig: encodeKubeconfig(kubeconfigText) });
}

export interface UpdateClusterRequest {
  display_name?: string;
  environment?: Environment;
  enabled?: boolean;
}

export function updateCluster(id: string, change: UpdateClusterRequest): Promise<ClusterDetailView> {
  return call("PATCH", one(id), change);
}

export function deleteCluster(id: string): Promise<void> {
  return call("DELETE", one(id));
}

export function rotateClusterCredentials(
  id: string,
  kubeconfigText: string,
  allowUnreachable = false,
): Promise<unknown> {
  return call("PUT", `${one(id)}/credentials`, {
    kubeconfig: encodeKubeconfig(kubeconfigText),
    ...(allowUnreachable ? { allow_unreachable: true } : {}),
  });
}

export function setDeclaredCapabilities(
  id: string,
  capabilities: string[],
  note: string | undefined,
): Promise<unknown> {
  return call("PUT", `${one(id)}/declared-capabilities`, { capabilities, ...(note ? { note } : {}) });
}

export function checkClusterNow(id: string): Promise<ClusterDetailView> {
  return call("POST", `${one(id)}/check`);
}
