// POST /api/v1/admin/clusters/{id}/namespaces `{name}`: creates a registered namespace on the cluster through
// the provider → 201 when created, 200 with code NAMESPACE_ALREADY_EXISTS when it was already there.
import { clusterIdParams } from "@/lib/clusters/cluster-route-params";
import { CreateNamespaceOnClusterBody } from "@/lib/namespaces/namespace-input";
import { defineRoute } from "@/server/auth/define-route";
import { createNamespaceOnCluster } from "@/server/namespaces/create-namespace-on-cluster";
import { namespaceClusterDeps } from "@/server/namespaces/namespace-deps";

export const POST = defineRoute(
  { permission: "namespace.manage", params: clusterIdParams, body: CreateNamespaceOnClusterBody },
  async ({ ctx, params, body, requestId, actor }) => {
    const view = await createNamespaceOnCluster(await namespaceClusterDeps(ctx), params.id, body.name, actor);
    return Response.json(view, {
      status: view.created ? 201 : 200,
      headers: { "Cache-Control": "no-store", "X-Request-Id": requestId },
    });
  },
);
