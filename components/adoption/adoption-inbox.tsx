"use client";

// The adoption inbox: the latest scan of each cluster with "Scan now", pending counts per cluster, filters in
// the URL, the table with multi-select for batch decisions, pagination, and the detail panel of the item named
// in the URL. Data comes from /api/v1/admin/* through TanStack Query; every decision refetches what it changed.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { RowSelectionState } from "@tanstack/react-table";
import { useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { type ReactNode, useCallback, useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { LoadErrorBanner } from "@/components/ui/load-error-banner";
import { PaginationBar } from "@/components/ui/pagination-bar";
import { useRelativeTimeText } from "@/components/ui/relative-time";
import { Spinner } from "@/components/ui/spinner";
import type { PendingAdoptionPageView } from "@/lib/adoption/adoption-views";
import { AdoptionDetailPanel } from "./adoption-detail-panel";
import { lastFinishedAt } from "./adoption-scans";
import { type BatchDecision, BatchDecisionDialog } from "./batch-decision-dialog";
import { InboxFilters } from "./inbox-filters";
import { type InboxNotice, InboxNoticeBanner } from "./inbox-notice";
import {
  hasInboxFilters,
  INBOX_PER_PAGE_CHOICES,
  type InboxParams,
  inboxSearchParams,
  parseInboxParams,
  withInboxChange,
} from "./inbox-params";
import { PendingAdoptionTable, PendingAdoptionTableSkeleton } from "./pending-adoption-table";
import { adoptionKeys, adoptionScansQueryOptions, pendingAdoptionsQueryOptions } from "./queries";
import { ScanSummary } from "./scan-summary";
import { useAdoptionLiveUpdates } from "./use-adoption-live-updates";
import { useScanNow } from "./use-scan-now";

export function AdoptionInbox() {
  const t = useTranslations("adoption.inbox");
  const tScan = useTranslations("adoption.scan");
  const tFilters = useTranslations("adoption.filters");
  const searchParams = useSearchParams();
  const params = useMemo(() => parseInboxParams(Object.fromEntries(searchParams.entries())), [searchParams]);
  const [notice, setNotice] = useState<InboxNotice | null>(null);
  const [batch, setBatch] = useState<BatchDecision | null>(null);
  // The selection belongs to one list (filters + page): another list starts with nothing selected.
  const listKey = JSON.stringify(adoptionKeys.list(params));
  const [selection, setSelection] = useState<{ listKey: string; rows: RowSelectionState }>({
    listKey,
    rows: {},
  });
  const rows = selection.listKey === listKey ? selection.rows : {};
  const setRows = (next: RowSelectionState) => setSelection({ listKey, rows: next });

  const list = useQuery({ ...pendingAdoptionsQueryOptions(params), placeholderData: keepPreviousData });
  const scans = useQuery(adoptionScansQueryOptions());
  useAdoptionLiveUpdates();
  const scan = useScanNow(setNotice);

  // The native history API keeps useSearchParams in step without a server round trip (the queries fetch).
  const navigate = useCallback(
    (change: Partial<InboxParams>) => {
      const next = inboxSearchParams(withInboxChange(params, change)).toString();
      window.history.pushState(null, "", `${window.location.pathname}${next ? `?${next}` : ""}`);
    },
    [params],
  );
  const openItem = useCallback((id: string) => navigate({ item: id }), [navigate]);

  const data = list.data;
  const clusters = useMemo(() => clusterNames(data, scans.data), [data, scans.data]);
  const selectedItems = (data?.items ?? []).filter((item) => rows[item.id] && item.status === "PENDING");

  const scanButton = (
    <Button
      variant="primary"
      onClick={() => {
        setNotice(null);
        scan.mutate();
      }}
      disabled={scan.isPending}
    >
      {scan.isPending ? <Spinner /> : null}
      {scan.isPending ? tScan("scanning") : tScan("scanNow")}
    </Button>
  );

  return (
    <div className="flex flex-col gap-6">
      {notice ? <InboxNoticeBanner notice={notice} onDismiss={() => setNotice(null)} /> : null}
      <ScanSummary scans={scans} scanButton={scanButton} />
      <section aria-labelledby="adoption-items-heading" className="flex flex-col gap-4">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="adoption-items-heading" className="text-lg font-semibold">
            {t("tableLabel")}
          </h2>
          {list.isFetching && data ? <Spinner label={t("refreshing")} /> : null}
        </div>
        {data ? <ClusterCounts page={data} onPick={(cluster_id) => navigate({ cluster_id })} /> : null}
        <InboxFilters params={params} clusters={clusters} onChange={navigate} />
        {list.isError ? (
          <LoadErrorBanner
            message={data ? t("refreshError") : t("loadError")}
            query={list}
            retryLabel={t("retry")}
          />
        ) : null}
        {selectedItems.length > 0 ? (
          <BatchBar count={selectedItems.length} onDecide={setBatch} onClear={() => setRows({})} />
        ) : null}
        {data ? (
          data.pagination.total_items === 0 ? (
            hasInboxFilters(params) ? (
              <EmptyState
                title={t("empty.noMatch")}
                action={
                  <Button
                    onClick={() =>
                      navigate({
                        cluster_id: undefined,
                        namespace: undefined,
                        system: undefined,
                        service: undefined,
                        status: "PENDING",
                      })
                    }
                  >
                    {tFilters("clear")}
                  </Button>
                }
              />
            ) : (
              <NothingToAdopt
                lastScan={scans.data ? lastFinishedAt(scans.data) : undefined}
                action={scanButton}
              />
            )
          ) : (
            <>
              <PendingAdoptionTable
                items={data.items}
                params={params}
                selection={rows}
                onSelectionChange={setRows}
                onChange={navigate}
                onOpen={openItem}
              />
              <PaginationBar
                pagination={data.pagination}
                onPage={(page) => navigate({ page })}
                perPage={{
                  value: params.per_page,
                  choices: INBOX_PER_PAGE_CHOICES,
                  onChange: (per_page) => navigate({ per_page }),
                }}
              />
            </>
          )
        ) : list.isPending ? (
          <PendingAdoptionTableSkeleton />
        ) : null}
      </section>
      {params.item ? (
        <AdoptionDetailPanel
          key={params.item}
          id={params.item}
          onClose={() => navigate({ item: undefined })}
          onNotice={setNotice}
        />
      ) : null}
      {batch ? (
        <BatchDecisionDialog
          decision={batch}
          items={selectedItems}
          onClose={() => setBatch(null)}
          onDecided={(ids) => {
            const next = { ...rows };
            for (const id of ids) delete next[id];
            setRows(next);
          }}
        />
      ) : null}
    </div>
  );
}

/** Cluster id → name from the per-cluster counts and the scans (a cluster may have scans but nothing pending). */
function clusterNames(
  page: PendingAdoptionPageView | undefined,
  scans: readonly { cluster_id: string; cluster_name: string }[] | undefined,
): Map<string, string> {
  const names = new Map<string, string>();
  for (const [id, c] of Object.entries(page?.pending_by_cluster ?? {})) names.set(id, c.cluster_name);
  for (const s of scans ?? []) names.set(s.cluster_id, s.cluster_name);
  return new Map([...names].sort(([, a], [, b]) => a.localeCompare(b)));
}

function BatchBar({
  count,
  onDecide,
  onClear,
}: {
  count: number;
  onDecide: (decision: BatchDecision) => void;
  onClear: () => void;
}) {
  const t = useTranslations("adoption.batch");
  return (
    <div
      role="toolbar"
      aria-label={t("label")}
      className="flex flex-wrap items-center gap-3 rounded-md border border-accent/30 bg-accent-soft px-4 py-2"
    >
      <span className="text-sm font-medium" data-selected-count={count}>
        {t("selected", { count })}
      </span>
      <Button variant="primary" onClick={() => onDecide("adopt")}>
        {t("adopt")}
      </Button>
      <Button onClick={() => onDecide("ignore")}>{t("ignore")}</Button>
      <Button onClick={onClear}>{t("clear")}</Button>
    </div>
  );
}

function ClusterCounts({
  page,
  onPick,
}: {
  page: PendingAdoptionPageView;
  onPick: (clusterId: string) => void;
}) {
  const t = useTranslations("adoption.inbox.clusterCounts");
  const entries = Object.entries(page.pending_by_cluster).sort(([, a], [, b]) =>
    a.cluster_name.localeCompare(b.cluster_name),
  );
  if (entries.length === 0) return null;
  return (
    <ul aria-label={t("label")} className="flex flex-wrap gap-2 text-sm">
      {entries.map(([id, c]) => (
        <li key={id} data-pending-cluster={c.cluster_name} data-pending={c.pending}>
          <button
            type="button"
            title={t("filter", { cluster: c.cluster_name })}
            onClick={() => onPick(id)}
            className="inline-flex items-center gap-2 rounded-full border border-line-strong bg-surface px-3 py-1 hover:bg-canvas"
          >
            <span className="font-medium">{c.cluster_name}</span>
            <span className="text-ink-muted">{t("count", { count: c.pending })}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

function NothingToAdopt({ lastScan, action }: { lastScan: string | undefined; action: ReactNode }) {
  const t = useTranslations("adoption.inbox.empty");
  const relative = useRelativeTimeText();
  return (
    <EmptyState
      title={t("nothingTitle")}
      description={lastScan ? t("lastScan", { relative: relative(lastScan) }) : t("neverScanned")}
      action={action}
    />
  );
}
