/**
 * Input of the audit-log API (`GET /api/v1/admin/audit-logs` and `…/export`), shared by the route handlers (bad
 * input is 400 VALIDATION_FAILED) and the audit page that builds the requests. Pages are keyset pages: newest
 * first by (created_at, id), the next one starts after an opaque cursor; there is no page number and no OFFSET.
 */
import { z } from "zod";

export const AUDIT_DEFAULT_PER_PAGE = 50;
export const AUDIT_MAX_PER_PAGE = 100;
export const AUDIT_OUTCOMES = ["success", "failure"] as const;
export const AUDIT_EXPORT_FORMATS = ["csv", "jsonl"] as const;
export type AuditExportFormat = (typeof AUDIT_EXPORT_FORMATS)[number];

/** The filters a URL may carry; the page keeps exactly these in its address. */
export const AUDIT_FILTER_KEYS = [
  "from",
  "to",
  "actor_id",
  "action",
  "resource_type",
  "resource_id",
  "outcome",
] as const;
export type AuditFilterKey = (typeof AUDIT_FILTER_KEYS)[number];

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === "" ? undefined : v))
    .optional();

const optionalTime = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .pipe(z.iso.datetime({ offset: true }).or(z.iso.date()).optional())
  .transform((v) => (v === undefined ? undefined : new Date(v)))
  .optional();

/**
 * `action`: an exact action (`vm.start`) or, ending with a dot, a whole domain (`vm.` → every `vm.*`). Only a
 * domain prefix is offered because that is what an index can serve (see the migration 20261208132000).
 */
const Action = z
  .string()
  .trim()
  .max(50)
  .regex(/^[a-z0-9_]+(\.[a-z0-9_.]*)?$/, "an action such as vm.start, or a domain such as vm.")
  .optional()
  .or(z.literal("").transform(() => undefined));

export const AuditFilters = z
  .object({
    from: optionalTime,
    to: optionalTime,
    actor_id: optionalText(50),
    action: Action,
    resource_type: optionalText(50),
    resource_id: optionalText(200),
    outcome: z
      .enum(AUDIT_OUTCOMES)
      .optional()
      .or(z.literal("").transform(() => undefined)),
  })
  .refine((f) => !(f.from && f.to) || f.from < f.to, { path: ["to"], message: "must be after from" });
export type AuditFilters = z.output<typeof AuditFilters>;

/** A cursor: the (created_at, id) of the last row of the page before, created_at to the microsecond. */
export interface AuditCursor {
  createdAt: string;
  id: string;
}

const CURSOR_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function encodeAuditCursor(c: AuditCursor): string {
  return btoa(`${c.createdAt}|${c.id}`).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/** undefined for anything that is not a cursor this API handed out. */
export function decodeAuditCursor(raw: string): AuditCursor | undefined {
  let text: string;
  try {
    text = atob(raw.replaceAll("-", "+").replaceAll("_", "/"));
  } catch {
    return undefined;
  }
  const [createdAt, id, ...rest] = text.split("|");
  if (rest.length > 0 || !createdAt || !id || !CURSOR_TIME.test(createdAt) || !UUID.test(id))
    return undefined;
  if (Number.isNaN(Date.parse(createdAt))) return undefined;
  return { createdAt, id };
}

const Cursor = z
  .string()
  .max(200)
  .transform((raw, ctx) => {
    const c = decodeAuditCursor(raw);
    if (!c) ctx.addIssue({ code: "custom", message: "not a cursor from this API" });
    return c as AuditCursor;
  })
  .optional()
  .or(z.literal("").transform(() => undefined));

export const AuditLogListQuery = z
  .object({
    cursor: Cursor,
    per_page: z.coerce.number().int().min(1).max(AUDIT_MAX_PER_PAGE).default(AUDIT_DEFAULT_PER_PAGE),
  })
  .and(AuditFilters);
export type AuditLogListQuery = z.output<typeof AuditLogListQuery>;

export const AuditLogExportQuery = z.object({ format: z.enum(AUDIT_EXPORT_FORMATS) }).and(AuditFilters);
export type AuditLogExportQuery = z.output<typeof AuditLogExportQuery>;

/** Whether `action` asks for a whole domain (`vm.`) rather than one action. */
export function actionDomainOf(action: string): string | undefined {
  const dot = action.indexOf(".");
  return dot === action.length - 1 ? action.slice(0, dot) : undefined;
}
