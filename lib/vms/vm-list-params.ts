/**
 * The VM list's query as it appears in a URL (`/api/v1/vms?…` and the page's address bar): one schema, so the
 * route (strict: bad input is 400 VALIDATION_FAILED), the page (lenient: a bad value falls back to its
 * default) and the browser (serialising its state back into the URL) agree on every name and default.
 */
import { z } from "zod";
import { VMStatus } from "@/lib/domain/vm";

export const VM_LIST_SORT_FIELDS = ["name", "namespace", "cluster", "status", "created"] as const;
export type VmListSortField = (typeof VM_LIST_SORT_FIELDS)[number];
export const VM_STATUSES = Object.values(VMStatus);

export const VM_LIST_DEFAULT_PER_PAGE = 25;
export const VM_LIST_MAX_PER_PAGE = 100;

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === "" ? undefined : v))
    .optional();

/** `status=RUNNING,FAILED`: a comma-separated list of VMStatus values. */
const statusList = z
  .string()
  .transform((v) =>
    v
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.enum(VM_STATUSES)).max(VM_STATUSES.length))
  .transform((v) => (v.length === 0 ? undefined : [...new Set(v)]))
  .optional();

export const vmListParamsSchema = z.object({
  cluster: optionalText(64),
  namespace: optionalText(63),
  status: statusList,
  q: optionalText(100),
  sort: z.enum(VM_LIST_SORT_FIELDS).default("name"),
  order: z.enum(["asc", "desc"]).default("asc"),
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  per_page: z.coerce.number().int().min(1).max(VM_LIST_MAX_PER_PAGE).default(VM_LIST_DEFAULT_PER_PAGE),
});

export type VmListParams = z.output<typeof vmListParamsSchema>;

export const DEFAULT_VM_LIST_PARAMS: VmListParams = vmListParamsSchema.parse({});

type RawParams = Record<string, string | string[] | undefined>;

/** First value of each key (Next's searchParams may repeat a key). */
function firstValues(raw: RawParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) out[key] = first;
  }
  return out;
}

/** For the page: each invalid field falls back to its default instead of failing the whole address. */
export function parseVmListParamsLenient(raw: RawParams): VmListParams {
  const input = firstValues(raw);
  const result = vmListParamsSchema.safeParse(input);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const key = issue.path[0];
    if (typeof key === "string") delete input[key];
  }
  return vmListParamsSchema.safeParse(input).data ?? DEFAULT_VM_LIST_PARAMS;
}

/** The params as a query string, defaults left out (short, shareable URLs). Keys in a stable order. */
export function vmListSearchParams(params: VmListParams): URLSearchParams {
  const out = new URLSearchParams();
  if (params.cluster) out.set("cluster", params.cluster);
  if (params.namespace) out.set("namespace", params.namespace);
  if (params.status?.length) out.set("status", params.status.join(","));
  if (params.q) out.set("q", params.q);
  if (params.sort !== DEFAULT_VM_LIST_PARAMS.sort) out.set("sort", params.sort);
  if (params.order !== DEFAULT_VM_LIST_PARAMS.order) out.set("order", params.order);
  if (params.page !== DEFAULT_VM_LIST_PARAMS.page) out.set("page", String(params.page));
  if (params.per_page !== DEFAULT_VM_LIST_PARAMS.per_page) out.set("per_page", String(params.per_page));
  return out;
}

/** A change of filter or sort starts again at page 1; a page change keeps everything else. */
export function withVmListChange(params: VmListParams, change: Partial<VmListParams>): VmListParams {
  const resetsPage = Object.keys(change).some((k) => k !== "page");
  return { ...params, ...change, ...(resetsPage && change.page === undefined ? { page: 1 } : {}) };
}
