// `PUT /api/v1/admin/clusters/{id}/credentials`: credential rotation through the API. The new kubeconfig
// (base64) is tested first, with the rules of registration (UNREACHABLE refused unless `allow_unreachable`),
// and the test is recorded as a check of the cluster in the rotation's transaction.
import "server-only";
import { z } from "zod";
import type { ClusterDetailView } from "@/lib/clusters/cluster-views";
import { AppError } from "@/lib/errors/app-error";
import type { AuditActor } from "../audit/record-audit";
import { validateKubeconfig } from "../k8s/kubeconfig";
import type { ClusterAdminDeps } from "./cluster-admin-deps";
import { clusterExists } from "./cluster-exists";
import { clusterDetailView } from "./cluster-view-model";
import { assertReachable, runConnectionTest } from "./connection-test";
import { decodeKubeconfigUpload } from "./kubeconfig-upload";
import { logRevalidation } from "./persist-check-result";
import { rotateClusterCredentials } from "./rotate-cluster-credentials";

export const RotateCredentialsBody = z
  .object({
    /** base64 of the kubeconfig file. */
    kubeconfig: z.string().min(1),
    allow_unreachable: z.boolean().default(false),
  })
  .strict();
export type RotateCredentialsBody = z.output<typeof RotateCredentialsBody>;

export async function rotateTestedCredentials(
  deps: ClusterAdminDeps,
  clusterId: string,
  body: RotateCredentialsBody,
  actor: AuditActor,
): Promise<ClusterDetailView> {
  // Unknown id first: no point testing a kubeconfig for a cluster that is not there.
  if (!(await clusterExists(clusterId, deps.prisma)))
    throw new AppError("CLUSTER_NOT_FOUND", { cluster: clusterId });
  const kubeconfig = validateKubeconfig(decodeKubeconfigUpload(body.kubeconfig));
  const result = await runConnectionTest(kubeconfig);
  assertReachable(result, body.allow_unreachable);
  const outcome = await rotateClusterCredentials(deps, clusterId, kubeconfig, actor, {
    check: result,
    log: deps.log,
  });
  if (outcome) logRevalidation(deps.log, clusterId, outcome);
  deps.log.info({ cluster: clusterId, status: result.status }, "cluster credentials rotated");
  return clusterDetailView(deps, clusterId);
}
