// GET /api/v1/admin/clusters: the clusters, paged (SPEC §21). POST: register one from a base64 kubeconfig,
// tested first (server/clusters/register-tested-cluster.ts) → 201 with its summary and Location.
import { clusterListParamsSchema } from "@/lib/clusters/cluster-list-params";
import { defineRoute } from "@/server/auth/define-route";
import { clusterAdminDeps, clusterViewDeps } from "@/server/clusters/cluster-admin-deps";
import { listClusterViews } from "@/server/clusters/cluster-view-model";
import { RegisterClusterBody, registerTestedCluster } from "@/server/clusters/register-tested-cluster";

export const GET = defineRoute(
  { permission: "cluster.manage", query: clusterListParamsSchema },
  async ({ ctx, query }) => listClusterViews(clusterViewDeps(ctx), query),
);

export const POST = defineRoute(
  { permission: "cluster.manage", body: RegisterClusterBody },
  async ({ ctx, body, requestId, actor }) => {
    const view = await registerTestedCluster(await clusterAdminDeps(ctx), body, actor);
    return Response.json(view, {
      status: 201,
      headers: {
        Location: `/api/v1/admin/clusters/${encodeURIComponent(view.id)}`,
        "Cache-Control": "no-store",
        "X-Request-Id": requestId,
      },
    });
  },
);
