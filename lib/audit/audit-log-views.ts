/** JSON shapes of the audit-log API (`/api/v1/admin/audit-logs`), read by the audit page. */

export interface AuditLogView {
  id: string;
  /** ISO 8601 UTC to the microsecond, as stored. */
  created_at: string;
  action: string;
  actor_id: string;
  actor_name: string | null;
  resource_type: string;
  resource_id: string;
  resource_name: string | null;
  parent_type: string | null;
  parent_id: string | null;
  environment: string | null;
  outcome: "success" | "failure";
  /** Redacted when written (SPEC §19). */
  details: unknown;
  ip_address: string | null;
  user_agent: string | null;
  correlation_id: string | null;
}

export interface AuditLogPage {
  items: AuditLogView[];
  per_page: number;
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  next_cursor: string | null;
}
