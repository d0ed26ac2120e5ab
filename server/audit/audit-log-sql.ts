/**
 * The one SQL statement behind the audit-log list and its export: filters, newest first by (created_at, id),
 * the keyset condition `(created_at, id) < (cursor)` and a LIMIT — never OFFSET, so page 1,000 costs what page 1
 * does. Each filter lands on a column an index of the migration 20261208132000_audit_log_keyset leads with
 * (its comment holds the plans). Kept apart so the benchmark runs the very same text through `pg`.
 */
import "server-only";
import { type AuditCursor, type AuditFilters, actionDomainOf } from "@/lib/audit/audit-log-query";
import type { AuditLogView } from "@/lib/audit/audit-log-views";
import { Prisma } from "../db/generated/prisma/client";

/** A row as the keyset query selects it: exactly the API's view (the SQL names and casts the columns). */
export type AuditLogRow = AuditLogView;

function whereOf(filters: AuditFilters, cursor: AuditCursor | undefined): Prisma.Sql {
  const conditions: Prisma.Sql[] = [];
  if (filters.from) conditions.push(Prisma.sql`created_at >= ${filters.from}`);
  if (filters.to) conditions.push(Prisma.sql`created_at < ${filters.to}`);
  if (filters.actor_id) conditions.push(Prisma.sql`actor_id = ${filters.actor_id}`);
  if (filters.action) {
    const domain = actionDomainOf(filters.action);
    // The expression must match the index's exactly for the planner to use it.
    conditions.push(
      domain === undefined
        ? Prisma.sql`action = ${filters.action}`
        : Prisma.sql`split_part(action, '.', 1) = ${domain}`,
    );
  }
  if (filters.resource_type) conditions.push(Prisma.sql`resource_type = ${filters.resource_type}`);
  if (filters.resource_id) conditions.push(Prisma.sql`resource_id = ${filters.resource_id}`);
  if (filters.outcome) conditions.push(Prisma.sql`outcome = ${filters.outcome}::"AuditOutcome"`);
  if (cursor)
    conditions.push(Prisma.sql`(created_at, id) < (${cursor.createdAt}::timestamptz, ${cursor.id}::uuid)`);
  return conditions.length === 0 ? Prisma.empty : Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}`;
}

/** Up to `limit` rows after `cursor` (or from the newest), newest first. */
export function auditLogPageSql(
  filters: AuditFilters,
  cursor: AuditCursor | undefined,
  limit: number,
): Prisma.Sql {
  return Prisma.sql`
    SELECT id::text AS id,
           to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS created_at,
           action, actor_id, actor_name, resource_type, resource_id, resource_name, parent_type, parent_id,
           environment, outcome::text AS outcome, details, host(ip_address) AS ip_address, user_agent,
           correlation_id
      FROM audit_logs a
      ${whereOf(filters, cursor)}
     -- Qualified: bare created_at here would be the text column of the SELECT list, sorted as text, unindexed.
     ORDER BY a.created_at DESC, a.id DESC
     LIMIT ${limit}`;
}
