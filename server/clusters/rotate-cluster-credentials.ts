// Replaces a cluster's kubeconfig (credential rotation). The caller must also drop cached clients of the
// cluster (ClusterConnections.invalidate) in every process that holds one.
import "server-only";
import { AppError } from "@/lib/errors/app-error";
import { type AuditActor, recordAudit } from "../audit/record-audit";
import { validateKubeconfig } from "../k8s/kubeconfig";
import type { ClusterDeps } from "./register-cluster";

export async function rotateClusterCredentials(
  deps: ClusterDeps,
  clusterId: string,
  kubeconfigText: string,
  actor: AuditActor,
): Promise<void> {
  const kubeconfig = validateKubeconfig(kubeconfigText);
  await deps.prisma.$transaction(async (tx) => {
    const sealed = deps.store.seal(clusterId, kubeconfig);
    const updated = await tx.cluster.updateMany({
      where: { id: clusterId },
      data: { ...sealed, apiServerUrl: kubeconfig.summary.server },
    });
    if (updated.count === 0) throw new AppError("CLUSTER_NOT_FOUND", { cluster: clusterId });
    await recordAudit(tx, {
      action: "cluster.credential_rotate",
      actor,
      resource: { type: "cluster", id: clusterId },
      details: { server: kubeconfig.summary.server, auth_method: kubeconfig.summary.authMethod },
    });
  });
}
