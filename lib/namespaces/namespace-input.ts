/**
 * Request bodies and query of the namespace registry API. The name follows the SPEC §3 governance rule (the
 * same function the adoption scan uses); it is immutable, so the edit body refuses it explicitly
 * (NAMESPACE_NAME_IMMUTABLE) rather than ignoring it.
 */
import { z } from "zod";
import { isGovernanceName } from "@/lib/domain/governance-name";

export const NAMESPACE_LIST_SORT_FIELDS = ["name", "environment", "created_at"] as const;
export const NAMESPACE_LIST_MAX_PER_PAGE = 100;
export const NAMESPACE_DESCRIPTION_MAX = 500;

export const namespaceListParamsSchema = z.object({
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  per_page: z.coerce.number().int().min(1).max(NAMESPACE_LIST_MAX_PER_PAGE).default(20),
  sort_by: z.enum(NAMESPACE_LIST_SORT_FIELDS).default("name"),
  sort_order: z.enum(["asc", "desc"]).default("asc"),
  environment: z.enum(["test", "prod"]).optional(),
  enabled: z.enum(["true", "false"]).optional(),
});
export type NamespaceListQuery = z.output<typeof namespaceListParamsSchema>;

export const namespaceIdParams = z.object({ id: z.string().min(1).max(100) });

const description = z.string().trim().max(NAMESPACE_DESCRIPTION_MAX);

export const RegisterNamespaceBody = z
  .object({
    name: z.string(),
    environment: z.enum(["test", "prod"]),
    description: description.nullable().optional(),
    enabled: z.boolean().optional(),
  })
  .strict();
export type RegisterNamespaceBody = z.output<typeof RegisterNamespaceBody>;

export const UpdateNamespaceBody = z
  .object({
    /** Accepted by the schema only to be refused with NAMESPACE_NAME_IMMUTABLE when it differs. */
    name: z.string().optional(),
    environment: z.enum(["test", "prod"]).optional(),
    description: description.nullable().optional(),
    enabled: z.boolean().optional(),
  })
  .strict();
export type UpdateNamespaceBody = z.output<typeof UpdateNamespaceBody>;

export const CreateNamespaceOnClusterBody = z.object({ name: z.string().min(1).max(63) }).strict();
export type CreateNamespaceOnClusterBody = z.output<typeof CreateNamespaceOnClusterBody>;

/** The registry's name rule: SPEC §3 (≤ 15, RFC 1035 label, no "--"). */
export function isNamespaceName(name: string): boolean {
  return isGovernanceName(name);
}
