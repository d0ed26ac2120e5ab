// GET /api/v1/requests: the caller's requests (tickets) as a SPEC §21 page (server/vms/list-my-requests.ts).
import { requestListParamsSchema } from "@/lib/vms/request-list-params";
import { defineRoute } from "@/server/auth/define-route";
import { listMyRequests } from "@/server/vms/list-my-requests";

export const GET = defineRoute(
  { permission: "ticket.request", query: requestListParamsSchema },
  ({ ctx, user, query }) => listMyRequests(ctx, user, query),
);
