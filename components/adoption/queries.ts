// Query keys, fetchers and the cache helper of the adoption inbox (STYLE item 15). Keys come from one factory,
// so a decision or a scan invalidates exactly the lists, details and scans the components subscribed to.
import { type QueryClient, queryOptions } from "@tanstack/react-query";
import { requestJson } from "@/components/api/request-json";
import type {
  AdoptionScanView,
  AdoptionStatusView,
  BatchDecisionResultView,
  PendingAdoptionDetailView,
  PendingAdoptionPageView,
  PendingAdoptionView,
} from "@/lib/adoption/adoption-views";
import { type InboxParams, pendingAdoptionsQuery } from "./inbox-params";

const BASE = "/api/v1/admin/pending-adoptions";
/**
 * Live notices (use-adoption-live-updates.ts) refresh an open inbox at once; should the stream be down, it
 * still looks again this often and when the window regains focus.
 */
export const ADOPTION_POLL_MS = 60_000;
const SCANS = "/api/v1/admin/adoption-scans";

/** The list's identity: the inbox state without the open item (opening an item does not refetch the list). */
export type InboxListKeyParams = Omit<InboxParams, "item">;

export const adoptionKeys = {
  all: ["adoptions"] as const,
  lists: () => [...adoptionKeys.all, "list"] as const,
  list: ({ item: _item, ...params }: InboxParams) => [...adoptionKeys.lists(), params] as const,
  details: () => [...adoptionKeys.all, "detail"] as const,
  detail: (id: string) => [...adoptionKeys.details(), id] as const,
  scans: () => [...adoptionKeys.all, "scans"] as const,
};

const itemUrl = (id: string) => `${BASE}/${encodeURIComponent(id)}`;

export function pendingAdoptionsQueryOptions(params: InboxParams) {
  return queryOptions({
    queryKey: adoptionKeys.list(params),
    refetchInterval: ADOPTION_POLL_MS,
    refetchOnWindowFocus: true,
    queryFn: ({ signal }) =>
      requestJson<PendingAdoptionPageView>(
        "GET",
        `${BASE}?${pendingAdoptionsQuery(params).toString()}`,
        undefined,
        signal,
      ),
  });
}

export function pendingAdoptionQueryOptions(id: string) {
  return queryOptions({
    queryKey: adoptionKeys.detail(id),
    queryFn: ({ signal }) => requestJson<PendingAdoptionDetailView>("GET", itemUrl(id), undefined, signal),
  });
}

export function adoptionScansQueryOptions() {
  return queryOptions({
    queryKey: adoptionKeys.scans(),
    refetchInterval: ADOPTION_POLL_MS,
    refetchOnWindowFocus: true,
    queryFn: ({ signal }) => requestJson<AdoptionScanView[]>("GET", SCANS, undefined, signal),
  });
}

export type AdoptionDecision = "adopt" | "ignore" | "reopen";

/** One item's decision; the answer is the item as it is now (its list fields; the detail is refetched). */
export function decideAdoption(
  id: string,
  decision: AdoptionDecision,
  reason?: string,
): Promise<PendingAdoptionView> {
  const body = decision === "ignore" && reason ? { reason } : {};
  return requestJson<PendingAdoptionView>("POST", `${itemUrl(id)}/${decision}`, body);
}

export function decideAdoptionBatch(input: {
  ids: string[];
  decision: "adopt" | "ignore";
  reason?: string;
}): Promise<BatchDecisionResultView[]> {
  const { ids, decision, reason } = input;
  return requestJson<BatchDecisionResultView[]>("POST", `${BASE}/batch`, {
    ids,
    decision,
    ...(decision === "ignore" && reason ? { reason } : {}),
  });
}

/** Scans every cluster now, or one; answers the latest scan of each cluster. */
export function scanNow(clusterId?: string): Promise<AdoptionScanView[]> {
  return requestJson<AdoptionScanView[]>("POST", SCANS, clusterId ? { cluster_id: clusterId } : {});
}

/**
 * A list page after some items changed status, before the server confirms it: items that no longer match the
 * list's status filter leave it (and its total), the others show their new status, and the per-cluster
 * pending counts drop for each item that left PENDING. Pure, so the inbox reacts at once and the refetch that
 * follows only confirms it.
 */
export function applyDecisions(
  page: PendingAdoptionPageView,
  statusFilter: AdoptionStatusView,
  decided: ReadonlyMap<string, AdoptionStatusView>,
): PendingAdoptionPageView {
  const pendingByCluster = structuredClone(page.pending_by_cluster);
  const items = [];
  let changed = false;
  let removed = 0;
  for (const item of page.items) {
    const status = decided.get(item.id);
    if (status === undefined || status === item.status) {
      items.push(item);
      continue;
    }
    changed = true;
    const counts = pendingByCluster[item.cluster_id];
    if (counts) {
      if (item.status === "PENDING") counts.pending = Math.max(0, counts.pending - 1);
      if (status === "PENDING") counts.pending += 1;
    }
    if (statusFilter === status) items.push({ ...item, status });
    else removed += 1;
  }
  if (!changed) return page;
  return {
    ...page,
    items,
    pagination: { ...page.pagination, total_items: Math.max(0, page.pagination.total_items - removed) },
    pending_by_cluster: pendingByCluster,
  };
}

/**
 * Shows decisions everywhere the inbox caches them: each cached list at once (through `applyDecisions`, with
 * that list's own status filter), then every list and the decided items' details refetch to confirm.
 */
export async function reflectDecisions(
  client: QueryClient,
  decided: ReadonlyMap<string, AdoptionStatusView>,
): Promise<void> {
  const lists = client.getQueriesData<PendingAdoptionPageView>({ queryKey: adoptionKeys.lists() });
  for (const [key, data] of lists) {
    if (!data) continue;
    const params = key[2] as InboxListKeyParams | undefined;
    if (params) client.setQueryData(key, applyDecisions(data, params.status, decided));
  }
  await Promise.all([
    client.invalidateQueries({ queryKey: adoptionKeys.lists() }),
    ...[...decided.keys()].map((id) => client.invalidateQueries({ queryKey: adoptionKeys.detail(id) })),
  ]);
}
