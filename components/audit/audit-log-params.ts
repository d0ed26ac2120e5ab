/**
 * The audit page's filters as they appear in the address bar (`/<locale>/admin/audit-log?…`), so a reload or a
 * link from a VM or cluster page (`?resource_type=vm&resource_id=<id>`) shows that history. The values stay the
 * strings the API takes; each one the API's schema would refuse is dropped (a bad link shows the unfiltered log
 * rather than an error).
 */
import { AUDIT_FILTER_KEYS, type AuditFilterKey, AuditFilters } from "@/lib/audit/audit-log-query";

export type AuditLogParams = Partial<Record<AuditFilterKey, string>>;

type RawParams = Record<string, string | string[] | undefined>;

export function parseAuditLogParams(raw: RawParams): AuditLogParams {
  const out: AuditLogParams = {};
  for (const key of AUDIT_FILTER_KEYS) {
    const value = raw[key];
    const first = (Array.isArray(value) ? value[0] : value)?.trim();
    if (first && AuditFilters.safeParse({ [key]: first }).success) out[key] = first;
  }
  // from/to are only refused together (an empty range): keep "from", drop "to".
  if (out.from && out.to && !AuditFilters.safeParse({ from: out.from, to: out.to }).success) delete out.to;
  return out;
}

/** The filters as a query string, keys in a stable order, blanks left out. */
export function auditLogSearchParams(params: AuditLogParams): URLSearchParams {
  const out = new URLSearchParams();
  for (const key of AUDIT_FILTER_KEYS) {
    const value = params[key];
    if (value) out.set(key, value);
  }
  return out;
}

/** The history of one resource on the audit page: what VM, cluster, system and service pages link to. */
export function auditHistoryHref(resourceType: string, resourceId: string): string {
  return `/admin/audit-log?${auditLogSearchParams({ resource_type: resourceType, resource_id: resourceId })}`;
}

/** The export download of the filtered set. */
export function auditExportHref(params: AuditLogParams, format: "csv" | "jsonl"): string {
  const q = auditLogSearchParams(params);
  q.set("format", format);
  return `/api/v1/admin/audit-logs/export?${q}`;
}
