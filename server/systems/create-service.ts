// `POST /api/v1/systems/{id}/services`: a new service in a system the caller can see (admin, or any user while
// "self-service systems" is on; a non-admin creator becomes the service's first member, so it is theirs to
// see). Name rule and warnings as for systems; unique within the system (409 UNIQUE_VIOLATION
// ["system_id","name"]). Audited as `service.create`; after the commit, clusters whose cached VMs carry this
// system + service are rescanned, so those VMs land in the adoption inbox at once.
import "server-only";
import { validateGovernanceName } from "@/lib/domain/validate-governance-name";
import { AppError } from "@/lib/errors/app-error";
import type { CreateGovernanceBody } from "@/lib/systems/system-input";
import type { Created, ServiceView } from "@/lib/systems/system-views";
import type { AdoptionDeps } from "../adoption/adoption-deps";
import { type AuditActor, recordAudit } from "../audit/record-audit";
import type { SessionUser } from "../auth/session";
import { mapUniqueViolation } from "../db/unique-violation";
import { rescanLabelledClusters } from "./rescan-labelled-clusters";
import { assertMayCreate, visibleSystems } from "./system-scope";
import { serviceSelect, toServiceView } from "./system-view-model";

export async function createService(
  deps: AdoptionDeps,
  user: Pick<SessionUser, "id" | "role">,
  systemId: string,
  body: CreateGovernanceBody,
  actor: AuditActor,
): Promise<Created<ServiceView>> {
  const warnings = validateGovernanceName("service", body.name);
  const view = await deps.prisma
    .$transaction(async (tx) => {
      await assertMayCreate(tx, user);
      const system = await tx.system.findFirst({
        where: { AND: [{ id: systemId }, visibleSystems(user)] },
        select: { id: true, name: true },
      });
      if (!system) throw new AppError("SYSTEM_NOT_FOUND", { system: systemId });
      const created = await tx.service.create({
        data: {
          systemId,
          name: body.name,
          description: body.description || null,
          createdBy: user.id,
          ...(user.role === "admin"
            ? {}
            : { memberships: { create: { userId: user.id, createdBy: user.id } } }),
        },
        select: { id: true },
      });
      const row = await tx.service.findUniqueOrThrow({ where: { id: created.id }, select: serviceSelect });
      await recordAudit(tx, {
        action: "service.create",
        actor,
        resource: { type: "service", id: row.id, name: `${system.name}/${row.name}` },
        details: {
          system_id: system.id,
          description: row.description,
          creator_is_member: user.role !== "admin",
        },
      });
      return toServiceView(row);
    })
    .catch((error: unknown) => {
      throw mapUniqueViolation(error) ?? error;
    });
  await rescanLabelledClusters(
    deps,
    { system: view.system_name, service: view.name },
    `user:${actor.name ?? actor.id}`,
  );
  return { ...view, warnings };
}
