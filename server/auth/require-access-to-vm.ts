// Resource scope of the vm.* permissions, for callers that hold a user rather than a scope: the same rule as
// server/vms/vm-scope.ts (governance row + service membership; admins all). A VM outside the caller's scope
// answers VM_NOT_FOUND, exactly like one that does not exist (STYLE item 10).
import "server-only";
import type { Permission } from "@/lib/auth/permissions";
import type { Prisma } from "../db/generated/prisma/client";
import type { PrismaClient } from "../db/prisma";
import { findVmInScope, vmScopeOf, vmScopeWhere } from "../vms/vm-scope";
import { requireRole } from "./require-role";
import type { SessionUser } from "./session";

/** The `where` that limits a VM query to what the user may see; put it in every VM lookup and list. */
export function visibleVmsWhere(user: SessionUser): Prisma.VmWhereInput {
  return vmScopeWhere(vmScopeOf(user));
}

export async function requireAccessToVM(
  prisma: Pick<PrismaClient, "vm">,
  user: SessionUser,
  vmId: string,
  permission: Extract<Permission, `vm.${string}`> = "vm.read",
): Promise<{ id: string; name: string; namespace: string; serviceId: string }> {
  requireRole(user, permission);
  const { id, name, namespace, serviceId } = await findVmInScope(prisma, vmScopeOf(user), vmId);
  return { id, name, namespace, serviceId };
}
