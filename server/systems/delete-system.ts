// `DELETE /api/v1/systems/{id}` (admins): refused with 409 SYSTEM_HAS_SERVICES (and the count) while the
// system has services; nothing is deleted then. The row lock conflicts with the key-share lock a concurrent
// service insert takes on its system, so a service created meanwhile is either counted here or fails its
// foreign key (ON DELETE RESTRICT) after the delete, which maps to the same refusal.
import "server-only";
import { AppError } from "@/lib/errors/app-error";
import { type AuditActor, recordAudit } from "../audit/record-audit";
import { Prisma } from "../db/generated/prisma/client";
import type { PrismaClient } from "../db/prisma";

export async function deleteSystem(prisma: PrismaClient, systemId: string, actor: AuditActor): Promise<void> {
  let name = systemId;
  try {
    await prisma.$transaction(async (tx) => {
      const [row] = await tx.$queryRaw<{ name: string; description: string | null }[]>`
        SELECT name, description FROM systems WHERE id = ${systemId} FOR UPDATE`;
      if (!row) throw new AppError("SYSTEM_NOT_FOUND", { system: systemId });
      name = row.name;
      const services = await tx.service.count({ where: { systemId } });
      if (services > 0)
        throw new AppError("SYSTEM_HAS_SERVICES", { system: row.name, service_count: services });
      await tx.system.delete({ where: { id: systemId } });
      await recordAudit(tx, {
        action: "system.delete",
        actor,
        resource: { type: "system", id: systemId, name: row.name },
        details: { description: row.description },
      });
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2003") {
      const services = await prisma.service.count({ where: { systemId } });
      throw new AppError("SYSTEM_HAS_SERVICES", { system: name, service_count: services }, { cause: error });
    }
    throw error;
  }
}
