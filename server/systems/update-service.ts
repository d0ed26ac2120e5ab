// `PATCH /api/v1/systems/{id}/services/{serviceId}` (admins): the description only — the name is immutable
// (the body schema refuses it, and the services_guard trigger refuses any UPDATE of it). Audited as
// `service.update` with before and after; a PATCH that changes nothing writes nothing.
import "server-only";
import { AppError } from "@/lib/errors/app-error";
import type { UpdateGovernanceBody } from "@/lib/systems/system-input";
import type { ServiceView } from "@/lib/systems/system-views";
import { type AuditActor, recordAudit } from "../audit/record-audit";
import type { PrismaClient } from "../db/prisma";
import { serviceSelect, toServiceView } from "./system-view-model";

export async function updateService(
  prisma: PrismaClient,
  ids: { systemId: string; serviceId: string },
  body: UpdateGovernanceBody,
  actor: AuditActor,
): Promise<ServiceView> {
  return prisma.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ name: string; system_name: string; description: string | null }[]>`
      SELECT s.name, y.name AS system_name, s.description FROM services s JOIN systems y ON y.id = s.system_id
      WHERE s.id = ${ids.serviceId} AND s.system_id = ${ids.systemId} FOR UPDATE OF s`;
    if (!row) throw new AppError("SERVICE_NOT_FOUND", { service: ids.serviceId });
    const description = body.description || null;
    if (description !== row.description) {
      await tx.service.update({ where: { id: ids.serviceId }, data: { description } });
      await recordAudit(tx, {
        action: "service.update",
        actor,
        resource: { type: "service", id: ids.serviceId, name: `${row.system_name}/${row.name}` },
        details: { before: { description: row.description }, after: { description } },
      });
    }
    return toServiceView(
      await tx.service.findUniqueOrThrow({ where: { id: ids.serviceId }, select: serviceSelect }),
    );
  });
}
