// PUT /api/v1/admin/clusters/{id}/declared-capabilities: the capabilities an admin declares by hand.
import { clusterIdParams } from "@/lib/clusters/cluster-route-params";
import { auditActorOf } from "@/server/audit/audit-actor";
import { defineRoute } from "@/server/auth/define-route";
import { getClusterViewDeps } from "@/server/clusters/cluster-admin-deps";
import {
  DeclaredCapabilitiesBody,
  setDeclaredCapabilities,
} from "@/server/clusters/set-declared-capabilities";

export const PUT = defineRoute(
  { permission: "cluster.manage", params: clusterIdParams, body: DeclaredCapabilitiesBody },
  async ({ user, params, body, request }) =>
    setDeclaredCapabilities(getClusterViewDeps(), params.id, body, auditActorOf(user, request.headers)),
);
