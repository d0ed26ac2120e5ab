// GET /api/v1/admin/audit-logs: the audit log, filtered, newest first, in keyset pages (server/audit).
import { AuditLogListQuery } from "@/lib/audit/audit-log-query";
import { listAuditLogs } from "@/server/audit/list-audit-logs";
import { defineRoute } from "@/server/auth/define-route";

export const GET = defineRoute({ permission: "audit.read", query: AuditLogListQuery }, ({ ctx, query }) =>
  listAuditLogs(ctx.prisma, query),
);
