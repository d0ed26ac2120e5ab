"use client";

// The audit page's body: filters kept in the address bar, the records newest first, "load older records" by
// cursor, and downloads of the filtered set. Loading, error, empty and "nothing matches" each have their state.
import { useInfiniteQuery } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useCallback, useMemo } from "react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterForm, SelectFilter, TextFilter } from "@/components/ui/filter-form";
import { LoadErrorBanner } from "@/components/ui/load-error-banner";
import { Spinner } from "@/components/ui/spinner";
import {
  type AuditLogParams,
  auditExportHref,
  auditLogSearchParams,
  parseAuditLogParams,
} from "./audit-log-params";
import { AuditLogTable } from "./audit-log-table";
import { auditLogQueryOptions } from "./queries";

const TEXT_FIELDS = ["from", "to", "actor_id", "action", "resource_type", "resource_id"] as const;
const LINK_BUTTON =
  "inline-flex items-center justify-center rounded-md border border-line-strong bg-surface px-3 py-1.5 text-sm font-medium text-ink shadow-xs hover:bg-canvas";

export function AuditLogBrowser() {
  const t = useTranslations("auditLog");
  const searchParams = useSearchParams();
  const params = useMemo(
    () => parseAuditLogParams(Object.fromEntries(searchParams.entries())),
    [searchParams],
  );
  const query = useInfiniteQuery(auditLogQueryOptions(params));
  const rows = useMemo(() => query.data?.pages.flatMap((p) => p.items) ?? [], [query.data]);
  const filtered = Object.keys(params).length > 0;

  // The native history API keeps useSearchParams in step without a server round trip (the query fetches).
  const navigate = useCallback((next: AuditLogParams) => {
    const q = auditLogSearchParams(next).toString();
    window.history.pushState(null, "", `${window.location.pathname}${q ? `?${q}` : ""}`);
  }, []);

  return (
    <div className="flex flex-col gap-4">
      <FilterForm
        key={auditLogSearchParams(params).toString()}
        label={t("filters.label")}
        textFields={TEXT_FIELDS}
        applyLabel={t("filters.apply")}
        onApply={(values) => navigate({ ...values, outcome: params.outcome })}
        after={filtered ? <Button onClick={() => navigate({})}>{t("filters.clear")}</Button> : null}
      >
        <TextFilter
          label={t("filters.from")}
          name="from"
          type="date"
          defaultValue={params.from?.slice(0, 10)}
        />
        <TextFilter label={t("filters.to")} name="to" type="date" defaultValue={params.to?.slice(0, 10)} />
        <TextFilter label={t("filters.actor")} name="actor_id" defaultValue={params.actor_id} />
        <TextFilter
          label={t("filters.action")}
          name="action"
          defaultValue={params.action}
          placeholder="vm."
          title={t("filters.actionHint")}
        />
        <TextFilter
          label={t("filters.resourceType")}
          name="resource_type"
          defaultValue={params.resource_type}
        />
        <TextFilter label={t("filters.resourceId")} name="resource_id" defaultValue={params.resource_id} />
        <SelectFilter
          label={t("filters.outcome")}
          name="outcome"
          anyLabel={t("filters.anyOutcome")}
          options={[
            ["success", t("outcome.success")],
            ["failure", t("outcome.failure")],
          ]}
          value={params.outcome ?? ""}
          onChange={(e) => navigate({ ...params, outcome: e.currentTarget.value || undefined })}
        />
      </FilterForm>

      <nav aria-label={t("export.label")} className="flex flex-wrap gap-2">
        <a className={LINK_BUTTON} href={auditExportHref(params, "csv")} download>
          {t("export.csv")}
        </a>
        <a className={LINK_BUTTON} href={auditExportHref(params, "jsonl")} download>
          {t("export.jsonl")}
        </a>
      </nav>

      {query.isPending ? (
        <Spinner label={t("loading")} />
      ) : query.isError && rows.length === 0 ? (
        <LoadErrorBanner message={t("loadError")} query={query} retryLabel={t("retry")} />
      ) : rows.length === 0 ? (
        <EmptyState
          title={t("empty.title")}
          description={filtered ? t("empty.noMatch") : t("empty.nothing")}
        />
      ) : (
        <>
          <AuditLogTable rows={rows} />
          {query.isFetchNextPageError ? (
            <LoadErrorBanner message={t("loadMoreError")} query={query} retryLabel={t("retry")} />
          ) : null}
          <div className="flex flex-wrap items-center gap-3 text-sm text-ink-muted">
            <span aria-live="polite">{t("shown", { count: rows.length })}</span>
            {query.hasNextPage ? (
              <Button onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage}>
                {query.isFetchingNextPage ? t("loadingMore") : t("loadMore")}
              </Button>
            ) : (
              <span>{t("end")}</span>
            )}
          </div>
        </>
      )}
    </div>
  );
}
