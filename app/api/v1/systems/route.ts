// GET /api/v1/systems: the systems the caller may see, paged (SPEC §21, default sort name asc). POST: create
// one (admin, or anyone while "self-service systems" is on) → 201 with `warnings` and Location.
import { CreateGovernanceBody, systemListParamsSchema } from "@/lib/systems/system-input";
import { adoptionDeps } from "@/server/adoption/adoption-deps";
import { defineRoute } from "@/server/auth/define-route";
import { createSystem } from "@/server/systems/create-system";
import { listSystems } from "@/server/systems/read-systems";

export const GET = defineRoute(
  { permission: "system.read", query: systemListParamsSchema },
  async ({ ctx, user, query }) => listSystems(ctx.prisma, user, query),
);

export const POST = defineRoute(
  { permission: "system.create", body: CreateGovernanceBody },
  async ({ ctx, user, body, actor, requestId }) => {
    const view = await createSystem(adoptionDeps(ctx), user, body, actor);
    return Response.json(view, {
      status: 201,
      headers: {
        Location: `/api/v1/systems/${encodeURIComponent(view.id)}`,
        "Cache-Control": "no-store",
        "X-Request-Id": requestId,
      },
    });
  },
);
