// GET /api/v1/systems/{id}/services: the services of a system the caller may see, paged (SPEC §21, default
// sort name asc). POST: create one (admin, or anyone while "self-service systems" is on; a non-admin creator
// becomes its member) → 201 with `warnings` and Location.
import { CreateGovernanceBody, systemIdParams, systemListParamsSchema } from "@/lib/systems/system-input";
import { adoptionDeps } from "@/server/adoption/adoption-deps";
import { defineRoute } from "@/server/auth/define-route";
import { createService } from "@/server/systems/create-service";
import { listServices } from "@/server/systems/read-systems";

export const GET = defineRoute(
  { permission: "system.read", params: systemIdParams, query: systemListParamsSchema },
  async ({ ctx, user, params, query }) => listServices(ctx.prisma, user, params.id, query),
);

export const POST = defineRoute(
  { permission: "system.create", params: systemIdParams, body: CreateGovernanceBody },
  async ({ ctx, user, params, body, actor, requestId }) => {
    const view = await createService(adoptionDeps(ctx), user, params.id, body, actor);
    return Response.json(view, {
      status: 201,
      headers: {
        Location: `/api/v1/systems/${encodeURIComponent(params.id)}/services/${encodeURIComponent(view.id)}`,
        "Cache-Control": "no-store",
        "X-Request-Id": requestId,
      },
    });
  },
);
