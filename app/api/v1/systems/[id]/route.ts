// GET /api/v1/systems/{id}: one system the caller may see. PATCH (admins): its description (the name is
// immutable). DELETE (admins): refused with SYSTEM_HAS_SERVICES while it has services → 204.
import { systemIdParams, UpdateGovernanceBody } from "@/lib/systems/system-input";
import { defineRoute } from "@/server/auth/define-route";
import { deleteSystem } from "@/server/systems/delete-system";
import { getSystem } from "@/server/systems/read-systems";
import { updateSystem } from "@/server/systems/update-system";

export const GET = defineRoute(
  { permission: "system.read", params: systemIdParams },
  async ({ ctx, user, params }) => getSystem(ctx.prisma, user, params.id),
);

export const PATCH = defineRoute(
  { permission: "system.manage", params: systemIdParams, body: UpdateGovernanceBody },
  async ({ ctx, params, body, actor }) => updateSystem(ctx.prisma, params.id, body, actor),
);

export const DELETE = defineRoute(
  { permission: "system.manage", params: systemIdParams },
  async ({ ctx, params, actor, requestId }) => {
    await deleteSystem(ctx.prisma, params.id, actor);
    return new Response(null, { status: 204, headers: { "X-Request-Id": requestId } });
  },
);
