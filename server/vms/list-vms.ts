// The VM list (`/[locale]/vms` and `GET /api/v1/vms`): every cached VM the caller may see across clusters,
// filtered, sorted and paged in PostgreSQL, in the SPEC §21 page shape, with each cluster's cache status.
import "server-only";
import type { VMStatus } from "@/lib/domain/vm";
import { type PaginationView, paginationOf } from "@/lib/pagination";
import type { VmListParams } from "@/lib/vms/vm-list-params";
import type { SessionUser } from "../auth/session";
import type { CacheService, CacheStatus } from "../cache/cache-service";
import type { PrismaClient } from "../db/prisma";
import { resolveVmScope, scopeServices } from "./vm-scope";

export interface VmListItem {
  /** The governance row's id (the VM page's address); null for a VM Shepherd does not govern (admins only). */
  id: string | null;
  governed: boolean;
  cluster_id: string;
  cluster_name: string;
  namespace: string;
  name: string;
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
  status: CacheStatus;
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

export interface ListVmsDeps {
  prisma: PrismaClient;
  cache: CacheService;
}

export async function listVms(
  user: SessionUser | null,
  params: VmListParams,
  deps: ListVmsDeps,
): Promise<VmListPage> {
  const scope = await resolveVmScope(deps.prisma, user);
  const clusters = await deps.prisma.cluster.findMany({
    where: { enabled: true },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
  const result = await deps.cache.listVMs({
    clusterIds: params.cluster ? [params.cluster] : undefined,
    namespaces: params.namespace ? [params.namespace] : undefined,
    statuses: params.status,
    search: params.q,
    services: scopeServices(scope),
    sort: { field: params.sort, direction: params.order },
    limit: params.per_page,
    offset: (params.page - 1) * params.per_page,
  });
  const statuses = params.cluster
    ? await deps.cache.getCacheStatuses(clusters.map((c) => c.id))
    : result.clusters;

  return {
    items: result.items.map(({ vm, clusterName }) => ({
      // Placeholders until the governance join (issue 12, server/vms) fills them.
      id: null,
      governed: false,
      cluster_id: vm.cluster,
      cluster_name: clusterName,
      namespace: vm.namespace,
      name: vm.name,
      system: vm.governance?.system ?? null,
      service: vm.governance?.service ?? null,
      status: vm.status,
      status_reason: vm.statusReason ?? null,
      status_message: vm.statusMessage ?? null,
      ip: vm.ip ?? null,
      node: vm.nodeName ?? null,
      created_at: Number.isNaN(vm.createdAt.getTime()) ? null : vm.createdAt.toISOString(),
    })),
    pagination: paginationOf(params.page, params.per_page, result.total),
    cache_status: result.cacheStatus,
    clusters: Object.fromEntries(
      clusters.map((c) => {
        const s = statuses[c.id];
        return [
          c.id,
          {
            name: c.name,
            status: s?.status ?? "STALE",
            last_synced_at: s?.lastSyncedAt?.toISOString() ?? null,
          },
        ];
      }),
    ),
  };
}
