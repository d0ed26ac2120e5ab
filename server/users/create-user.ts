// Creates a local account: the user row, its "credential" account holding the auth library's password hash
// (better-auth's own scrypt hashPassword, the hash its sign-in verifies), its service memberships and the
// user.create audit record, in one transaction.
import "server-only";
import { hashPassword } from "better-auth/crypto";
import type { z } from "zod";
import type { Role } from "@/lib/auth/permissions";
import type { CreateUserInput } from "@/lib/auth/user-input";
import { AppError } from "@/lib/errors/app-error";
import { type AuditActor, recordAudit } from "../audit/record-audit";
import type { PrismaClient } from "../db/prisma";
import { mapUniqueViolation } from "../db/unique-violation";

export interface CreatedUser {
  id: string;
  email: string;
  username: string;
  role: Role;
}

export async function createUser(
  prisma: PrismaClient,
  input: z.output<typeof CreateUserInput>,
  actor: AuditActor,
): Promise<CreatedUser> {
  const hash = await hashPassword(input.password);
  try {
    return await prisma.$transaction(async (tx) => {
      const services = await tx.service.count({ where: { id: { in: input.serviceIds } } });
      if (services !== new Set(input.serviceIds).size)
        throw new AppError("NOT_FOUND", { resource_type: "service" });
      const user = await tx.user.create({
        data: {
          email: input.email,
          username: input.username,
          displayUsername: input.username,
          name: input.name,
          role: input.role,
          emailVerified: true, // created by an admin, who vouches for the address
          accounts: { create: { providerId: "credential", accountId: "pending", password: hash } },
          memberships: {
            create: [...new Set(input.serviceIds)].map((serviceId) => ({ serviceId, createdBy: actor.id })),
          },
        },
        select: { id: true, email: true, username: true },
      });
      // better-auth keys the credential account by the user id.
      await tx.account.updateMany({
        where: { userId: user.id, providerId: "credential" },
        data: { accountId: user.id },
      });
      await recordAudit(tx, {
        action: "user.create",
        actor,
        resource: { type: "user", id: user.id, name: input.username },
        details: { email: input.email, role: input.role, service_ids: [...new Set(input.serviceIds)] },
      });
      return { id: user.id, email: user.email, username: input.username, role: input.role };
    });
  } catch (error) {
    throw mapUniqueViolation(error) ?? error;
  }
}
