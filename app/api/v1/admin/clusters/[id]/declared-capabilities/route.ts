// PUT /api/v1/admin/clusters/{id}/declared-capabilities: the capabilities an admin declares by hand.
import { clusterIdParams } from "@/lib/clusters/cluster-route-params";
import { defineRoute } from "@/server/auth/define-route";
import { clusterViewDeps } from "@/server/clusters/cluster-admin-deps";
import {
  DeclaredCapabilitiesBody,
  setDeclaredCapabilities,
} from "@/server/clusters/set-declared-capabilities";

export const PUT = defineRoute(
  { permission: "cluster.manage", params: clusterIdParams, body: DeclaredCapabilitiesBody },
  async ({ ctx, params, body, actor }) =>
    setDeclaredCapabilities(clusterViewDeps(ctx), params.id, body, actor),
);
