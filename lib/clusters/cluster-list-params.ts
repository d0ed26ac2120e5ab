/**
 * The admin cluster list's query (`GET /api/v1/admin/clusters`, SPEC §21 pagination): `page`, `per_page`
 * (default 20, max 100), `sort_by` name|status|created_at (default name), `sort_order` asc|desc (default asc).
 */
import { z } from "zod";

export const CLUSTER_LIST_SORT_FIELDS = ["name", "status", "created_at"] as const;
export const CLUSTER_LIST_MAX_PER_PAGE = 100;

export const clusterListParamsSchema = z.object({
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  per_page: z.coerce.number().int().min(1).max(CLUSTER_LIST_MAX_PER_PAGE).default(20),
  sort_by: z.enum(CLUSTER_LIST_SORT_FIELDS).default("name"),
  sort_order: z.enum(["asc", "desc"]).default("asc"),
});

export type ClusterListQuery = z.output<typeof clusterListParamsSchema>;
