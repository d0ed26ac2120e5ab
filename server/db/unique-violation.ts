// Turns a unique-constraint violation from Prisma into AppError("UNIQUE_VIOLATION", { fields }).
//
// Shape observed on PostgreSQL through @prisma/adapter-pg (Prisma 7.10, exercised in constraints.int.test.ts):
// a PrismaClientKnownRequestError with code P2002 (model API) or P2010 (raw query) and
// meta.driverAdapterError.cause = { kind: "UniqueConstraintViolation", constraint: { index: "<name>" },
// table }. There is no meta.target any more, so the fields come from the constraint name.
// `fields` are database column names, which are also the snake_case field names of the API.
import "server-only";
import { AppError } from "@/lib/errors/app-error";
import { Prisma } from "./generated/prisma/client";

/**
 * Columns of every unique constraint that does not follow the `<table>_pkey` → ["id"] rule.
 * constraints.int.test.ts checks this list against the database catalogue, so a new unique index fails
 * a test until it is added here.
 */
const UNIQUE_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  clusters_name_key: ["name"],
  systems_name_key: ["name"],
  services_system_id_name_key: ["system_id", "name"],
  namespace_registry_name_key: ["name"],
  vms_namespace_name_key: ["namespace", "name"],
  vms_origin_event_id_key: ["origin_event_id"],
  // Partial: unique among PENDING/PROCESSING events only (one unfinished operation per VM and verb).
  domain_events_dedupe_key_unfinished: ["dedupe_key"],
  instance_sizes_name_key: ["name"],
  pending_adoptions_cluster_id_k8s_uid_key: ["cluster_id", "k8s_uid"],
  pending_adoptions_cluster_id_namespace_resource_name_key: ["cluster_id", "namespace", "resource_name"],
  approval_policies_name_key: ["name"],
  external_approval_systems_name_key: ["name"],
  cached_resources_pkey: ["cluster_id", "uid"],
  cache_sync_states_pkey: ["cluster_id", "resource_kind"],
  users_email_key: ["email"],
  users_username_key: ["username"],
  sessions_token_key: ["token"],
  accounts_provider_id_account_id_key: ["provider_id", "account_id"],
  rate_limits_key_key: ["key"],
  service_memberships_pkey: ["user_id", "service_id"],
  settings_pkey: ["key"],
};

/** The columns a unique constraint covers, by its database name. */
export function uniqueConstraintColumns(constraint: string): string[] {
  const known = UNIQUE_COLUMNS[constraint];
  if (known) return [...known];
  if (constraint.endsWith("_pkey")) return ["id"];
  // An index added without updating the list: the name is the best hint there is.
  return [constraint];
}

/** The AppError for a unique violation, or undefined when `error` is anything else. */
export function mapUniqueViolation(error: unknown): AppError<"UNIQUE_VIOLATION"> | undefined {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return undefined;
  if (error.code !== "P2002" && error.code !== "P2010") return undefined;
  const cause = driverCause(error.meta);
  if (cause?.kind !== "UniqueConstraintViolation") return undefined;
  const fields = cause.fields ?? (cause.index ? uniqueConstraintColumns(cause.index) : []);
  return new AppError("UNIQUE_VIOLATION", { fields }, { cause: error });
}

interface UniqueCause {
  kind: unknown;
  index?: string;
  fields?: string[];
}

// meta is typed Record<string, unknown>: walk it without trusting its shape.
function driverCause(meta: Record<string, unknown> | undefined): UniqueCause | undefined {
  const adapterError = asRecord(meta?.driverAdapterError);
  const cause = asRecord(adapterError?.cause);
  if (!cause) return undefined;
  const constraint = asRecord(cause.constraint);
  const result: UniqueCause = { kind: cause.kind };
  if (typeof constraint?.index === "string") result.index = constraint.index;
  // The adapter reports fields instead of an index when PostgreSQL names no constraint.
  const fields = constraint?.fields;
  if (Array.isArray(fields) && fields.every((f) => typeof f === "string")) {
    result.fields = fields.map((f) => f.replace(/^"|"$/g, ""));
  }
  return result;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : undefined;
}
