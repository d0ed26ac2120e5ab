// `PUT /api/v1/admin/clusters/{id}/declared-capabilities`: the capabilities an admin declares by hand
// (lib/capabilities/declared-capabilities.ts), kept apart from detection in admin_declared_capabilities. Every
// token must be one Shepherd knows (CAPABILITY_UNKNOWN with a field error per bad token, nothing changed).
// Audited as `cluster.update` with before and after; an unchanged list and note write nothing.
import "server-only";
import { z } from "zod";
import {
  canonicalDeclaredCapability,
  readDeclaredCapabilities,
} from "@/lib/capabilities/declared-capabilities";
import type { ClusterDetailView } from "@/lib/clusters/cluster-views";
import { AppError } from "@/lib/errors/app-error";
import type { FieldError } from "@/lib/errors/field-error";
import { type AuditActor, recordAudit } from "../audit/record-audit";
import type { ClusterViewDeps } from "./cluster-admin-deps";
import { clusterDetailView } from "./cluster-view-model";
import { notifyClusterChanged } from "./notify-cluster-changed";

export const DeclaredCapabilitiesBody = z
  .object({
    capabilities: z.array(z.string().max(253)).max(100),
    note: z.string().trim().max(500).optional(),
  })
  .strict();
export type DeclaredCapabilitiesBody = z.output<typeof DeclaredCapabilitiesBody>;

export async function setDeclaredCapabilities(
  deps: ClusterViewDeps,
  clusterId: string,
  body: DeclaredCapabilitiesBody,
  actor: AuditActor,
): Promise<ClusterDetailView> {
  const capabilities = canonicalTokens(body.capabilities);
  const note = body.note ? body.note : null;
  await deps.prisma.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ name: string; environment: string; declared: unknown }[]>`
      SELECT name, environment::text AS environment, admin_declared_capabilities AS declared
      FROM clusters WHERE id = ${clusterId} FOR UPDATE`;
    if (!row) throw new AppError("CLUSTER_NOT_FOUND", { cluster: clusterId });
    const previous = readDeclaredCapabilities(row.declared);
    const same =
      previous.note === note &&
      previous.capabilities.length === capabilities.length &&
      previous.capabilities.every((c, i) => c === capabilities[i]);
    if (same) return;
    await tx.cluster.update({
      where: { id: clusterId },
      data: {
        adminDeclaredCapabilities: {
          capabilities,
          note,
          updated_by: actor.name ?? actor.id,
          updated_at: new Date().toISOString(),
        },
      },
    });
    await recordAudit(tx, {
      action: "cluster.update",
      actor,
      resource: { type: "cluster", id: clusterId, name: row.name },
      environment: row.environment,
      details: {
        before: { declared_capabilities: previous.capabilities, note: previous.note },
        after: { declared_capabilities: capabilities, note },
      },
    });
    await notifyClusterChanged(tx, clusterId, "updated");
  });
  return clusterDetailView(deps, clusterId);
}

/** Canonical, unique, sorted; every unknown token is reported as a field error of its index. */
function canonicalTokens(tokens: readonly string[]): string[] {
  const out = new Set<string>();
  const unknown: { token: string; error: FieldError }[] = [];
  tokens.forEach((token, index) => {
    const canonical = canonicalDeclaredCapability(token);
    if (canonical) out.add(canonical);
    else
      unknown.push({
        token,
        error: {
          field: `capabilities.${index}`,
          code: "CAPABILITY_UNKNOWN",
          message: `unknown capability "${token}"`,
        },
      });
  });
  const [first] = unknown;
  if (first) {
    throw new AppError(
      "CAPABILITY_UNKNOWN",
      { token: first.token },
      { fieldErrors: unknown.map((u) => u.error) },
    );
  }
  return [...out].sort();
}
