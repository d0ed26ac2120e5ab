"use client";

// The VM list: server-side filtering, sorting and paging (TanStack Table in manual mode over the
// /api/v1/vms page), its state in the URL, each cluster's cache freshness, and live updates: a change
// notice for VMs invalidates the list queries, which refetch. The server renders the first page. A governed
// row links to its VM page and offers start, stop and restart; a row Shepherd does not govern (admins only)
// is marked so and offers nothing.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import { useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useCallback, useMemo } from "react";
import { CacheStatusPill } from "@/components/live/cache-status";
import { LiveIndicator } from "@/components/live/live-indicator";
import { useCacheEvents } from "@/components/live/use-cache-events";
import { useCoalescedInvalidation } from "@/components/live/use-coalesced-invalidation";
import { Button } from "@/components/ui/button";
import { DataTable, useServerSortedTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterForm, SelectFilter, TextFilter } from "@/components/ui/filter-form";
import { LoadErrorBanner } from "@/components/ui/load-error-banner";
import { PaginationBar } from "@/components/ui/pagination-bar";
import { RelativeTime, useRelativeTimeText } from "@/components/ui/relative-time";
import { Spinner } from "@/components/ui/spinner";
import type { VMStatus } from "@/lib/domain/vm";
import {
  parseVmListParamsLenient,
  VM_LIST_SORT_FIELDS,
  VM_STATUSES,
  type VmListParams,
  type VmListSortField,
  vmListSearchParams,
  withVmListChange,
} from "@/lib/vms/vm-list-params";
import type { VmListClusterStatus, VmListItem, VmListPage } from "@/lib/vms/vm-list-view";
import { affectsVmLists, vmKeys, vmListQueryOptions } from "./queries";
import { useVmStatusLabels } from "./use-vm-status-labels";
import { VmNameCell, VmRowActions } from "./vm-list-row";
import { VmStatusPill } from "./vm-status-pill";

/** Statuses whose cause is worth a line under the status. */
const SHOWS_REASON = new Set<VMStatus>(["FAILED", "UNKNOWN", "PENDING"]);

const PER_PAGE_CHOICES = [25, 50, 100] as const;

function isSortField(id: string): id is VmListSortField {
  return (VM_LIST_SORT_FIELDS as readonly string[]).includes(id);
}

export function VmList({
  initialParams,
  initialPage,
  renderedAt,
}: {
  initialParams: VmListParams;
  initialPage: VmListPage;
  /** When the server read `initialPage` (ms), so the query knows how fresh it is. */
  renderedAt: number;
}) {
  const t = useTranslations("vm.list");
  const searchParams = useSearchParams();
  const params = useMemo(
    () => parseVmListParamsLenient(Object.fromEntries(searchParams.entries())),
    [searchParams],
  );
  const initialKey = vmListSearchParams(initialParams).toString();
  const isInitial = vmListSearchParams(params).toString() === initialKey;

  const query = useQuery({
    ...vmListQueryOptions(params),
    placeholderData: keepPreviousData,
    initialData: isInitial ? initialPage : undefined,
    initialDataUpdatedAt: isInitial ? renderedAt : undefined,
  });

  const refetchLists = useCoalescedInvalidation(vmKeys.lists());
  const refetchTasks = useCoalescedInvalidation(vmKeys.tasks());
  const live = useCacheEvents({
    onNotice: (notice) => {
      if (affectsVmLists(notice)) refetchLists();
    },
    // A row's task (start, stop, restart from the list) reached its outcome: the row's notice follows it.
    onTaskNotice: refetchTasks,
    onResync: () => {
      refetchLists();
      refetchTasks();
    },
  });

  // The native history API keeps useSearchParams in step without a server round trip (the query fetches).
  const navigate = useCallback(
    (change: Partial<VmListParams>) => {
      const next = vmListSearchParams(withVmListChange(params, change)).toString();
      window.history.pushState(null, "", `${window.location.pathname}${next ? `?${next}` : ""}`);
    },
    [params],
  );

  const data = query.data;
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <CacheStatusBar clusters={data?.clusters ?? initialPage.clusters} />
        <LiveIndicator state={live} fetching={query.isFetching} />
      </div>
      <Filters params={params} clusters={data?.clusters ?? initialPage.clusters} onChange={navigate} />
      {query.isError ? (
        <LoadErrorBanner
          message={data ? t("refreshError") : t("loadError")}
          query={query}
          retryLabel={t("retry")}
        />
      ) : null}
      {data ? (
        <Results page={data} params={params} onChange={navigate} />
      ) : query.isPending ? (
        <Spinner label={t("loading")} />
      ) : null}
    </div>
  );
}

function Results({
  page,
  params,
  onChange,
}: {
  page: VmListPage;
  params: VmListParams;
  onChange: (change: Partial<VmListParams>) => void;
}) {
  const t = useTranslations("vm.list");
  const filtered = Boolean(params.cluster || params.namespace || params.status?.length || params.q);
  if (Object.keys(page.clusters).length === 0)
    return <EmptyState title={t("heading")} description={t("empty.noClusters")} />;
  if (page.pagination.total_items === 0)
    return filtered ? (
      <EmptyState
        title={t("empty.noMatch")}
        action={
          <Button
            onClick={() =>
              onChange({ cluster: undefined, namespace: undefined, status: undefined, q: undefined })
            }
          >
            {t("filters.clear")}
          </Button>
        }
      />
    ) : (
      <EmptyState title={t("heading")} description={t("empty.noVms")} />
    );
  return (
    <>
      <VmTable items={page.items} params={params} onChange={onChange} />
      <PaginationBar
        pagination={page.pagination}
        onPage={(p) => onChange({ page: p })}
        perPage={{
          value: params.per_page,
          choices: PER_PAGE_CHOICES,
          onChange: (per_page) => onChange({ per_page }),
        }}
      />
    </>
  );
}

