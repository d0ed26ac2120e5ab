// Which VMs a user may see, as the cache can filter them: admins all; everyone else the VMs whose governance
// labels (`kubevirt-shepherd.io/system` + `/service`) name a service they belong to. Read from the database on
// every call, so a membership change applies at once. The same scope limits lists and live notices.
import "server-only";
import { requireRole } from "../auth/require-role";
import { requireUser } from "../auth/require-user";
import type { SessionUser } from "../auth/session";
import type { PrismaClient } from "../db/prisma";

export interface ServiceRef {
  system: string;
  service: string;
}

export type VmScope = { kind: "all" } | { kind: "services"; services: ServiceRef[] };

/** The caller's scope; UNAUTHENTICATED without a user, FORBIDDEN without `vm.read`. */
export async function resolveVmScope(
  prisma: Pick<PrismaClient, "serviceMembership">,
  user: SessionUser | null,
): Promise<VmScope> {
  const caller = requireRole(requireUser(user), "vm.read");
  if (caller.role === "admin") return { kind: "all" };
  const memberships = await prisma.serviceMembership.findMany({
    where: { userId: caller.id },
    select: { service: { select: { name: true, system: { select: { name: true } } } } },
  });
  return {
    kind: "services",
    services: memberships.map((m) => ({ system: m.service.system.name, service: m.service.name })),
  };
}

/** The CacheService filter for a scope: undefined means no restriction. */
export function scopeServices(scope: VmScope): ServiceRef[] | undefined {
  return scope.kind === "all" ? undefined : scope.services;
}
