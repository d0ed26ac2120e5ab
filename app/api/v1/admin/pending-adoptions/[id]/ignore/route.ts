// POST /api/v1/admin/pending-adoptions/{id}/ignore `{reason?}`: mark the item IGNORED (server/adoption).
import { IgnoreAdoptionBody, PendingAdoptionIdParams } from "@/lib/adoption/adoption-input";
import { adoptionDeps } from "@/server/adoption/adoption-deps";
import { ignorePendingAdoption } from "@/server/adoption/ignore-pending-adoption";
import { defineRoute } from "@/server/auth/define-route";

export const POST = defineRoute(
  { permission: "adoption.manage", params: PendingAdoptionIdParams, body: IgnoreAdoptionBody },
  ({ ctx, params, body, actor }) => ignorePendingAdoption(adoptionDeps(ctx), params.id, body, actor),
);
