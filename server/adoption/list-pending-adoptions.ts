/**
 * The adoption inbox's list (`GET /api/v1/admin/pending-adoptions`): items filtered by cluster, namespace,
 * system, service and status (PENDING by default), sorted and paged per SPEC §21, plus the PENDING count of
 * every cluster whatever the filter (every enabled cluster appears, with 0 when it has none).
 */
import "server-only";
import type { PendingAdoptionListQuery } from "@/lib/adoption/adoption-input";
import type { PendingAdoptionPageView } from "@/lib/adoption/adoption-views";
import { paginationOf } from "@/lib/pagination";
import type { Prisma } from "../db/generated/prisma/client";
import type { PrismaClient } from "../db/prisma";
import { toPendingAdoptionView } from "./adoption-view-model";

const SORT_COLUMNS = {
  first_seen_at: "firstSeenAt",
  last_seen_at: "lastSeenAt",
  resource_name: "resourceName",
  namespace: "namespace",
} as const;

export async function listPendingAdoptions(
  prisma: PrismaClient,
  query: PendingAdoptionListQuery,
): Promise<PendingAdoptionPageView> {
  const where: Prisma.PendingAdoptionWhereInput = { status: query.status };
  if (query.cluster_id) where.clusterId = query.cluster_id;
  if (query.namespace) where.namespace = query.namespace;
  if (query.system) where.system = query.system;
  if (query.service) where.service = query.service;
  const direction = query.sort_order;
  const [total, rows, pending, clusters] = await Promise.all([
    prisma.pendingAdoption.count({ where }),
    prisma.pendingAdoption.findMany({
      where,
      include: { cluster: { select: { name: true } } },
      // Ties broken by name and id, so pages never overlap.
      orderBy: [
        { [SORT_COLUMNS[query.sort_by]]: direction },
        { namespace: "asc" },
        { resourceName: "asc" },
        { id: "asc" },
      ],
      skip: (query.page - 1) * query.per_page,
      take: query.per_page,
    }),
    prisma.pendingAdoption.groupBy({
      by: ["clusterId"],
      where: { status: "PENDING" },
      _count: { _all: true },
    }),
    prisma.cluster.findMany({
      where: { OR: [{ enabled: true }, { pendingAdoptions: { some: { status: "PENDING" } } }] },
      select: { id: true, name: true },
      orderBy: { name: "asc" },
    }),
  ]);
  const counts = new Map(pending.map((p) => [p.clusterId, p._count._all]));
  return {
    items: rows.map((r) => toPendingAdoptionView(r, r.cluster.name)),
    pagination: paginationOf(query.page, query.per_page, total),
    pending_by_cluster: Object.fromEntries(
      clusters.map((c) => [c.id, { cluster_name: c.name, pending: counts.get(c.id) ?? 0 }]),
    ),
  };
}
