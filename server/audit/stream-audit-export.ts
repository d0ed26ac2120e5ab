// The export of a filtered audit log (GET /api/v1/admin/audit-logs/export) as a stream: a pull-based
// ReadableStream that reads the next keyset chunk only when the client has taken the last one, so memory stays
// at one chunk whatever the size of the set and a slow download slows the reads instead of buffering them.
import "server-only";
import { csvHeader, csvRow, exportFileName, jsonlRow } from "@/lib/audit/audit-export-format";
import type { AuditCursor, AuditLogExportQuery } from "@/lib/audit/audit-log-query";
import type { PrismaClient } from "../db/prisma";
import { cursorAfter, readAuditLogRows } from "./list-audit-logs";

export const AUDIT_EXPORT_CHUNK = 1_000;

const CONTENT_TYPES = {
  csv: "text/csv; charset=utf-8; header=present",
  jsonl: "application/jsonl; charset=utf-8",
} as const;

export function streamAuditExport(
  prisma: Pick<PrismaClient, "$queryRaw">,
  query: AuditLogExportQuery,
  opts: { chunk?: number; now?: Date; requestId?: string } = {},
): Response {
  const chunk = opts.chunk ?? AUDIT_EXPORT_CHUNK;
  const encoder = new TextEncoder();
  const format = query.format;
  let cursor: AuditCursor | undefined;
  let started = false;
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let text = "";
        if (!started && format === "csv") text += csvHeader();
        started = true;
        const rows = await readAuditLogRows(prisma, query, cursor, chunk);
        for (const row of rows) text += format === "csv" ? csvRow(row) : jsonlRow(row);
        if (text) controller.enqueue(encoder.encode(text));
        const last = rows.at(-1);
        if (rows.length < chunk || !last) controller.close();
        else cursor = cursorAfter(last);
      },
    },
    { highWaterMark: 0 },
  );
  const name = exportFileName(format, opts.now ?? new Date());
  return new Response(body, {
    headers: {
      "Content-Type": CONTENT_TYPES[format],
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
      ...(opts.requestId ? { "X-Request-Id": opts.requestId } : {}),
    },
  });
}
