// Who sees and may create which systems and services. Admins: all. Everyone else: the systems they created
// and those holding a service they are a member of; within a visible system its services (names, counts), but
// a service's detail (members, VMs) only as its member or as the system's creator. Creating needs admin, or
// "self-service systems" on — checked here, on the server, whatever the page shows.
import "server-only";
import { AppError } from "@/lib/errors/app-error";
import type { SystemsAbilities } from "@/lib/systems/system-views";
import type { SessionUser } from "../auth/session";
import type { Prisma } from "../db/generated/prisma/client";
import { readSelfServiceSetting } from "./self-service-setting";

type Caller = Pick<SessionUser, "id" | "role">;

export function visibleSystems(user: Caller): Prisma.SystemWhereInput {
  if (user.role === "admin") return {};
  return {
    OR: [{ createdBy: user.id }, { services: { some: { memberships: { some: { userId: user.id } } } } }],
  };
}

/** Services whose detail the caller may read. */
export function readableServices(user: Caller): Prisma.ServiceWhereInput {
  if (user.role === "admin") return {};
  return { OR: [{ memberships: { some: { userId: user.id } } }, { system: { createdBy: user.id } }] };
}

export async function systemsAbilities(
  db: Pick<Prisma.TransactionClient, "setting">,
  user: Caller,
): Promise<SystemsAbilities> {
  if (user.role === "admin") return { can_create: true, can_manage: true };
  return { can_create: (await readSelfServiceSetting(db)).enabled, can_manage: false };
}

export async function assertMayCreate(
  db: Pick<Prisma.TransactionClient, "setting">,
  user: Caller,
): Promise<void> {
  if (!(await systemsAbilities(db, user)).can_create) throw new AppError("SELF_SERVICE_DISABLED");
}
