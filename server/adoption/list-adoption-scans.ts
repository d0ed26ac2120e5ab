// The latest adoption scan of every cluster that has one (`GET /api/v1/admin/adoption-scans`), by cluster name.
import "server-only";
import type { AdoptionScanView } from "@/lib/adoption/adoption-views";
import type { PrismaClient } from "../db/prisma";
import { toAdoptionScanView } from "./adoption-view-model";

export async function listLatestAdoptionScans(prisma: PrismaClient): Promise<AdoptionScanView[]> {
  const rows = await prisma.adoptionScan.findMany({
    distinct: ["clusterId"],
    orderBy: [{ clusterId: "asc" }, { startedAt: "desc" }, { id: "desc" }],
    include: { cluster: { select: { name: true } } },
  });
  return rows
    .map((r) => toAdoptionScanView(r, r.cluster.name))
    .sort((a, b) => a.cluster_name.localeCompare(b.cluster_name));
}
