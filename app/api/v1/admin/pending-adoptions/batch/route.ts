// POST /api/v1/admin/pending-adoptions/batch `{ids, decision, reason?}`: adopt or ignore several items, each on
// its own (server/adoption/decide-pending-adoptions.ts).
import { BatchAdoptionDecisionBody } from "@/lib/adoption/adoption-input";
import { defaultAdoptionDeps } from "@/server/adoption/adoption-deps";
import { decidePendingAdoptions } from "@/server/adoption/decide-pending-adoptions";
import { auditActorOf } from "@/server/audit/audit-actor";
import { defineRoute } from "@/server/auth/define-route";

export const POST = defineRoute(
  { permission: "adoption.manage", body: BatchAdoptionDecisionBody },
  ({ body, user, request }) =>
    decidePendingAdoptions(defaultAdoptionDeps(), body, auditActorOf(user, request.headers)),
);
