// GET /api/v1/admin/pending-adoptions: the adoption inbox, filtered and paged (server/adoption).
import { PendingAdoptionListQuery } from "@/lib/adoption/adoption-input";
import { listPendingAdoptions } from "@/server/adoption/list-pending-adoptions";
import { defineRoute } from "@/server/auth/define-route";
import { getPrisma } from "@/server/db/prisma";

export const GET = defineRoute(
  { permission: "adoption.manage", query: PendingAdoptionListQuery },
  ({ query }) => listPendingAdoptions(getPrisma(), query),
);
