// GET /api/v1/admin/namespaces/{id}: one registry entry with its cluster presence. PATCH: environment,
// description, enabled; the name is immutable (NAMESPACE_NAME_IMMUTABLE).
import { namespaceIdParams, UpdateNamespaceBody } from "@/lib/namespaces/namespace-input";
import { defineRoute } from "@/server/auth/define-route";
import { namespaceDeps } from "@/server/namespaces/namespace-deps";
import { namespaceView } from "@/server/namespaces/namespace-view-model";
import { updateNamespace } from "@/server/namespaces/update-namespace";

export const GET = defineRoute(
  { permission: "namespace.manage", params: namespaceIdParams },
  async ({ ctx, params }) => namespaceView(namespaceDeps(ctx), params.id),
);

export const PATCH = defineRoute(
  { permission: "namespace.manage", params: namespaceIdParams, body: UpdateNamespaceBody },
  async ({ ctx, params, body, actor }) => updateNamespace(namespaceDeps(ctx), params.id, body, actor),
);
