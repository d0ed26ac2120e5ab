// `POST /api/v1/systems`: a new system (admin, or any user while "self-service systems" is on). The name is
// checked by the SPEC §3 rule (NAME_INVALID / NAME_TOO_LONG, `warnings` past 12 characters) and is unique
// (409 UNIQUE_VIOLATION ["name"]). Audited as `system.create` in the insert's transaction; after the commit,
// clusters whose cached VMs carry this system's label are rescanned for adoptions.
import "server-only";
import { validateGovernanceName } from "@/lib/domain/validate-governance-name";
import type { CreateGovernanceBody } from "@/lib/systems/system-input";
import type { Created, SystemView } from "@/lib/systems/system-views";
import type { AdoptionDeps } from "../adoption/adoption-deps";
import { type AuditActor, recordAudit } from "../audit/record-audit";
import type { SessionUser } from "../auth/session";
import { mapUniqueViolation } from "../db/unique-violation";
import { rescanLabelledClusters } from "./rescan-labelled-clusters";
import { assertMayCreate } from "./system-scope";
import { systemSelect, toSystemView } from "./system-view-model";

export async function createSystem(
  deps: AdoptionDeps,
  user: Pick<SessionUser, "id" | "role">,
  body: CreateGovernanceBody,
  actor: AuditActor,
): Promise<Created<SystemView>> {
  const warnings = validateGovernanceName("system", body.name);
  const view = await deps.prisma
    .$transaction(async (tx) => {
      await assertMayCreate(tx, user);
      const row = await tx.system.create({
        data: { name: body.name, description: body.description || null, createdBy: user.id },
        select: systemSelect,
      });
      await recordAudit(tx, {
        action: "system.create",
        actor,
        resource: { type: "system", id: row.id, name: row.name },
        details: { description: row.description },
      });
      return toSystemView(row);
    })
    .catch((error: unknown) => {
      throw mapUniqueViolation(error) ?? error;
    });
  await rescanLabelledClusters(deps, { system: view.name }, `user:${actor.name ?? actor.id}`);
  return { ...view, warnings };
}
