// `PATCH /api/v1/admin/clusters/{id}`: display name (null clears it: the name shows), environment, enabled. Audited as `cluster.update` with the
// before and after of the fields that changed; a request that changes nothing writes nothing. Disabling or
// enabling takes effect in the worker at once (NOTIFY `updated`, queued in the transaction).
import "server-only";
import { z } from "zod";
import type { ClusterDetailView } from "@/lib/clusters/cluster-views";
import { AppError } from "@/lib/errors/app-error";
import { type AuditActor, recordAudit } from "../audit/record-audit";
import type { ClusterViewDeps } from "./cluster-admin-deps";
import { clusterDetailView } from "./cluster-view-model";
import { notifyClusterChanged } from "./notify-cluster-changed";
import { RegisterClusterInput } from "./register-cluster";

export const UpdateClusterBody = z
  .object({
    display_name: RegisterClusterInput.shape.displayName.unwrap().nullable().optional(),
    environment: z.enum(["test", "prod"]).optional(),
    enabled: z.boolean().optional(),
  })
  .strict();
export type UpdateClusterBody = z.output<typeof UpdateClusterBody>;

type Fields = { display_name: string | null; environment: string; enabled: boolean };

export async function updateCluster(
  deps: ClusterViewDeps,
  clusterId: string,
  body: UpdateClusterBody,
  actor: AuditActor,
): Promise<ClusterDetailView> {
  const changed = await deps.prisma.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<(Fields & { name: string })[]>`
      SELECT name, display_name, environment::text AS environment, enabled
      FROM clusters WHERE id = ${clusterId} FOR UPDATE`;
    if (!row) throw new AppError("CLUSTER_NOT_FOUND", { cluster: clusterId });
    const before: Partial<Fields> = {};
    const after: Partial<Fields> = {};
    for (const key of ["display_name", "environment", "enabled"] as const) {
      const value = body[key];
      if (value === undefined || value === row[key]) continue;
      Object.assign(before, { [key]: row[key] });
      Object.assign(after, { [key]: value });
    }
    if (Object.keys(after).length === 0) return undefined;
    await tx.cluster.update({
      where: { id: clusterId },
      data: {
        ...(after.display_name !== undefined ? { displayName: after.display_name } : {}),
        ...(after.environment !== undefined ? { environment: after.environment as "test" | "prod" } : {}),
        ...(after.enabled !== undefined ? { enabled: after.enabled } : {}),
      },
    });
    await recordAudit(tx, {
      action: "cluster.update",
      actor,
      resource: { type: "cluster", id: clusterId, name: row.name },
      environment: after.environment ?? row.environment,
      details: { before, after },
    });
    await notifyClusterChanged(tx, clusterId, "updated");
    return after;
  });
  if (changed) deps.log.info({ cluster: clusterId, change: changed }, "cluster updated");
  return clusterDetailView(deps, clusterId);
}
