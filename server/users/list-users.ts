// What the admin users page shows: every user with role and memberships, and every service (with its system)
// that a membership can point at.
import "server-only";
import { isRole } from "@/lib/auth/permissions";
import type { ServiceOption, UserSummary } from "@/lib/users/user-views";
import type { PrismaClient } from "../db/prisma";

export async function listUsers(prisma: PrismaClient): Promise<UserSummary[]> {
  const users = await prisma.user.findMany({
    orderBy: [{ username: "asc" }, { email: "asc" }],
    select: {
      id: true,
      name: true,
      email: true,
      username: true,
      role: true,
      createdAt: true,
      memberships: { select: { serviceId: true } },
    },
  });
  return users.map((u) => ({
    id: u.id,
    name: u.name,
    email: u.email,
    username: u.username,
    role: isRole(u.role) ? u.role : "user",
    serviceIds: u.memberships.map((m) => m.serviceId),
    createdAt: u.createdAt.toISOString(),
  }));
}

export async function listServiceOptions(prisma: PrismaClient): Promise<ServiceOption[]> {
  const services = await prisma.service.findMany({
    orderBy: [{ system: { name: "asc" } }, { name: "asc" }],
    select: { id: true, name: true, system: { select: { name: true } } },
  });
  return services.map((s) => ({ id: s.id, name: s.name, systemName: s.system.name }));
}
