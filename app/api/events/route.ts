// GET /api/events: live change notices as Server-Sent Events, limited to what the caller may see
// (server/events/). The stream stays open until the client goes away.
import { defineRoute } from "@/server/auth/define-route";
import { subscribeToCacheEvents } from "@/server/events/subscribe-to-cache-events";

export const dynamic = "force-dynamic";

export const GET = defineRoute({ permission: "events.subscribe" }, ({ ctx, user, request }) =>
  subscribeToCacheEvents(ctx, user, request.signal),
);
