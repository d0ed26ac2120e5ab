// The read side of `/api/v1/systems…`: pages of systems and of one system's services (SPEC §21, default sort
// name asc), one system, one service with its members and governed VMs — each limited to what the caller may
// see (system-scope.ts); what they may not see is "not found", like a row that does not exist.
import "server-only";
import { AppError } from "@/lib/errors/app-error";
import { paginationOf } from "@/lib/pagination";
import type { SystemListQuery } from "@/lib/systems/system-input";
import type {
  ServiceDetailView,
  ServicePageView,
  SystemPageView,
  SystemView,
} from "@/lib/systems/system-views";
import type { SessionUser } from "../auth/session";
import type { PrismaClient } from "../db/prisma";
import { readableServices, visibleSystems } from "./system-scope";
import { serviceSelect, systemSelect, toServiceView, toSystemView } from "./system-view-model";

type Caller = Pick<SessionUser, "id" | "role">;

function orderBy(query: SystemListQuery) {
  const field = query.sort_by === "created_at" ? "createdAt" : "name";
  // The id breaks ties, so pages never overlap.
  return [{ [field]: query.sort_order }, { id: "asc" as const }];
}

export async function listSystems(
  prisma: PrismaClient,
  user: Caller,
  query: SystemListQuery,
): Promise<SystemPageView> {
  const where = visibleSystems(user);
  const [total, rows] = await prisma.$transaction([
    prisma.system.count({ where }),
    prisma.system.findMany({
      where,
      select: systemSelect,
      orderBy: orderBy(query),
      skip: (query.page - 1) * query.per_page,
      take: query.per_page,
    }),
  ]);
  return { items: rows.map(toSystemView), pagination: paginationOf(query.page, query.per_page, total) };
}

export async function getSystem(prisma: PrismaClient, user: Caller, systemId: string): Promise<SystemView> {
  const row = await prisma.system.findFirst({
    where: { AND: [{ id: systemId }, visibleSystems(user)] },
    select: systemSelect,
  });
  if (!row) throw new AppError("SYSTEM_NOT_FOUND", { system: systemId });
  return toSystemView(row);
}

export async function listServices(
  prisma: PrismaClient,
  user: Caller,
  systemId: string,
  query: SystemListQuery,
): Promise<ServicePageView> {
  await getSystem(prisma, user, systemId);
  const where = { systemId };
  const [total, rows] = await prisma.$transaction([
    prisma.service.count({ where }),
    prisma.service.findMany({
      where,
      select: serviceSelect,
      orderBy: orderBy(query),
      skip: (query.page - 1) * query.per_page,
      take: query.per_page,
    }),
  ]);
  return { items: rows.map(toServiceView), pagination: paginationOf(query.page, query.per_page, total) };
}

export async function getService(
  prisma: PrismaClient,
  user: Caller,
  systemId: string,
  serviceId: string,
): Promise<ServiceDetailView> {
  const row = await prisma.service.findFirst({
    where: { AND: [{ id: serviceId, systemId }, readableServices(user)] },
    select: {
      ...serviceSelect,
      memberships: {
        select: {
          createdAt: true,
          user: { select: { id: true, username: true, name: true, email: true, role: true } },
        },
        orderBy: { user: { name: "asc" } },
      },
      vms: {
        select: { id: true, name: true, namespace: true, status: true, clusterId: true },
        orderBy: [{ namespace: "asc" }, { name: "asc" }],
      },
    },
  });
  if (!row) throw new AppError("SERVICE_NOT_FOUND", { service: serviceId });
  return {
    ...toServiceView(row),
    members: row.memberships.map((m) => ({
      user_id: m.user.id,
      username: m.user.username,
      name: m.user.name,
      email: m.user.email,
      role: String(m.user.role),
      since: m.createdAt.toISOString(),
    })),
    vms: row.vms.map((vm) => ({
      id: vm.id,
      name: vm.name,
      namespace: vm.namespace,
      status: vm.status,
      cluster_id: vm.clusterId,
    })),
  };
}