function VmTable({
  items,
  params,
  onChange,
}: {
  items: VmListItem[];
  params: VmListParams;
  onChange: (change: Partial<VmListParams>) => void;
}) {
  const t = useTranslations("vm.list");
  const none = t("none");

  const columns = useMemo<ColumnDef<VmListItem>[]>(
    () => [
      {
        id: "name",
        accessorFn: (vm) => vm.name,
        header: t("columns.name"),
        cell: ({ row }) => <VmNameCell vm={row.original} />,
      },
      {
        id: "cluster",
        accessorFn: (vm) => vm.cluster_name,
        header: t("columns.cluster"),
        cell: ({ row }) => row.original.cluster_name,
      },
      {
        id: "namespace",
        accessorFn: (vm) => vm.namespace,
        header: t("columns.namespace"),
        cell: ({ row }) => row.original.namespace,
      },
      {
        id: "service",
        header: t("columns.service"),
        enableSorting: false,
        cell: ({ row }) =>
          row.original.system || row.original.service
            ? `${row.original.system ?? none} / ${row.original.service ?? none}`
            : none,
      },
      {
        id: "status",
        accessorFn: (vm) => vm.status,
        header: t("columns.status"),
        cell: ({ row }) => {
          const vm = row.original;
          return (
            <div className="flex flex-col items-start gap-1">
              <VmStatusPill status={vm.status} />
              {SHOWS_REASON.has(vm.status) && vm.status_reason ? (
                <span className="text-xs text-ink-muted" title={vm.status_message ?? undefined}>
                  {t("reason", { reason: vm.status_reason })}
                </span>
              ) : null}
            </div>
          );
        },
      },
      {
        id: "ip",
        header: t("columns.ip"),
        enableSorting: false,
        cell: ({ row }) => <span className="font-mono text-xs">{row.original.ip ?? none}</span>,
      },
      {
        id: "node",
        header: t("columns.node"),
        enableSorting: false,
        cell: ({ row }) => row.original.node ?? none,
      },
      {
        id: "created",
        accessorFn: (vm) => vm.created_at,
        header: t("columns.age"),
        cell: ({ row }) => {
          const created = row.original.created_at;
          return created ? <RelativeTime iso={created} /> : none;
        },
      },
      {
        id: "actions",
        header: t("columns.actions"),
        enableSorting: false,
        cell: ({ row }) => <VmRowActions vm={row.original} />,
      },
    ],
    [t, none],
  );

  const table = useServerSortedTable({
    data: items,
    columns,
    getRowId: (vm) => `${vm.cluster_id}/${vm.namespace}/${vm.name}`,
    sort: { id: params.sort, desc: params.order === "desc" },
    onSort: ({ id, desc }) => {
      if (isSortField(id)) onChange({ sort: id, order: desc ? "desc" : "asc" });
    },
  });

  return (
    <DataTable table={table} label={t("tableLabel")} rowProps={(row) => ({ "data-vm": row.original.name })} />
  );
}

function Filters({
  params,
  clusters,
  onChange,
}: {
  params: VmListParams;
  clusters: Record<string, VmListClusterStatus>;
  onChange: (change: Partial<VmListParams>) => void;
}) {
  const t = useTranslations("vm.list.filters");
  const statusLabels = useVmStatusLabels();
  return (
    <FilterForm
      label={t("label")}
      // Re-mount the text inputs when the URL changes (back/forward, clear) so they show its values.
      key={`${params.namespace ?? ""}|${params.q ?? ""}`}
      textFields={["q", "namespace"]}
      onApply={({ q, namespace }) => onChange({ namespace, q })}
      applyLabel={t("apply")}
    >
      <TextFilter
        label={t("search")}
        name="q"
        type="search"
        defaultValue={params.q ?? ""}
        placeholder={t("searchPlaceholder")}
      />
      <SelectFilter
        label={t("cluster")}
        value={params.cluster ?? ""}
        onChange={(e) => onChange({ cluster: e.target.value || undefined })}
        anyLabel={t("allClusters")}
        options={Object.entries(clusters).map(([id, c]) => [id, c.name] as const)}
      />
      <TextFilter
        label={t("namespace")}
        name="namespace"
        defaultValue={params.namespace ?? ""}
        placeholder={t("namespacePlaceholder")}
      />
      <SelectFilter
        label={t("status")}
        value={params.status?.[0] ?? ""}
        onChange={(e) => {
          const value = VM_STATUSES.find((s) => s === e.target.value);
          onChange({ status: value ? [value] : undefined });
        }}
        anyLabel={t("allStatuses")}
        options={VM_STATUSES.map((s) => [s, statusLabels[s]] as const)}
      />
    </FilterForm>
  );
}

function CacheStatusBar({ clusters }: { clusters: Record<string, VmListClusterStatus> }) {
  const t = useTranslations("vm.cacheStatus");
  const relative = useRelativeTimeText();
  const entries = Object.entries(clusters);
  if (entries.length === 0) return null;
  return (
    <ul aria-label={t("label")} className="flex flex-wrap gap-x-5 gap-y-2 text-sm">
      {entries.map(([id, c]) => (
        <li key={id} data-cluster={c.name} className="flex items-center gap-2">
          <span className="font-medium">{c.name}</span>
          <CacheStatusPill status={c.status} />
          <span className="text-ink-muted" suppressHydrationWarning>
            {c.last_synced_at ? t("lastSynced", { relative: relative(c.last_synced_at) }) : t("neverSynced")}
          </span>
        </li>
      ))}
    </ul>
  );
}
