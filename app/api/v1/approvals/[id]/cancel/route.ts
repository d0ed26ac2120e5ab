// POST /api/v1/approvals/{id}/cancel → 204: the requester withdraws a pending request (server/vms/cancel-request.ts).
import { auditActorOf } from "@/server/audit/audit-actor";
import { defineRoute } from "@/server/auth/define-route";
import { cancelRequest } from "@/server/vms/cancel-request";
import { IdParams } from "@/server/vms/vm-action-route";
import { getWebContext } from "@/server/web-context";

export const POST = defineRoute(
  { permission: "ticket.request", params: IdParams },
  async ({ user, params, request, requestId }) => {
    await cancelRequest(getWebContext(), user, auditActorOf(user, request.headers), params.id);
    return new Response(null, {
      status: 204,
      headers: { "Cache-Control": "no-store", "X-Request-Id": requestId },
    });
  },
);
