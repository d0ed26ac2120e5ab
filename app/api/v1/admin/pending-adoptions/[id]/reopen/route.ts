// POST /api/v1/admin/pending-adoptions/{id}/reopen: an IGNORED item back to PENDING (server/adoption).
import { PendingAdoptionIdParams } from "@/lib/adoption/adoption-input";
import { adoptionDeps } from "@/server/adoption/adoption-deps";
import { reopenPendingAdoption } from "@/server/adoption/reopen-pending-adoption";
import { defineRoute } from "@/server/auth/define-route";

export const POST = defineRoute(
  { permission: "adoption.manage", params: PendingAdoptionIdParams },
  ({ ctx, params, actor }) => reopenPendingAdoption(adoptionDeps(ctx), params.id, actor),
);
