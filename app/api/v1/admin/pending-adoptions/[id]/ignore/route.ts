// POST /api/v1/admin/pending-adoptions/{id}/ignore `{reason?}`: mark the item IGNORED (server/adoption).
import { IgnoreAdoptionBody, PendingAdoptionIdParams } from "@/lib/adoption/adoption-input";
import { defaultAdoptionDeps } from "@/server/adoption/adoption-deps";
import { ignorePendingAdoption } from "@/server/adoption/ignore-pending-adoption";
import { auditActorOf } from "@/server/audit/audit-actor";
import { defineRoute } from "@/server/auth/define-route";

export const POST = defineRoute(
  { permission: "adoption.manage", params: PendingAdoptionIdParams, body: IgnoreAdoptionBody },
  ({ params, body, user, request }) =>
    ignorePendingAdoption(defaultAdoptionDeps(), params.id, body, auditActorOf(user, request.headers)),
);
