// POST /api/v1/approvals/{id}/cancel → 204: the requester withdraws a pending request (server/vms/cancel-request.ts).
import { defineRoute } from "@/server/auth/define-route";
import { cancelRequest } from "@/server/vms/cancel-request";
import { IdParams } from "@/server/vms/vm-action-route";

export const POST = defineRoute(
  { permission: "ticket.request", params: IdParams },
  async ({ ctx, user, actor, params, requestId }) => {
    await cancelRequest(ctx, user, actor, params.id);
    return new Response(null, {
      status: 204,
      headers: { "Cache-Control": "no-store", "X-Request-Id": requestId },
    });
  },
);
