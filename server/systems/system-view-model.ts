// Rows → the JSON of the systems API (lib/systems/system-views.ts), with the counts each list shows.
import "server-only";
import type { ServiceView, SystemView } from "@/lib/systems/system-views";
import type { Prisma } from "../db/generated/prisma/client";

export const systemSelect = {
  id: true,
  name: true,
  description: true,
  createdBy: true,
  createdAt: true,
  updatedAt: true,
  _count: { select: { services: true } },
} satisfies Prisma.SystemSelect;

export const serviceSelect = {
  id: true,
  systemId: true,
  name: true,
  description: true,
  createdBy: true,
  createdAt: true,
  updatedAt: true,
  system: { select: { name: true } },
  _count: { select: { vms: true, memberships: true } },
} satisfies Prisma.ServiceSelect;

type SystemRow = Prisma.SystemGetPayload<{ select: typeof systemSelect }>;
type ServiceRow = Prisma.ServiceGetPayload<{ select: typeof serviceSelect }>;

export function toSystemView(row: SystemRow): SystemView {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    created_by: row.createdBy,
    service_count: row._count.services,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

export function toServiceView(row: ServiceRow): ServiceView {
  return {
    id: row.id,
    system_id: row.systemId,
    system_name: row.system.name,
    name: row.name,
    description: row.description,
    created_by: row.createdBy,
    vm_count: row._count.vms,
    member_count: row._count.memberships,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}
