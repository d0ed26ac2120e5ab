// One keyset page of the audit log (GET /api/v1/admin/audit-logs): newest first, `next_cursor` when older rows
// remain. One row more than the page is read to know that, so no count(*) over a million rows is needed.
import "server-only";
import {
  type AuditCursor,
  type AuditFilters,
  type AuditLogListQuery,
  encodeAuditCursor,
} from "@/lib/audit/audit-log-query";
import type { AuditLogPage, AuditLogView } from "@/lib/audit/audit-log-views";
import type { PrismaClient } from "../db/prisma";
import { type AuditLogRow, auditLogPageSql } from "./audit-log-sql";

type Reader = Pick<PrismaClient, "$queryRaw">;

export async function readAuditLogRows(
  prisma: Reader,
  filters: AuditFilters,
  cursor: AuditCursor | undefined,
  limit: number,
): Promise<AuditLogView[]> {
  return prisma.$queryRaw<AuditLogRow[]>(auditLogPageSql(filters, cursor, limit));
}

export function cursorAfter(row: AuditLogView): AuditCursor {
  return { createdAt: row.created_at, id: row.id };
}

export async function listAuditLogs(prisma: Reader, query: AuditLogListQuery): Promise<AuditLogPage> {
  const rows = await readAuditLogRows(prisma, query, query.cursor, query.per_page + 1);
  const items = rows.slice(0, query.per_page);
  const last = items.at(-1);
  return {
    items,
    per_page: query.per_page,
    next_cursor: rows.length > query.per_page && last ? encodeAuditCursor(cursorAfter(last)) : null,
  };
}
