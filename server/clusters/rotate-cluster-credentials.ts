// Replaces a cluster's kubeconfig (credential rotation). Every process that holds a client of the cluster must
// drop it (ClusterConnections.invalidate): the transaction queues `NOTIFY shepherd_cluster_changed`
// (credentials_rotated), on which the worker does that and restarts the cluster's open watches. A connection
// test made with the new kubeconfig first is recorded as a check in the same transaction.
import "server-only";
import type { HealthCheckResult } from "@/lib/domain/cluster-health";
import { AppError } from "@/lib/errors/app-error";
import { type AuditActor, recordAudit } from "../audit/record-audit";
import { validateKubeconfig } from "../k8s/kubeconfig";
import { notifyClusterChanged } from "./notify-cluster-changed";
import { type PersistOutcome, persistCheckResultIn } from "./persist-check-result";
import type { ClusterDeps } from "./register-cluster";

export async function rotateClusterCredentials(
  deps: ClusterDeps,
  clusterId: string,
  kubeconfigText: string,
  actor: AuditActor,
  opts: { check?: HealthCheckResult } = {},
): Promise<PersistOutcome | undefined> {
  const kubeconfig = validateKubeconfig(kubeconfigText);
  return deps.prisma.$transaction(async (tx) => {
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
    await notifyClusterChanged(tx, clusterId, "credentials_rotated");
    if (!opts.check) return undefined;
    return persistCheckResultIn(tx, clusterId, opts.check, { trigger: "manual", notify: false, actor });
  });
}
