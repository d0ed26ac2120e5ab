// `POST /api/v1/admin/clusters`: registration through the API. The kubeconfig (base64) is validated and tested
// first; an UNREACHABLE cluster is refused with CLUSTER_CONNECTION_FAILED and nothing saved, unless the admin
// sends `allow_unreachable: true`; an UNHEALTHY one (e.g. KubeVirt missing) is saved with that status. The
// test is recorded as the cluster's first health check, in the registration's transaction. A taken name is
// refused before the (up to 15 s) test; the unique index stays the real guard against a concurrent twin.
import "server-only";
import { z } from "zod";
import type { ClusterSummaryView } from "@/lib/clusters/cluster-views";
import { AppError } from "@/lib/errors/app-error";
import type { AuditActor } from "../audit/record-audit";
import { validateKubeconfig } from "../k8s/kubeconfig";
import type { ClusterAdminDeps } from "./cluster-admin-deps";
import { clusterSummaryView } from "./cluster-view-model";
import { assertReachable, runConnectionTest } from "./connection-test";
import { decodeKubeconfigUpload } from "./kubeconfig-upload";
import { RegisterClusterInput, registerCluster } from "./register-cluster";

export const RegisterClusterBody = z
  .object({
    name: RegisterClusterInput.shape.name,
    display_name: RegisterClusterInput.shape.displayName,
    environment: z.enum(["test", "prod"]).default("test"),
    /** base64 of the kubeconfig file. */
    kubeconfig: z.string().min(1),
    allow_unreachable: z.boolean().default(false),
  })
  .strict();
export type RegisterClusterBody = z.output<typeof RegisterClusterBody>;

export async function registerTestedCluster(
  deps: ClusterAdminDeps,
  body: RegisterClusterBody,
  actor: AuditActor,
): Promise<ClusterSummaryView> {
  const kubeconfig = validateKubeconfig(decodeKubeconfigUpload(body.kubeconfig));
  if ((await deps.prisma.cluster.count({ where: { name: body.name } })) > 0)
    throw new AppError("UNIQUE_VIOLATION", { fields: ["name"] });
  const result = await runConnectionTest(kubeconfig);
  assertReachable(result, body.allow_unreachable);
  const cluster = await registerCluster(
    deps,
    {
      name: body.name,
      ...(body.display_name !== undefined ? { displayName: body.display_name } : {}),
      environment: body.environment,
      kubeconfig,
    },
    actor,
    { initialCheck: result, log: deps.log },
  );
  deps.log.info({ cluster: cluster.name, id: cluster.id, status: result.status }, "cluster registered");
  return clusterSummaryView(deps, cluster.id);
}
