// The VM list (`/[locale]/vms` and `GET /api/v1/vms`): every cached VM the caller may see across clusters
// (the scope of vm-scope.ts: governed VMs of their services; admins every VM, governed or not), filtered,
// sorted and paged in PostgreSQL, in the SPEC §21 page shape, with each cluster's cache status.
import "server-only";
import { paginationOf } from "@/lib/pagination";
import type { VmListParams } from "@/lib/vms/vm-list-params";
import type { VmListPage } from "@/lib/vms/vm-list-view";
import type { SessionUser } from "../auth/session";
import type { CacheService } from "../cache/cache-service";
import type { PrismaClient } from "../db/prisma";
import { resolveVmScope, scopeMemberId } from "./vm-scope";

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
    governedFor: scopeMemberId(scope),
    sort: { field: params.sort, direction: params.order },
    limit: params.per_page,
    offset: (params.page - 1) * params.per_page,
  });
  const statuses = params.cluster
    ? await deps.cache.getCacheStatuses(clusters.map((c) => c.id))
    : result.clusters;

  return {
    items: result.items.map(({ vm, clusterName, governance, adoptionItemId }) => ({
      id: governance?.vmId ?? null,
      governed: governance !== null,
      adoption_item_id: governance ? null : adoptionItemId,
      cluster_id: vm.cluster,
      cluster_name: clusterName,
      namespace: vm.namespace,
      name: vm.name,
      system: governance?.system ?? vm.governance?.system ?? null,
      service: governance?.service ?? vm.governance?.service ?? null,
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
