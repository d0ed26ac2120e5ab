/**
 * The adoption inbox's state as it appears in the address bar (`/<locale>/admin/adoptions?…`), so a reload or a
 * shared link keeps the filters, the page and the open item. It is the API's own list query
 * (`PendingAdoptionListQuery`, the schema the route validates with) plus the open item, parsed leniently: a bad
 * value in the address falls back to its default instead of failing the page. Requests state every field, so
 * the server's defaults never decide what the inbox shows.
 */
import type { z } from "zod";
import { ADOPTION_SORT_FIELDS, AdoptionId, PendingAdoptionListQuery } from "@/lib/adoption/adoption-input";

export const INBOX_PER_PAGE_CHOICES = [20, 50, 100] as const;

export type InboxParams = PendingAdoptionListQuery & {
  /** The item whose detail panel is open. */
  item?: string;
};

export const DEFAULT_INBOX_PARAMS: InboxParams = PendingAdoptionListQuery.parse({});

/** The filter fields a user sets (the ones "clear filters" resets). */
export const INBOX_FILTER_FIELDS = ["cluster_id", "namespace", "system", "service", "status"] as const;

type RawParams = Record<string, string | string[] | undefined>;

/** Parses with `schema`, dropping each field it refuses (and only those) until the rest parses. */
function parseLeniently<S extends z.ZodType>(schema: S, input: Record<string, string>): z.output<S> {
  const remaining = { ...input };
  for (let attempt = 0; attempt <= Object.keys(input).length; attempt++) {
    const result = schema.safeParse(remaining);
    if (result.success) return result.data;
    for (const issue of result.error.issues) {
      const key = issue.path[0];
      if (typeof key === "string") delete remaining[key];
    }
  }
  return schema.parse({});
}

export function parseInboxParams(raw: RawParams): InboxParams {
  const input: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined && key !== "item") input[key] = first;
  }
  const query = parseLeniently(PendingAdoptionListQuery, input);
  const itemValue = Array.isArray(raw.item) ? raw.item[0] : raw.item;
  const item = AdoptionId.safeParse(itemValue);
  return item.success ? { ...query, item: item.data } : query;
}

/** The sort order the API takes when none is given (newest first for times, A→Z for names). */
function defaultSortOrder(sortBy: InboxParams["sort_by"]): InboxParams["sort_order"] {
  return PendingAdoptionListQuery.parse({ sort_by: sortBy }).sort_order;
}

/** The state as the page's query string: defaults left out, keys in a stable order. */
export function inboxSearchParams(params: InboxParams): URLSearchParams {
  const out = new URLSearchParams();
  for (const key of ["cluster_id", "namespace", "system", "service"] as const) {
    const value = params[key];
    if (value) out.set(key, value);
  }
  for (const key of ["status", "sort_by"] as const) {
    if (params[key] !== DEFAULT_INBOX_PARAMS[key]) out.set(key, params[key]);
  }
  if (params.sort_order !== defaultSortOrder(params.sort_by)) out.set("sort_order", params.sort_order);
  for (const key of ["page", "per_page"] as const) {
    if (params[key] !== DEFAULT_INBOX_PARAMS[key]) out.set(key, String(params[key]));
  }
  if (params.item) out.set("item", params.item);
  return out;
}

/** The list request's query string: every filter that is set, and status, sort and paging always. */
export function pendingAdoptionsQuery(params: InboxParams): URLSearchParams {
  const out = new URLSearchParams();
  for (const key of ["cluster_id", "namespace", "system", "service"] as const) {
    const value = params[key];
    if (value) out.set(key, value);
  }
  out.set("status", params.status);
  out.set("sort_by", params.sort_by);
  out.set("sort_order", params.sort_order);
  out.set("page", String(params.page));
  out.set("per_page", String(params.per_page));
  return out;
}

/** A change of filter, sort or page size starts again at page 1; opening or closing an item keeps the page. */
export function withInboxChange(params: InboxParams, change: Partial<InboxParams>): InboxParams {
  const resetsPage = Object.keys(change).some((k) => k !== "page" && k !== "item");
  return { ...params, ...change, ...(resetsPage && change.page === undefined ? { page: 1 } : {}) };
}

/** Whether any filter narrows the default view (every pending item). */
export function hasInboxFilters(params: InboxParams): boolean {
  return INBOX_FILTER_FIELDS.some((key) => params[key] !== DEFAULT_INBOX_PARAMS[key]);
}

export function isInboxSortField(id: string): id is InboxParams["sort_by"] {
  return ADOPTION_SORT_FIELDS.some((field) => field === id);
}
