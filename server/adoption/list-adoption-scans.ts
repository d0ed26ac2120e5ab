/**
 * The latest adoption scan of every cluster that has one (`GET /api/v1/admin/adoption-scans`), by cluster name;
 * a refused or failed latest scan carries the cluster's last successful one. `DISTINCT ON` picks one row per
 * cluster in the database (Prisma's `distinct` would filter in memory).
 */
import "server-only";
import type { AdoptionScanView } from "@/lib/adoption/adoption-views";
import { Prisma } from "../db/generated/prisma/client";
import type { PrismaClient } from "../db/prisma";
import { type AdoptionScanRow, toAdoptionScanView } from "./adoption-view-model";

interface ScanSqlRow {
  id: string;
  cluster_id: string;
  cluster_name: string;
  started_at: Date;
  finished_at: Date | null;
  found: number;
  new: number;
  updated: number;
  gone: number;
  orphans: unknown;
  duration_ms: number | null;
  error: string | null;
  error_params: unknown;
}

function toRow(r: ScanSqlRow): AdoptionScanRow {
  return {
    id: r.id,
    clusterId: r.cluster_id,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    found: r.found,
    new: r.new,
    updated: r.updated,
    gone: r.gone,
    orphans: r.orphans,
    durationMs: r.duration_ms,
    error: r.error,
    errorParams: r.error_params,
  };
}

async function latestPerCluster(prisma: PrismaClient, onlySuccessful: boolean): Promise<ScanSqlRow[]> {
  const where = onlySuccessful ? Prisma.sql`WHERE s.error IS NULL` : Prisma.empty;
  return prisma.$queryRaw<ScanSqlRow[]>`
    SELECT DISTINCT ON (s.cluster_id) s.id, s.cluster_id, c.name AS cluster_name, s.started_at, s.finished_at,
           s.found, s.new, s.updated, s.gone, s.orphans, s.duration_ms, s.error, s.error_params
    FROM adoption_scans s JOIN clusters c ON c.id = s.cluster_id
    ${where}
    ORDER BY s.cluster_id, s.started_at DESC, s.id DESC`;
}

export async function listLatestAdoptionScans(prisma: PrismaClient): Promise<AdoptionScanView[]> {
  const [latest, successful] = await Promise.all([
    latestPerCluster(prisma, false),
    latestPerCluster(prisma, true),
  ]);
  const successByCluster = new Map(successful.map((r) => [r.cluster_id, r]));
  return latest
    .map((r) => {
      const success = successByCluster.get(r.cluster_id);
      return toAdoptionScanView(toRow(r), r.cluster_name, success ? toRow(success) : null);
    })
    .sort((a, b) => a.cluster_name.localeCompare(b.cluster_name));
}
