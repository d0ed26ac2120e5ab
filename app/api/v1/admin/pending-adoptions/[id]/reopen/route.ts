// POST /api/v1/admin/pending-adoptions/{id}/reopen: an IGNORED item back to PENDING (server/adoption).
import { PendingAdoptionIdParams } from "@/lib/adoption/adoption-input";
import { defaultAdoptionDeps } from "@/server/adoption/adoption-deps";
import { reopenPendingAdoption } from "@/server/adoption/reopen-pending-adoption";
import { auditActorOf } from "@/server/audit/audit-actor";
import { defineRoute } from "@/server/auth/define-route";

export const POST = defineRoute(
  { permission: "adoption.manage", params: PendingAdoptionIdParams },
  ({ params, user, request }) =>
    reopenPendingAdoption(defaultAdoptionDeps(), params.id, auditActorOf(user, request.headers)),
);
