"use client";

// The latest discovery scan of each cluster (found / new / updated / gone, when, how long), a refusal or failure
// translated from its code with the cluster's last successful scan beside it, and, per cluster, the orphans it
// counted with their translated reasons in a collapsible list.
import type { UseQueryResult } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { ApiRequestError } from "@/components/api/request-json";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { RelativeTime } from "@/components/ui/relative-time";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { Spinner } from "@/components/ui/spinner";
import type { AdoptionScanView } from "@/lib/adoption/adoption-views";
import { useErrorMessage } from "@/lib/i18n/use-error-message";
import { useOrphanReasonLabels } from "./use-adoption-labels";

export function ScanSummary({
  scans,
  scanButton,
}: {
  scans: UseQueryResult<AdoptionScanView[]>;
  /** The "Scan now" control (shared with the empty state). */
  scanButton: ReactNode;
}) {
  const t = useTranslations("adoption.scan");
  const tInbox = useTranslations("adoption.inbox");
  const errorMessage = useErrorMessage();
  return (
    <Card aria-labelledby="adoption-scans-heading" className="flex flex-col gap-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 id="adoption-scans-heading" className="text-lg font-semibold">
            {t("heading")}
          </h2>
          <p className="mt-1 max-w-3xl text-sm text-ink-muted">{t("intro")}</p>
        </div>
        {scanButton}
      </div>
      {scans.data ? (
        scans.data.length === 0 ? (
          <p className="text-sm text-ink-muted">{t("noScans")}</p>
        ) : (
          <>
            <ScanTable scans={scans.data} />
            <Orphans scans={scans.data} />
          </>
        )
      ) : scans.isError ? (
        <div role="alert" className="flex flex-wrap items-center gap-3 text-sm text-danger">
          <p>
            {t("loadError")}{" "}
            {scans.error instanceof ApiRequestError && scans.error.code ? errorMessage(scans.error) : null}
          </p>
          <Button onClick={() => void scans.refetch()} disabled={scans.isFetching}>
            {tInbox("retry")}
          </Button>
        </div>
      ) : (
        <Spinner label={t("loading")} />
      )}
    </Card>
  );
}

function ScanTable({ scans }: { scans: AdoptionScanView[] }) {
  const t = useTranslations("adoption.scan");
  const tInbox = useTranslations("adoption.inbox");
  const format = useFormatter();
  const none = tInbox("none");
  return (
    <ScrollRegion label={t("tableLabel")} className="rounded-md border border-line">
      <table aria-label={t("tableLabel")}>
        <thead>
          <tr>
            <th scope="col">{t("columns.cluster")}</th>
            <th scope="col">{t("columns.finished")}</th>
            <th scope="col">{t("columns.found")}</th>
            <th scope="col">{t("columns.new")}</th>
            <th scope="col">{t("columns.updated")}</th>
            <th scope="col">{t("columns.gone")}</th>
            <th scope="col">{t("columns.orphans")}</th>
            <th scope="col">{t("columns.duration")}</th>
          </tr>
        </thead>
        <tbody>
          {scans.map((scan) => (
            <ScanRow key={scan.cluster_id} scan={scan}>
              <td className="font-medium">{scan.cluster_name}</td>
              <td>{scan.finished_at ? <RelativeTime iso={scan.finished_at} /> : none}</td>
              <td data-count="found">{scan.found}</td>
              <td data-count="new">{scan.new}</td>
              <td data-count="updated">{scan.updated}</td>
              <td data-count="gone">{scan.gone}</td>
              <td data-count="orphans">{scan.orphans.length}</td>
              <td>
                {scan.duration_ms === null
                  ? none
                  : t("duration", {
                      seconds: format.number(scan.duration_ms / 1000, { maximumFractionDigits: 1 }),
                    })}
              </td>
            </ScanRow>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

/**
 * A cluster's row, and under it why the scan was refused (errors.<code>) or that it failed (the detail is in the
 * server log), with the cluster's last successful scan, whose counts the refused one does not replace.
 */
function ScanRow({ scan, children }: { scan: AdoptionScanView; children: ReactNode }) {
  const t = useTranslations("adoption.scan");
  const format = useFormatter();
  const errorMessage = useErrorMessage();
  const last = scan.last_successful;
  return (
    <>
      <tr data-scan-cluster={scan.cluster_name}>{children}</tr>
      {scan.error ? (
        <tr data-scan-error={scan.error.code}>
          <td colSpan={8}>
            <p className="text-danger">
              {scan.error.code === "INTERNAL" ? t("failed") : errorMessage(scan.error)}
            </p>
            <p className="text-sm text-ink-muted" data-last-successful={last?.id ?? ""}>
              {last
                ? t("lastSuccessful", {
                    when: last.finished_at ? format.relativeTime(new Date(last.finished_at)) : "",
                    found: last.found,
                    new: last.new,
                    updated: last.updated,
                    gone: last.gone,
                    orphans: last.orphans.length,
                  })
                : t("noSuccessfulScan")}
            </p>
          </td>
        </tr>
      ) : null}
    </>
  );
}

function Orphans({ scans }: { scans: AdoptionScanView[] }) {
  const t = useTranslations("adoption.scan");
  const tInbox = useTranslations("adoption.inbox");
  const reasons = useOrphanReasonLabels();
  const none = tInbox("none");
  const withOrphans = scans.filter((scan) => scan.orphans.length > 0);
  if (withOrphans.length === 0) return null;
  return (
    <div className="flex flex-col gap-2">
      {withOrphans.map((scan) => (
        <details
          key={scan.cluster_id}
          data-orphans={scan.cluster_name}
          className="rounded-md border border-line"
        >
          <summary className="cursor-pointer px-3 py-2 text-sm font-medium">
            {t("orphans", { count: scan.orphans.length, cluster: scan.cluster_name })}
          </summary>
          <div className="flex flex-col gap-2 px-3 pb-3">
            <p className="text-sm text-ink-muted">{t("orphansHint")}</p>
            <ScrollRegion label={t("orphansTableLabel", { cluster: scan.cluster_name })}>
              <table aria-label={t("orphansTableLabel", { cluster: scan.cluster_name })}>
                <thead>
                  <tr>
                    <th scope="col">{t("orphanColumns.vm")}</th>
                    <th scope="col">{t("orphanColumns.labels")}</th>
                    <th scope="col">{t("orphanColumns.reason")}</th>
                  </tr>
                </thead>
                <tbody>
                  {scan.orphans.map((orphan) => (
                    <tr key={`${orphan.namespace}/${orphan.name}`} data-orphan={orphan.name}>
                      <td className="font-mono text-xs">
                        {orphan.namespace}/{orphan.name}
                      </td>
                      <td>
                        {orphan.system ?? none} / {orphan.service ?? none}
                      </td>
                      <td data-reason={orphan.reason}>{reasons[orphan.reason]}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          </div>
        </details>
      ))}
    </div>
  );
}
