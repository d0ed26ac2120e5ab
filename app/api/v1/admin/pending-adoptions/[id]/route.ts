// GET /api/v1/admin/pending-adoptions/{id}: one item with its snapshot and the governance row it would get.
import { PendingAdoptionIdParams } from "@/lib/adoption/adoption-input";
import { getPendingAdoption } from "@/server/adoption/get-pending-adoption";
import { defineRoute } from "@/server/auth/define-route";

export const GET = defineRoute(
  { permission: "adoption.manage", params: PendingAdoptionIdParams },
  ({ ctx, params }) => getPendingAdoption(ctx.prisma, params.id),
);
