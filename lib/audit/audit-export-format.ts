/**
 * Rows of an audit export: CSV (RFC 4180: comma-separated, CRLF line ends, a field quoted when it holds a comma,
 * quote, CR or LF, quotes doubled) and JSON Lines. A CSV cell that a spreadsheet would take for a formula
 * (starting with = + - @, or a tab or CR that some spreadsheets skip first) gets a leading apostrophe, so opening
 * the export never runs what someone typed into a name or reason (OWASP "CSV injection").
 */
import type { AuditLogView } from "./audit-log-views";

export const AUDIT_CSV_COLUMNS = [
  "created_at",
  "action",
  "outcome",
  "actor_id",
  "actor_name",
  "resource_type",
  "resource_id",
  "resource_name",
  "parent_type",
  "parent_id",
  "environment",
  "ip_address",
  "user_agent",
  "correlation_id",
  "details",
] as const satisfies readonly (keyof AuditLogView)[];

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  let text = typeof value === "string" ? value : JSON.stringify(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvHeader(): string {
  return `${AUDIT_CSV_COLUMNS.join(",")}\r\n`;
}

export function csvRow(row: AuditLogView): string {
  return `${AUDIT_CSV_COLUMNS.map((c) => csvCell(row[c])).join(",")}\r\n`;
}

export function jsonlRow(row: AuditLogView): string {
  return `${JSON.stringify(row)}\n`;
}

/** e.g. `shepherd-audit-20261208T132000Z.csv` (no characters a Content-Disposition would need to escape). */
export function exportFileName(format: "csv" | "jsonl", now: Date): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
  return `shepherd-audit-${stamp}.${format}`;
}
