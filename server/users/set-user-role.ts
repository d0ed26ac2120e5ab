// Changes a user's role (audited as user.role_change). The change applies from the user's next request:
// sessions are read from the database every time. An admin cannot demote themselves, so there is always
// someone left who can undo a mistake.
import "server-only";
import type { Role } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors/app-error";
import { type AuditActor, recordAudit } from "../audit/record-audit";
import type { PrismaClient } from "../db/prisma";

export async function setUserRole(
  prisma: PrismaClient,
  input: { userId: string; role: Role },
  actor: AuditActor,
): Promise<{ changed: boolean }> {
  if (input.userId === actor.id && input.role !== "admin") {
    throw new AppError("CONFLICT", undefined, { message: "an admin cannot remove their own admin role" });
  }
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { id: input.userId },
      select: { role: true, username: true, email: true },
    });
    if (!user) throw new AppError("NOT_FOUND", { resource_type: "user", resource_id: input.userId });
    if (user.role === input.role) return { changed: false };
    await tx.user.update({ where: { id: input.userId }, data: { role: input.role } });
    await recordAudit(tx, {
      action: "user.role_change",
      actor,
      resource: { type: "user", id: input.userId, name: user.username ?? user.email },
      details: { from: user.role, to: input.role },
    });
    return { changed: true };
  });
}
