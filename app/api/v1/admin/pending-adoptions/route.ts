// GET /api/v1/admin/pending-adoptions: the adoption inbox, filtered and paged (server/adoption).
import { PendingAdoptionListQuery } from "@/lib/adoption/adoption-input";
import { listPendingAdoptions } from "@/server/adoption/list-pending-adoptions";
import { defineRoute } from "@/server/auth/define-route";

export const GET = defineRoute(
  { permission: "adoption.manage", query: PendingAdoptionListQuery },
  ({ ctx, query }) => listPendingAdoptions(ctx.prisma, query),
);
