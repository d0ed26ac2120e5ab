// POST /api/v1/admin/pending-adoptions/{id}/adopt: create the VM's governance row (server/adoption).
import { PendingAdoptionIdParams } from "@/lib/adoption/adoption-input";
import { adoptPendingAdoption } from "@/server/adoption/adopt-pending-adoption";
import { defaultAdoptionDeps } from "@/server/adoption/adoption-deps";
import { auditActorOf } from "@/server/audit/audit-actor";
import { defineRoute } from "@/server/auth/define-route";

export const POST = defineRoute(
  { permission: "adoption.manage", params: PendingAdoptionIdParams },
  ({ params, user, request }) =>
    adoptPendingAdoption(defaultAdoptionDeps(), params.id, auditActorOf(user, request.headers)),
);
