"use client";

// The registered clusters: health, KubeVirt version, last check, watchers, cache and VM counts, sorted on
// the server (TanStack Table in manual mode over `GET /api/v1/admin/clusters`), live through change notices.
// Registering opens a dialog; a new cluster appears at once and turns healthy after its first check.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import { useTranslations } from "next-intl";
import { useEffect, useMemo, useState } from "react";
import { CacheStatusPill } from "@/components/live/cache-status";
import { LiveIndicator } from "@/components/live/live-indicator";
import { Button } from "@/components/ui/button";
import { DataTable, useServerSortedTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { LoadErrorBanner } from "@/components/ui/load-error-banner";
import { PaginationBar } from "@/components/ui/pagination-bar";
import { RelativeTime } from "@/components/ui/relative-time";
import type { ClusterSummaryView } from "@/lib/clusters/cluster-views";
import { Link } from "@/lib/i18n/navigation";
import {
  type ClusterListParams,
  type ClusterSortField,
  clusterListQueryOptions,
  DEFAULT_CLUSTER_LIST_PARAMS,
  pageAfterShrink,
} from "./cluster-queries";
import { ClusterStatusPill, HealthReason, WatcherStatePill } from "./cluster-status";
import { RegisterClusterDialog } from "./register-cluster-dialog";
import { useEnvironmentLabels } from "./use-cluster-labels";
import { useClusterLiveUpdates } from "./use-cluster-live-updates";

/** Table column id → the API's sort field. */
const SORT_FIELD: Record<string, ClusterSortField> = {
  name: "name",
  status: "status",
  created: "created_at",
};

export function ClusterList() {
  const t = useTranslations("adminClusters.list");
  const [params, setParams] = useState<ClusterListParams>(DEFAULT_CLUSTER_LIST_PARAMS);
  const [registering, setRegistering] = useState(false);
  const [registered, setRegistered] = useState<string | null>(null);
  const tr = useTranslations("adminClusters.register");
  const query = useQuery({ ...clusterListQueryOptions(params), placeholderData: keepPreviousData });
  const live = useClusterLiveUpdates();
  const data = query.data;
  // The last cluster of the last page went away: show the page before, not an empty table.
  const stepBackTo =
    data && !query.isPlaceholderData ? pageAfterShrink(params.page, data.pagination) : undefined;
  useEffect(() => {
    if (stepBackTo !== undefined) setParams((p) => ({ ...p, page: stepBackTo }));
  }, [stepBackTo]);

  const openRegister = () => {
    setRegistered(null);
    setRegistering(true);
  };

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <Button variant="primary" onClick={openRegister}>
          {t("register")}
        </Button>
        <LiveIndicator state={live} fetching={query.isFetching} />
      </div>
      {registered ? (
        <p role="status" className="rounded-md border border-ok/30 bg-ok-soft px-4 py-2 text-sm text-ok">
          {tr("registered", { name: registered })}
        </p>
      ) : null}
      {query.isError ? (
        <LoadErrorBanner
          message={data ? t("refreshError") : t("loadError")}
          query={query}
          retryLabel={t("retry")}
        />
      ) : null}
      {data ? (
        data.pagination.total_items === 0 ? (
          <EmptyState
            title={t("emptyTitle")}
            description={t("emptyDescription")}
            action={
              <Button variant="primary" onClick={openRegister}>
                {t("registerFirst")}
              </Button>
            }
          />
        ) : (
          <>
            <ClusterTable
              items={data.items}
              params={params}
              onChange={(c) => setParams({ ...params, ...c })}
            />
            {data.pagination.total_pages > 1 ? (
              <PaginationBar pagination={data.pagination} onPage={(page) => setParams({ ...params, page })} />
            ) : null}
          </>
        )
      ) : query.isPending ? (
        <ListSkeleton />
      ) : null}
      <RegisterClusterDialog
        open={registering}
        onClose={() => setRegistering(false)}
        onRegistered={(cluster) => {
          setRegistering(false);
          setRegistered(cluster.name);
        }}
      />
    </div>
  );
}

function ListSkeleton() {
  const t = useTranslations("adminClusters.list");
  return (
    <div className="rounded-lg border border-line bg-surface p-4" aria-busy="true">
      <span role="status" className="sr-only">
        {t("loading")}
      </span>
      <div aria-hidden="true" className="flex animate-pulse flex-col gap-3">
        {[0, 1, 2].map((row) => (
          <div key={row} className="grid grid-cols-[2fr_1fr_1fr_1fr_2fr] gap-4">
            {[0, 1, 2, 3, 4].map((cell) => (
              <div key={cell} className="h-4 rounded bg-line" />
            ))}
          </div>
        ))}
      </div>
    </div>
  );
}

