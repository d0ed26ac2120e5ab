// GET /api/v1/admin/clusters/{id}: the detail view. PATCH: display name, environment, enabled. DELETE: remove it
// (refused with CLUSTER_IN_USE while governed VMs reference it) → 204.
import { clusterIdParams } from "@/lib/clusters/cluster-route-params";
import { auditActorOf } from "@/server/audit/audit-actor";
import { defineRoute } from "@/server/auth/define-route";
import { getClusterViewDeps } from "@/server/clusters/cluster-admin-deps";
import { clusterDetailView } from "@/server/clusters/cluster-view-model";
import { deleteCluster } from "@/server/clusters/delete-cluster";
import { UpdateClusterBody, updateCluster } from "@/server/clusters/update-cluster";

export const GET = defineRoute(
  { permission: "cluster.manage", params: clusterIdParams },
  async ({ params }) => clusterDetailView(getClusterViewDeps(), params.id),
);

export const PATCH = defineRoute(
  { permission: "cluster.manage", params: clusterIdParams, body: UpdateClusterBody },
  async ({ user, params, body, request }) =>
    updateCluster(getClusterViewDeps(), params.id, body, auditActorOf(user, request.headers)),
);

export const DELETE = defineRoute(
  { permission: "cluster.manage", params: clusterIdParams },
  async ({ user, params, request, requestId }) => {
    await deleteCluster(getClusterViewDeps(), params.id, auditActorOf(user, request.headers));
    return new Response(null, { status: 204, headers: { "X-Request-Id": requestId } });
  },
);
