// GET /api/v1/systems/{id}/services/{serviceId}: the service with its members and governed VMs (members of it,
// the system's creator and admins). PATCH (admins): its description. DELETE (admins): refused with
// SERVICE_IN_USE while VMs or pending adoptions name it → 204.
import { serviceIdParams, UpdateGovernanceBody } from "@/lib/systems/system-input";
import { defineRoute } from "@/server/auth/define-route";
import { deleteService } from "@/server/systems/delete-service";
import { getService } from "@/server/systems/read-systems";
import { updateService } from "@/server/systems/update-service";

export const GET = defineRoute(
  { permission: "system.read", params: serviceIdParams },
  async ({ ctx, user, params }) => getService(ctx.prisma, user, params.id, params.serviceId),
);

export const PATCH = defineRoute(
  { permission: "system.manage", params: serviceIdParams, body: UpdateGovernanceBody },
  async ({ ctx, params, body, actor }) =>
    updateService(ctx.prisma, { systemId: params.id, serviceId: params.serviceId }, body, actor),
);

export const DELETE = defineRoute(
  { permission: "system.manage", params: serviceIdParams },
  async ({ ctx, params, actor, requestId }) => {
    await deleteService(ctx.prisma, { systemId: params.id, serviceId: params.serviceId }, actor);
    return new Response(null, { status: 204, headers: { "X-Request-Id": requestId } });
  },
);
