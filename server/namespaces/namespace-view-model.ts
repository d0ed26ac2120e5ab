// Registry rows → NamespaceView (with cluster presence): the list page and one entry.
import "server-only";
import { AppError } from "@/lib/errors/app-error";
import type { NamespaceListQuery } from "@/lib/namespaces/namespace-input";
import type { NamespacePageView, NamespaceView } from "@/lib/namespaces/namespace-views";
import { paginationOf } from "@/lib/pagination";
import type { Prisma } from "../db/generated/prisma/client";
import type { NamespaceDeps } from "./namespace-deps";
import { namespacePresence } from "./namespace-presence";

type Row = Prisma.NamespaceRegistryGetPayload<object>;

function viewOf(row: Row, clusters: NamespaceView["clusters"]): NamespaceView {
  return {
    id: row.id,
    name: row.name,
    environment: row.environment,
    description: row.description,
    enabled: row.enabled,
    created_by: row.createdBy,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
    clusters,
  };
}

export async function listNamespaceViews(
  deps: NamespaceDeps,
  query: NamespaceListQuery,
): Promise<NamespacePageView> {
  const where: Prisma.NamespaceRegistryWhereInput = {
    ...(query.environment ? { environment: query.environment } : {}),
    ...(query.enabled ? { enabled: query.enabled === "true" } : {}),
  };
  const order = query.sort_order;
  const orderBy: Prisma.NamespaceRegistryOrderByWithRelationInput[] =
    query.sort_by === "name"
      ? [{ name: order }]
      : query.sort_by === "environment"
        ? [{ environment: order }, { name: "asc" }]
        : [{ createdAt: order }, { name: "asc" }];
  const [total, rows] = await Promise.all([
    deps.prisma.namespaceRegistry.count({ where }),
    deps.prisma.namespaceRegistry.findMany({
      where,
      orderBy,
      skip: (query.page - 1) * query.per_page,
      take: query.per_page,
    }),
  ]);
  const presence = await namespacePresence(deps.prisma, rows);
  return {
    items: rows.map((r) => viewOf(r, presence.get(r.id) ?? [])),
    pagination: paginationOf(query.page, query.per_page, total),
  };
}

export async function namespaceView(deps: NamespaceDeps, id: string): Promise<NamespaceView> {
  const row = await deps.prisma.namespaceRegistry.findUnique({ where: { id } });
  if (!row) throw new AppError("NAMESPACE_NOT_FOUND", { id });
  const presence = await namespacePresence(deps.prisma, [row]);
  return viewOf(row, presence.get(row.id) ?? []);
}
