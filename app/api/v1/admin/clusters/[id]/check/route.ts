// POST /api/v1/admin/clusters/{id}/check: "check now", in this process; answers with the fresh detail view.
import { clusterIdParams } from "@/lib/clusters/cluster-route-params";
import { defineRoute } from "@/server/auth/define-route";
import { checkClusterNow } from "@/server/clusters/check-cluster-now";
import { clusterAdminDeps } from "@/server/clusters/cluster-admin-deps";

export const POST = defineRoute(
  { permission: "cluster.manage", params: clusterIdParams },
  async ({ ctx, params, request, actor }) =>
    checkClusterNow(await clusterAdminDeps(ctx), params.id, actor, request.signal),
);
