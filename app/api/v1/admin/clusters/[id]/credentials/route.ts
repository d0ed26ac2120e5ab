// PUT /api/v1/admin/clusters/{id}/credentials: rotate the kubeconfig (base64), tested first.
import { clusterIdParams } from "@/lib/clusters/cluster-route-params";
import { auditActorOf } from "@/server/audit/audit-actor";
import { defineRoute } from "@/server/auth/define-route";
import { getClusterAdminDeps } from "@/server/clusters/cluster-admin-deps";
import { RotateCredentialsBody, rotateTestedCredentials } from "@/server/clusters/rotate-tested-credentials";

export const PUT = defineRoute(
  { permission: "cluster.manage", params: clusterIdParams, body: RotateCredentialsBody },
  async ({ user, params, body, request }) =>
    rotateTestedCredentials(
      await getClusterAdminDeps(),
      params.id,
      body,
      auditActorOf(user, request.headers),
    ),
);
