// Replaces the set of services a user belongs to (audited as user.membership_change with what was added and
// removed). Unknown service ids are refused; nothing changes then.
import "server-only";
import { AppError } from "@/lib/errors/app-error";
import { type AuditActor, recordAudit } from "../audit/record-audit";
import type { PrismaClient } from "../db/prisma";

export async function setUserMemberships(
  prisma: PrismaClient,
  input: { userId: string; serviceIds: string[] },
  actor: AuditActor,
): Promise<{ added: string[]; removed: string[] }> {
  const wanted = [...new Set(input.serviceIds)];
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { id: input.userId },
      select: { username: true, email: true, memberships: { select: { serviceId: true } } },
    });
    if (!user) throw new AppError("NOT_FOUND", { resource_type: "user", resource_id: input.userId });
    if ((await tx.service.count({ where: { id: { in: wanted } } })) !== wanted.length) {
      throw new AppError("NOT_FOUND", { resource_type: "service" });
    }
    const current = new Set(user.memberships.map((m) => m.serviceId));
    const added = wanted.filter((id) => !current.has(id));
    const removed = [...current].filter((id) => !wanted.includes(id));
    if (added.length === 0 && removed.length === 0) return { added, removed };
    await tx.serviceMembership.deleteMany({ where: { userId: input.userId, serviceId: { in: removed } } });
    await tx.serviceMembership.createMany({
      data: added.map((serviceId) => ({ userId: input.userId, serviceId, createdBy: actor.id })),
    });
    await recordAudit(tx, {
      action: "user.membership_change",
      actor,
      resource: { type: "user", id: input.userId, name: user.username ?? user.email },
      details: { added, removed },
    });
    return { added, removed };
  });
}