function ClusterTable({
  items,
  params,
  onChange,
}: {
  items: ClusterSummaryView[];
  params: ClusterListParams;
  onChange: (change: Partial<ClusterListParams>) => void;
}) {
  const t = useTranslations("adminClusters.list");
  const common = useTranslations("adminClusters");
  const environments = useEnvironmentLabels();
  const none = common("none");

  const columns = useMemo<ColumnDef<ClusterSummaryView>[]>(
    () => [
      {
        id: "name",
        accessorFn: (c) => c.name,
        header: t("columns.name"),
        cell: ({ row }) => (
          <Link
            href={`/admin/clusters/${row.original.id}`}
            className="flex min-w-40 flex-col font-medium text-accent hover:text-accent-strong hover:underline"
          >
            <span>{row.original.display_name}</span>
            {row.original.display_name !== row.original.name ? (
              <span className="font-mono text-xs font-normal text-ink-muted">{row.original.name}</span>
            ) : null}
          </Link>
        ),
      },
      {
        id: "environment",
        header: t("columns.environment"),
        enableSorting: false,
        cell: ({ row }) => environments[row.original.environment],
      },
      {
        id: "enabled",
        header: t("columns.enabled"),
        enableSorting: false,
        cell: ({ row }) => (
          <span data-enabled={row.original.enabled} className={row.original.enabled ? "" : "text-ink-muted"}>
            {row.original.enabled ? t("enabled") : t("disabled")}
          </span>
        ),
      },
      {
        id: "status",
        accessorFn: (c) => c.status,
        header: t("columns.status"),
        cell: ({ row }) => (
          <div className="flex flex-col items-start gap-1">
            <ClusterStatusPill status={row.original.status} />
            {row.original.status_reason && row.original.status !== "HEALTHY" ? (
              <HealthReason reason={row.original.status_reason} className="max-w-56 text-xs text-ink-muted" />
            ) : null}
          </div>
        ),
      },
      {
        id: "version",
        header: t("columns.version"),
        enableSorting: false,
        cell: ({ row }) => {
          const v = row.original.kubevirt_version;
          if (!v) return none;
          return (
            <span
              data-version={v}
              className={row.original.version_known ? "font-mono text-xs" : "font-mono text-xs text-warn"}
            >
              {row.original.version_known ? v : t("versionUnknown", { version: v })}
            </span>
          );
        },
      },
      {
        id: "lastCheck",
        header: t("columns.lastCheck"),
        enableSorting: false,
        cell: ({ row }) =>
          row.original.last_checked_at ? (
            <RelativeTime iso={row.original.last_checked_at} />
          ) : (
            <span className="text-ink-muted">{t("neverChecked")}</span>
          ),
      },
      {
        id: "watcher",
        header: t("columns.watcher"),
        enableSorting: false,
        cell: ({ row }) => <WatcherStatePill state={row.original.watcher_state} />,
      },
      {
        id: "cache",
        header: t("columns.cache"),
        enableSorting: false,
        cell: ({ row }) => <CacheStatusPill status={row.original.cache_status} />,
      },
      {
        id: "vms",
        header: t("columns.vms"),
        enableSorting: false,
        cell: ({ row }) =>
          t("vmCounts", { governed: row.original.governed_vm_count, cached: row.original.cached_vm_count }),
      },
      {
        id: "created",
        accessorFn: (c) => c.created_at,
        header: t("columns.created"),
        cell: ({ row }) => <RelativeTime iso={row.original.created_at} />,
      },
    ],
    [t, environments, none],
  );

  const columnId = Object.entries(SORT_FIELD).find(([, f]) => f === params.sort_by)?.[0] ?? "name";
  const table = useServerSortedTable({
    data: items,
    columns,
    getRowId: (c) => c.id,
    sort: { id: columnId, desc: params.sort_order === "desc" },
    onSort: ({ id, desc }) => {
      const field = SORT_FIELD[id];
      if (field) onChange({ sort_by: field, sort_order: desc ? "desc" : "asc", page: 1 });
    },
  });

  return (
    <DataTable
      table={table}
      label={t("tableLabel")}
      rowProps={(row) => ({ "data-cluster": row.original.name })}
    />
  );
}
