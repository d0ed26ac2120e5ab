// `POST /api/v1/admin/clusters/{id}/check`: "check now". Runs the health check and its persistence in the
// calling process (not a request to the worker), with a fresh client built from the stored credentials, so
// a change on the cluster shows at once; recorded in the history as trigger "manual" and announced with
// NOTIFY `checked`. A disabled cluster can be checked too (an admin deciding whether to enable it). A status or
// version change is logged like the worker's; a version drift is audited with the admin as actor.
import "server-only";
import type { ClusterDetailView } from "@/lib/clusters/cluster-views";
import { AppError } from "@/lib/errors/app-error";
import type { AuditActor } from "../audit/record-audit";
import { KubeClient } from "../k8s/kube-client";
import { checkAllClusters } from "./check-all-clusters";
import type { ClusterAdminDeps } from "./cluster-admin-deps";
import { clusterDetailView } from "./cluster-view-model";
import { logCheckOutcome } from "./persist-check-result";

export async function checkClusterNow(
  deps: ClusterAdminDeps,
  clusterId: string,
  actor: AuditActor,
  signal?: AbortSignal,
): Promise<ClusterDetailView> {
  const clients: KubeClient[] = [];
  const connections = {
    get: async (id: string) => {
      const client = new KubeClient(await deps.store.load(id, { includeDisabled: true }));
      clients.push(client);
      return client;
    },
  };
  try {
    const [outcome] = await checkAllClusters(
      { prisma: deps.prisma, connections },
      {
        clusterIds: [clusterId],
        includeDisabled: true,
        trigger: "manual",
        log: deps.log,
        actor,
        ...(signal ? { signal } : {}),
      },
    );
    if (!outcome) throw new AppError("CLUSTER_NOT_FOUND", { cluster: clusterId });
    if (outcome.error) throw outcome.error;
    logCheckOutcome(
      deps.log,
      { id: outcome.clusterId, name: outcome.name },
      outcome.result,
      outcome.persisted,
    );
  } finally {
    for (const client of clients) client.close();
  }
  return clusterDetailView(deps, clusterId);
}
