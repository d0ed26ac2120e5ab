// Resource scope of the vm.* permissions: a user sees and acts on the VMs of the services they belong to;
// admins see all. A VM outside the caller's scope answers VM_NOT_FOUND, exactly like one that does not exist,
// so ids of other teams' VMs cannot be probed (STYLE item 10).
import "server-only";
import type { Permission } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors/app-error";
import type { Prisma } from "../db/generated/prisma/client";
import type { PrismaClient } from "../db/prisma";
import { requireRole } from "./require-role";
import type { SessionUser } from "./session";

/** The `where` that limits a VM query to what the user may see; put it in every VM lookup and list. */
export function visibleVmsWhere(user: SessionUser): Prisma.VmWhereInput {
  if (user.role === "admin") return {};
  return { service: { memberships: { some: { userId: user.id } } } };
}

export async function requireAccessToVM(
  prisma: Pick<PrismaClient, "vm">,
  user: SessionUser,
  vmId: string,
  permission: Extract<Permission, `vm.${string}`> = "vm.read",
): Promise<{ id: string; name: string; namespace: string; serviceId: string }> {
  requireRole(user, permission);
  const vm = await prisma.vm.findFirst({
    where: { AND: [{ id: vmId }, visibleVmsWhere(user)] },
    select: { id: true, name: true, namespace: true, serviceId: true },
  });
  if (!vm) throw new AppError("VM_NOT_FOUND", { name: vmId });
  return vm;
}
