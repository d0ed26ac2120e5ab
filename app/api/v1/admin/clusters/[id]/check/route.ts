// POST /api/v1/admin/clusters/{id}/check: "check now", in this process; answers with the fresh detail view.
import { clusterIdParams } from "@/lib/clusters/cluster-route-params";
import { auditActorOf } from "@/server/audit/audit-actor";
import { defineRoute } from "@/server/auth/define-route";
import { checkClusterNow } from "@/server/clusters/check-cluster-now";
import { getClusterAdminDeps } from "@/server/clusters/cluster-admin-deps";

export const POST = defineRoute(
  { permission: "cluster.manage", params: clusterIdParams },
  async ({ user, params, request }) =>
    checkClusterNow(
      await getClusterAdminDeps(),
      params.id,
      auditActorOf(user, request.headers),
      request.signal,
    ),
);
