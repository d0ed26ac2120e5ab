// GET /api/v1/admin/audit-logs/export?format=csv|jsonl&…filters: the filtered audit log as a streamed download.
import { AuditLogExportQuery } from "@/lib/audit/audit-log-query";
import { streamAuditExport } from "@/server/audit/stream-audit-export";
import { defineRoute } from "@/server/auth/define-route";

export const GET = defineRoute(
  { permission: "audit.read", query: AuditLogExportQuery },
  async ({ ctx, query, requestId }) => streamAuditExport(ctx.prisma, query, { requestId }),
);
