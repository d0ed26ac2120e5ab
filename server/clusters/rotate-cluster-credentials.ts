// Replaces a cluster's kubeconfig (credential rotation). Every process that holds a client of the cluster must
// drop it (ClusterConnections.invalidate): the transaction queues `NOTIFY shepherd_cluster_changed`
// (credentials_rotated), on which the worker does that and restarts the cluster's open watches. A connection
// test made with the new kubeconfig first is recorded as a check in the same transaction (logged like any
// check that changes a status). The audit names the cluster and its environment, read under the row lock, and
// the API server before and after; never a secret.
import "server-only";
import type { HealthCheckResult } from "@/lib/domain/cluster-health";
import { AppError } from "@/lib/errors/app-error";
import { type AuditActor, recordAudit } from "../audit/record-audit";
import { ValidatedKubeconfig, validateKubeconfig } from "../k8s/kubeconfig";
import type { Logger } from "../log";
import { notifyClusterChanged } from "./notify-cluster-changed";
import { logCheckOutcome, type PersistOutcome, persistCheckResultIn } from "./persist-check-result";
import type { ClusterDeps } from "./register-cluster";

export async function rotateClusterCredentials(
  deps: ClusterDeps,
  clusterId: string,
  kubeconfigGiven: string | ValidatedKubeconfig,
  actor: AuditActor,
  opts: { check?: HealthCheckResult; log?: Pick<Logger, "info"> } = {},
): Promise<PersistOutcome | undefined> {
  const kubeconfig =
    kubeconfigGiven instanceof ValidatedKubeconfig ? kubeconfigGiven : validateKubeconfig(kubeconfigGiven);
  const { name, outcome } = await deps.prisma.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ name: string; environment: string; api_server_url: string | null }[]>`
      SELECT name, environment::text AS environment, api_server_url
      FROM clusters WHERE id = ${clusterId} FOR UPDATE`;
    if (!row) throw new AppError("CLUSTER_NOT_FOUND", { cluster: clusterId });
    await tx.cluster.update({
      where: { id: clusterId },
      data: { ...deps.store.seal(clusterId, kubeconfig), apiServerUrl: kubeconfig.summary.server },
    });
    await recordAudit(tx, {
      action: "cluster.credential_rotate",
      actor,
      resource: { type: "cluster", id: clusterId, name: row.name },
      environment: row.environment,
      details: {
        previous_server: row.api_server_url,
        server: kubeconfig.summary.server,
        auth_method: kubeconfig.summary.authMethod,
      },
    });
    await notifyClusterChanged(tx, clusterId, "credentials_rotated");
    if (!opts.check) return { name: row.name, outcome: undefined };
    const checked = await persistCheckResultIn(tx, clusterId, opts.check, {
      trigger: "manual",
      notify: false,
      actor,
    });
    return { name: row.name, outcome: checked };
  });
  if (opts.log && opts.check) logCheckOutcome(opts.log, { id: clusterId, name }, opts.check, outcome);
  return outcome;
}
