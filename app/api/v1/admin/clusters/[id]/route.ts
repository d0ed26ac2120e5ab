// GET /api/v1/admin/clusters/{id}: the detail view. PATCH: display name, environment, enabled. DELETE: remove it
// (refused with CLUSTER_IN_USE while governed VMs reference it) → 204.
import { clusterIdParams } from "@/lib/clusters/cluster-route-params";
import { defineRoute } from "@/server/auth/define-route";
import { clusterViewDeps } from "@/server/clusters/cluster-admin-deps";
import { clusterDetailView } from "@/server/clusters/cluster-view-model";
import { deleteCluster } from "@/server/clusters/delete-cluster";
import { UpdateClusterBody, updateCluster } from "@/server/clusters/update-cluster";

export const GET = defineRoute(
  { permission: "cluster.manage", params: clusterIdParams },
  async ({ ctx, params }) => clusterDetailView(clusterViewDeps(ctx), params.id),
);

export const PATCH = defineRoute(
  { permission: "cluster.manage", params: clusterIdParams, body: UpdateClusterBody },
  async ({ ctx, params, body, actor }) => updateCluster(clusterViewDeps(ctx), params.id, body, actor),
);

export const DELETE = defineRoute(
  { permission: "cluster.manage", params: clusterIdParams },
  async ({ ctx, params, requestId, actor }) => {
    await deleteCluster(clusterViewDeps(ctx), params.id, actor);
    return new Response(null, { status: 204, headers: { "X-Request-Id": requestId } });
  },
);
