// PUT /api/v1/admin/clusters/{id}/credentials: rotate the kubeconfig (base64), tested first.
import { clusterIdParams } from "@/lib/clusters/cluster-route-params";
import { defineRoute } from "@/server/auth/define-route";
import { clusterAdminDeps } from "@/server/clusters/cluster-admin-deps";
import { RotateCredentialsBody, rotateTestedCredentials } from "@/server/clusters/rotate-tested-credentials";

export const PUT = defineRoute(
  { permission: "cluster.manage", params: clusterIdParams, body: RotateCredentialsBody },
  async ({ ctx, params, body, actor }) =>
    rotateTestedCredentials(await clusterAdminDeps(ctx), params.id, body, actor),
);
