// GET /api/v1/admin/namespaces: the namespace registry, paged (SPEC §21), each entry with the clusters it is
// known on. POST: register one (SPEC §3 name, environment, description, enabled) → 201 with Location.

import { namespaceListParamsSchema, RegisterNamespaceBody } from "@/lib/namespaces/namespace-input";
import { defineRoute } from "@/server/auth/define-route";
import { namespaceDeps } from "@/server/namespaces/namespace-deps";
import { listNamespaceViews } from "@/server/namespaces/namespace-view-model";
import { registerNamespace } from "@/server/namespaces/register-namespace";

export const GET = defineRoute(
  { permission: "namespace.manage", query: namespaceListParamsSchema },
  async ({ ctx, query }) => listNamespaceViews(namespaceDeps(ctx), query),
);

export const POST = defineRoute(
  { permission: "namespace.manage", body: RegisterNamespaceBody },
  async ({ ctx, body, requestId, actor }) => {
    const view = await registerNamespace(namespaceDeps(ctx), body, actor);
    return Response.json(view, {
      status: 201,
      headers: {
        Location: `/api/v1/admin/namespaces/${encodeURIComponent(view.id)}`,
        "Cache-Control": "no-store",
        "X-Request-Id": requestId,
      },
    });
  },
);
