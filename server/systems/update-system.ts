// `PATCH /api/v1/systems/{id}` (admins): the description only — the name is immutable (the body schema
// refuses it, and the systems_guard trigger refuses any UPDATE of it). Audited as `system.update` with before
// and after; a PATCH that changes nothing writes nothing.
import "server-only";
import { AppError } from "@/lib/errors/app-error";
import type { UpdateGovernanceBody } from "@/lib/systems/system-input";
import type { SystemView } from "@/lib/systems/system-views";
import { type AuditActor, recordAudit } from "../audit/record-audit";
import type { PrismaClient } from "../db/prisma";
import { systemSelect, toSystemView } from "./system-view-model";

export async function updateSystem(
  prisma: PrismaClient,
  systemId: string,
  body: UpdateGovernanceBody,
  actor: AuditActor,
): Promise<SystemView> {
  return prisma.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ name: string; description: string | null }[]>`
      SELECT name, description FROM systems WHERE id = ${systemId} FOR UPDATE`;
    if (!row) throw new AppError("SYSTEM_NOT_FOUND", { system: systemId });
    const description = body.description || null;
    if (description !== row.description) {
      await tx.system.update({ where: { id: systemId }, data: { description } });
      await recordAudit(tx, {
        action: "system.update",
        actor,
        resource: { type: "system", id: systemId, name: row.name },
        details: { before: { description: row.description }, after: { description } },
      });
    }
    return toSystemView(await tx.system.findUniqueOrThrow({ where: { id: systemId }, select: systemSelect }));
  });
}
