// `PATCH /api/v1/admin/namespaces/{id}`: environment, description (null or "" clears it), enabled. The name is
// immutable (NAMESPACE_NAME_IMMUTABLE; the database trigger namespace_registry_guard says the same). Audited
// `namespace.update` with the before and after of what changed; a request that changes nothing writes nothing.
// Disabling keeps the entry and its VMs; it only hides the namespace from new requests (the request form).
import "server-only";
import { AppError } from "@/lib/errors/app-error";
import type { UpdateNamespaceBody } from "@/lib/namespaces/namespace-input";
import type { NamespaceView } from "@/lib/namespaces/namespace-views";
import { type AuditActor, recordAudit } from "../audit/record-audit";
import type { NamespaceDeps } from "./namespace-deps";
import { NAMESPACE_AUDIT_RESOURCE } from "./namespace-presence";
import { namespaceView } from "./namespace-view-model";

type Fields = { environment: "test" | "prod"; description: string | null; enabled: boolean };

export async function updateNamespace(
  deps: NamespaceDeps,
  id: string,
  body: UpdateNamespaceBody,
  actor: AuditActor,
): Promise<NamespaceView> {
  const changed = await deps.prisma.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<(Fields & { name: string })[]>`
      SELECT name, environment::text AS environment, description, enabled
      FROM namespace_registry WHERE id = ${id} FOR UPDATE`;
    if (!row) throw new AppError("NAMESPACE_NOT_FOUND", { id });
    if (body.name !== undefined && body.name !== row.name) {
      throw new AppError("NAMESPACE_NAME_IMMUTABLE", { namespace: row.name });
    }
    const wanted: Partial<Fields> = {
      ...(body.environment !== undefined ? { environment: body.environment } : {}),
      ...(body.description !== undefined ? { description: body.description || null } : {}),
      ...(body.enabled !== undefined ? { enabled: body.enabled } : {}),
    };
    const before: Partial<Fields> = {};
    const after: Partial<Fields> = {};
    for (const key of ["environment", "description", "enabled"] as const) {
      if (!(key in wanted) || wanted[key] === row[key]) continue;
      Object.assign(before, { [key]: row[key] });
      Object.assign(after, { [key]: wanted[key] });
    }
    if (Object.keys(after).length === 0) return undefined;
    await tx.namespaceRegistry.update({ where: { id }, data: after });
    await recordAudit(tx, {
      action: "namespace.update",
      actor,
      resource: { type: NAMESPACE_AUDIT_RESOURCE, id, name: row.name },
      environment: after.environment ?? row.environment,
      details: { before, after },
    });
    return after;
  });
  if (changed) deps.log.info({ namespace: id, change: changed }, "namespace updated");
  return namespaceView(deps, id);
}
