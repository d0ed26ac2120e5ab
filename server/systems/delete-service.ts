// `DELETE /api/v1/systems/{id}/services/{serviceId}` (admins): refused with 409 SERVICE_IN_USE (the counts of
// governed VMs and PENDING adoptions naming it) while either exists; nothing is deleted then. Memberships go
// with the service (ON DELETE CASCADE). The row lock conflicts with a concurrent VM insert's key-share lock,
// so a VM created meanwhile is counted or fails its foreign key (mapped to the same refusal).
import "server-only";
import { AppError } from "@/lib/errors/app-error";
import { type AuditActor, recordAudit } from "../audit/record-audit";
import { Prisma } from "../db/generated/prisma/client";
import type { PrismaClient } from "../db/prisma";

export async function deleteService(
  prisma: PrismaClient,
  ids: { systemId: string; serviceId: string },
  actor: AuditActor,
): Promise<void> {
  let names = { system: "", service: ids.serviceId };
  const blockers = async (db: Pick<PrismaClient, "vm" | "pendingAdoption">) => ({
    service: names.service,
    vm_count: await db.vm.count({ where: { serviceId: ids.serviceId } }),
    pending_adoption_count: await db.pendingAdoption.count({
      where: { status: "PENDING", system: names.system, service: names.service },
    }),
  });
  try {
    await prisma.$transaction(async (tx) => {
      const [row] = await tx.$queryRaw<{ name: string; system_name: string; member_count: number }[]>`
        SELECT s.name, y.name AS system_name,
          (SELECT count(*)::int FROM service_memberships m WHERE m.service_id = s.id) AS member_count
        FROM services s JOIN systems y ON y.id = s.system_id
        WHERE s.id = ${ids.serviceId} AND s.system_id = ${ids.systemId} FOR UPDATE OF s`;
      if (!row) throw new AppError("SERVICE_NOT_FOUND", { service: ids.serviceId });
      names = { system: row.system_name, service: row.name };
      const blocking = await blockers(tx);
      if (blocking.vm_count > 0 || blocking.pending_adoption_count > 0)
        throw new AppError("SERVICE_IN_USE", blocking);
      await tx.service.delete({ where: { id: ids.serviceId } });
      await recordAudit(tx, {
        action: "service.delete",
        actor,
        resource: { type: "service", id: ids.serviceId, name: `${row.system_name}/${row.name}` },
        details: { system_id: ids.systemId, removed_memberships: row.member_count },
      });
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2003")
      throw new AppError("SERVICE_IN_USE", await blockers(prisma), { cause: error });
    throw error;
  }
}
