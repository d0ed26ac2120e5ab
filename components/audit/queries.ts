// Query keys and the fetcher of the audit page (STYLE item 15): one infinite query per filter set, each page
// fetched after the previous page's cursor.
import { infiniteQueryOptions } from "@tanstack/react-query";
import { requestJson } from "@/components/api/request-json";
import type { AuditLogPage } from "@/lib/audit/audit-log-views";
import { type AuditLogParams, auditLogSearchParams } from "./audit-log-params";

const BASE = "/api/v1/admin/audit-logs";

export const auditLogKeys = {
  all: ["audit-logs"] as const,
  lists: () => [...auditLogKeys.all, "list"] as const,
  list: (params: AuditLogParams) =>
    [...auditLogKeys.lists(), auditLogSearchParams(params).toString()] as const,
};

export function auditLogPageUrl(params: AuditLogParams, cursor: string | null): string {
  const q = auditLogSearchParams(params);
  if (cursor) q.set("cursor", cursor);
  const text = q.toString();
  return text ? `${BASE}?${text}` : BASE;
}

export function auditLogQueryOptions(params: AuditLogParams) {
  return infiniteQueryOptions({
    queryKey: auditLogKeys.list(params),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      requestJson<AuditLogPage>("GET", auditLogPageUrl(params, pageParam), undefined, signal),
    getNextPageParam: (last) => last.next_cursor,
  });
}
