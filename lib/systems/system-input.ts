/**
 * Request bodies and list queries of the systems and services API. Names are checked by
 * `validateGovernanceName` in the use case (so the refusal carries NAME_INVALID / NAME_TOO_LONG, not a zod
 * error); here only their type and a generous bound.
 */
import { z } from "zod";

export const SYSTEM_LIST_MAX_PER_PAGE = 100;
export const DESCRIPTION_MAX_LENGTH = 500;

const description = z.string().trim().max(DESCRIPTION_MAX_LENGTH);

export const CreateGovernanceBody = z
  .object({ name: z.string().max(200), description: description.nullable().optional() })
  .strict();
export type CreateGovernanceBody = z.output<typeof CreateGovernanceBody>;

/** Only the description changes: a `name` in the body is refused by `.strict()` (VALIDATION_FAILED). */
export const UpdateGovernanceBody = z.object({ description: description.nullable() }).strict();
export type UpdateGovernanceBody = z.output<typeof UpdateGovernanceBody>;

export const systemListParamsSchema = z.object({
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  per_page: z.coerce.number().int().min(1).max(SYSTEM_LIST_MAX_PER_PAGE).default(20),
  sort_by: z.enum(["name", "created_at"]).default("name"),
  sort_order: z.enum(["asc", "desc"]).default("asc"),
});
export type SystemListQuery = z.output<typeof systemListParamsSchema>;

export const systemIdParams = z.object({ id: z.string().min(1).max(100) });
export const serviceIdParams = z.object({
  id: z.string().min(1).max(100),
  serviceId: z.string().min(1).max(100),
});

export const SelfServiceSettingBody = z.object({ enabled: z.boolean() }).strict();
