// `POST /api/v1/admin/namespaces`: registers a namespace (SPEC §3 name, environment, description, enabled).
// Audited `namespace.register` in the same transaction; a refused name or a taken one writes nothing.
import "server-only";
import { AppError } from "@/lib/errors/app-error";
import { isNamespaceName, type RegisterNamespaceBody } from "@/lib/namespaces/namespace-input";
import type { NamespaceView } from "@/lib/namespaces/namespace-views";
import { type AuditActor, recordAudit } from "../audit/record-audit";
import { mapUniqueViolation } from "../db/unique-violation";
import type { NamespaceDeps } from "./namespace-deps";
import { NAMESPACE_AUDIT_RESOURCE } from "./namespace-presence";
import { namespaceView } from "./namespace-view-model";

export async function registerNamespace(
  deps: NamespaceDeps,
  body: RegisterNamespaceBody,
  actor: AuditActor,
): Promise<NamespaceView> {
  const name = body.name;
  if (!isNamespaceName(name)) throw new AppError("NAMESPACE_NAME_INVALID", { namespace: name });
  const description = body.description ? body.description : null;
  let id: string;
  try {
    id = await deps.prisma.$transaction(async (tx) => {
      const row = await tx.namespaceRegistry.create({
        data: {
          name,
          environment: body.environment,
          description,
          enabled: body.enabled ?? true,
          createdBy: actor.id,
        },
      });
      await recordAudit(tx, {
        action: "namespace.register",
        actor,
        resource: { type: NAMESPACE_AUDIT_RESOURCE, id: row.id, name },
        environment: row.environment,
        details: { environment: row.environment, description, enabled: row.enabled },
      });
      return row.id;
    });
  } catch (e) {
    if (mapUniqueViolation(e)) throw new AppError("NAMESPACE_NAME_TAKEN", { namespace: name }, { cause: e });
    throw e;
  }
  deps.log.info({ namespace: name, id }, "namespace registered");
  return namespaceView(deps, id);
}
