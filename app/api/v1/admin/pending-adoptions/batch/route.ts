// POST /api/v1/admin/pending-adoptions/batch `{ids, decision, reason?}`: adopt or ignore several items, each on
// its own (server/adoption/decide-pending-adoptions.ts).
import { BatchAdoptionDecisionBody } from "@/lib/adoption/adoption-input";
import { adoptionDeps } from "@/server/adoption/adoption-deps";
import { decidePendingAdoptions } from "@/server/adoption/decide-pending-adoptions";
import { defineRoute } from "@/server/auth/define-route";

export const POST = defineRoute(
  { permission: "adoption.manage", body: BatchAdoptionDecisionBody },
  ({ ctx, body, actor }) => decidePendingAdoptions(adoptionDeps(ctx), body, actor),
);
