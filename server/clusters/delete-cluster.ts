// `DELETE /api/v1/admin/clusters/{id}`: removes a cluster with everything only it owned (cached objects,
// watcher rows, pending adoptions, scans, health history: ON DELETE CASCADE; tickets keep their history with
// the cluster unset). Refused with CLUSTER_IN_USE while governed VMs (rows in `vms`) reference it. The row lock
// taken first conflicts with the key-share lock a concurrent VM insert takes on the referenced cluster, so a VM
// created meanwhile either is counted here or fails its foreign key after the delete — it cannot slip through.
import "server-only";
import { AppError } from "@/lib/errors/app-error";
import { type AuditActor, recordAudit } from "../audit/record-audit";
import { Prisma } from "../db/generated/prisma/client";
import type { ClusterViewDeps } from "./cluster-admin-deps";
import { notifyClusterChanged } from "./notify-cluster-changed";

export async function deleteCluster(
  deps: Pick<ClusterViewDeps, "prisma" | "log">,
  clusterId: string,
  actor: AuditActor,
): Promise<void> {
  let name = clusterId;
  try {
    await deps.prisma.$transaction(async (tx) => {
      const [row] = await tx.$queryRaw<
        { name: string; environment: string; api_server_url: string | null }[]
      >`
        SELECT name, environment::text AS environment, api_server_url
        FROM clusters WHERE id = ${clusterId} FOR UPDATE`;
      if (!row) throw new AppError("CLUSTER_NOT_FOUND", { cluster: clusterId });
      name = row.name;
      const governed = await tx.vm.count({ where: { clusterId } });
      if (governed > 0) {
        throw new AppError("CLUSTER_IN_USE", { cluster: row.name, governed_vm_count: governed });
      }
      await tx.cluster.delete({ where: { id: clusterId } });
      await recordAudit(tx, {
        action: "cluster.delete",
        actor,
        resource: { type: "cluster", id: clusterId, name: row.name },
        environment: row.environment,
        details: { server: row.api_server_url },
      });
      await notifyClusterChanged(tx, clusterId, "deleted");
    });
  } catch (error) {
    // Belt and braces: the vms foreign key is ON DELETE RESTRICT.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2003") {
      const governed = await deps.prisma.vm.count({ where: { clusterId } });
      throw new AppError("CLUSTER_IN_USE", { cluster: name, governed_vm_count: governed }, { cause: error });
    }
    throw error;
  }
  deps.log.info({ cluster: name, id: clusterId }, "cluster deleted");
}
