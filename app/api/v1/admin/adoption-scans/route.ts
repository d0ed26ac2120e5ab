// GET /api/v1/admin/adoption-scans: the latest scan of each cluster. POST `{cluster_id?}`: scan now, in this
// process, one cluster or every enabled one (server/adoption).
import { AdoptionScanRequestBody } from "@/lib/adoption/adoption-input";
import { adoptionDeps } from "@/server/adoption/adoption-deps";
import { listLatestAdoptionScans } from "@/server/adoption/list-adoption-scans";
import { runAdoptionScans } from "@/server/adoption/run-adoption-scans";
import { defineRoute } from "@/server/auth/define-route";

export const GET = defineRoute({ permission: "adoption.manage" }, ({ ctx }) =>
  listLatestAdoptionScans(ctx.prisma),
);

export const POST = defineRoute(
  { permission: "adoption.manage", body: AdoptionScanRequestBody },
  ({ ctx, body, user }) =>
    runAdoptionScans(adoptionDeps(ctx), {
      clusterId: body.cluster_id,
      discoveredBy: `user:${user.username ?? user.email}`,
    }),
);
