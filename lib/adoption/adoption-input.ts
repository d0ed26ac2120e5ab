/**
 * Input of the adoption API (`/api/v1/admin/pending-adoptions…`, `/api/v1/admin/adoption-scans`), shared by the
 * route handlers (bad input is 400 VALIDATION_FAILED) and the inbox that builds the requests.
 */
import { z } from "zod";

export const ADOPTION_STATUSES = ["PENDING", "ADOPTED", "IGNORED", "GONE"] as const;
export const ADOPTION_SORT_FIELDS = ["first_seen_at", "last_seen_at", "resource_name", "namespace"] as const;
export type AdoptionSortField = (typeof ADOPTION_SORT_FIELDS)[number];

export const ADOPTION_DEFAULT_PER_PAGE = 20;
export const ADOPTION_MAX_PER_PAGE = 100;
export const ADOPTION_REASON_MAX_LENGTH = 500;
export const ADOPTION_BATCH_MAX = 100;

/** Ids are database uuids; anything else is a bad request, not an unknown item. */
export const AdoptionId = z.uuid();

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === "" ? undefined : v))
    .optional();

export const PendingAdoptionListQuery = z
  .object({
    cluster_id: AdoptionId.optional(),
    namespace: optionalText(63),
    system: optionalText(15),
    service: optionalText(15),
    status: z.enum(ADOPTION_STATUSES).default("PENDING"),
    page: z.coerce.number().int().min(1).max(1_000_000).default(1),
    per_page: z.coerce.number().int().min(1).max(ADOPTION_MAX_PER_PAGE).default(ADOPTION_DEFAULT_PER_PAGE),
    sort_by: z.enum(ADOPTION_SORT_FIELDS).default("first_seen_at"),
    /** Default: newest first for the time fields, A→Z for names (SPEC §21 pagination). */
    sort_order: z.enum(["asc", "desc"]).optional(),
  })
  .transform((q) => ({
    ...q,
    sort_order: q.sort_order ?? (q.sort_by.endsWith("_at") ? ("desc" as const) : ("asc" as const)),
  }));
export type PendingAdoptionListQuery = z.output<typeof PendingAdoptionListQuery>;

export const PendingAdoptionIdParams = z.object({ id: AdoptionId });

const Reason = z
  .string()
  .trim()
  .max(ADOPTION_REASON_MAX_LENGTH)
  .transform((v) => (v === "" ? undefined : v))
  .optional();

export const IgnoreAdoptionBody = z.object({ reason: Reason });
export type IgnoreAdoptionBody = z.output<typeof IgnoreAdoptionBody>;

export const BatchAdoptionDecisionBody = z.object({
  ids: z
    .array(AdoptionId)
    .min(1)
    .max(ADOPTION_BATCH_MAX)
    .transform((ids) => [...new Set(ids)]),
  decision: z.enum(["adopt", "ignore"]),
  reason: Reason,
});
export type BatchAdoptionDecisionBody = z.output<typeof BatchAdoptionDecisionBody>;

/** Scan now: one cluster, or every enabled cluster without `cluster_id`. */
export const AdoptionScanRequestBody = z.object({ cluster_id: AdoptionId.optional() });
