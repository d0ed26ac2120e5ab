/**
 * Who may see and act on which VM: the one definition (issue 12 §2). Decided from Shepherd's own records —
 * the `vms` governance row and the caller's service memberships — never from labels set in the cluster.
 * Admins: every VM (governed or not). Everyone else: the VMs whose governance row belongs to a service they
 * are a member of. Memberships are read live in every query (a subquery, not a list kept in the scope), so a
 * membership change applies at once. List, detail, every action, tasks and the live notices use this file.
 *
 * A VM outside the scope is answered exactly like one that does not exist (VM_NOT_FOUND, 404, never 403), so
 * ids of other teams' VMs cannot be probed (STYLE item 10).
 */
import "server-only";
import { AppError } from "@/lib/errors/app-error";
import { requireRole } from "../auth/require-role";
import { requireUser } from "../auth/require-user";
import type { SessionUser } from "../auth/session";
import type { Prisma } from "../db/generated/prisma/client";
import type { PrismaClient } from "../db/prisma";

export type VmScope = { kind: "all"; userId: string } | { kind: "member"; userId: string };

/** The scope of a signed-in user (pure: the role decides the kind; memberships are read where it is applied). */
export function vmScopeOf(user: SessionUser): VmScope {
  return user.role === "admin" ? { kind: "all", userId: user.id } : { kind: "member", userId: user.id };
}

/** The caller's scope; UNAUTHENTICATED without a user, FORBIDDEN without `vm.read`. */
export async function resolveVmScope(_prisma: unknown, user: SessionUser | null): Promise<VmScope> {
  return vmScopeOf(requireRole(requireUser(user), "vm.read"));
}

/** The `where` that limits a `vms` query to the scope; put it in every governance-row lookup. */
export function vmScopeWhere(scope: VmScope): Prisma.VmWhereInput {
  if (scope.kind === "all") return {};
  return { service: { memberships: { some: { userId: scope.userId } } } };
}

/** The user id whose memberships limit a cache query (CacheService.listVMs `governedFor`); undefined: all. */
export function scopeMemberId(scope: VmScope): string | undefined {
  return scope.kind === "all" ? undefined : scope.userId;
}

/** A governance row with what the command path and the VM page need of it. */
export interface ScopedVm {
  id: string;
  name: string;
  namespace: string;
  clusterId: string | null;
  serviceId: string;
  instance: string | null;
  ticketId: string | null;
  createdBy: string | null;
  service: { name: string; system: { name: string } };
}

const scopedVmSelect = {
  id: true,
  name: true,
  namespace: true,
  clusterId: true,
  serviceId: true,
  instance: true,
  ticketId: true,
  createdBy: true,
  service: { select: { name: true, system: { select: { name: true } } } },
} as const satisfies Prisma.VmSelect;

/** The governance row `vmId` when it is in scope; VM_NOT_FOUND (404) when unknown or out of scope. */
export async function findVmInScope(
  prisma: Pick<PrismaClient, "vm">,
  scope: VmScope,
  vmId: string,
): Promise<ScopedVm> {
  const vm = await prisma.vm.findFirst({
    where: { AND: [{ id: vmId }, vmScopeWhere(scope)] },
    select: scopedVmSelect,
  });
  if (!vm) throw new AppError("VM_NOT_FOUND", { name: vmId });
  return vm;
}

/** Whether the VM (a `vms.id`) is in scope: what a task notice `{task_id, vm_id}` is filtered on. */
export async function canSeeVm(
  prisma: Pick<PrismaClient, "vm">,
  scope: VmScope,
  vmId: string,
): Promise<boolean> {
  if (scope.kind === "all") return true;
  const found = await prisma.vm.findFirst({
    where: { AND: [{ id: vmId }, vmScopeWhere(scope)] },
    select: { id: true },
  });
  return found !== null;
}
