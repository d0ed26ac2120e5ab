// POST /api/v1/admin/pending-adoptions/{id}/adopt: create the VM's governance row (server/adoption).
import { PendingAdoptionIdParams } from "@/lib/adoption/adoption-input";
import { adoptPendingAdoption } from "@/server/adoption/adopt-pending-adoption";
import { adoptionDeps } from "@/server/adoption/adoption-deps";
import { defineRoute } from "@/server/auth/define-route";

export const POST = defineRoute(
  { permission: "adoption.manage", params: PendingAdoptionIdParams },
  ({ ctx, params, actor }) => adoptPendingAdoption(adoptionDeps(ctx), params.id, actor),
);
