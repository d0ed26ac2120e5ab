"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
// One cluster: its health and registration at the top with the admin actions, then what detection found
// (features, API groups, hardware, storage classes), what the admin declared, which instance sizes fit, the
// recent health checks and current warnings. Live: a change notice refetches it, so a new status appears
// without a reload.
import { ApiRequestError } from "@/components/api/request-json";
import { AuditHistoryLink } from "@/components/audit/audit-history-link";
import { CacheStatusPill } from "@/components/live/cache-status";
import { LiveIndicator } from "@/components/live/live-indicator";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { RelativeTime } from "@/components/ui/relative-time";
import { Spinner } from "@/components/ui/spinner";
import type { ClusterDetailView } from "@/lib/clusters/cluster-views";
import { Link } from "@/lib/i18n/navigation";
import { useErrorMessage } from "@/lib/i18n/use-error-message";
import { ClusterActions } from "./cluster-actions";
import {
  ApiGroupsSection,
  FeaturesSection,
  HardwareSection,
  Section,
  StorageClassesSection,
} from "./cluster-capability-sections";
import { clusterDetailQueryOptions } from "./cluster-queries";
import { ClusterStatusPill, HealthReason, WatcherStatePill } from "./cluster-status";
import { DeclaredCapabilitiesEditor } from "./declared-capabilities-editor";
import { HealthHistoryTable } from "./health-history-table";
import { InstanceSizeFits } from "./instance-size-fits";
import { useEnvironmentLabels } from "./use-cluster-labels";
import { useClusterLiveUpdates } from "./use-cluster-live-updates";

export function ClusterDetail({ id }: { id: string }) {
  const t = useTranslations("adminClusters.detail");
  const tl = useTranslations("adminClusters.list");
  const errorMessage = useErrorMessage();
  const query = useQuery(clusterDetailQueryOptions(id));
  const live = useClusterLiveUpdates(id);
  const cluster = query.data;

  const back = (
    <Link
      href="/admin/clusters"
      className="text-sm font-medium text-accent hover:text-accent-strong hover:underline"
    >
      ← {t("back")}
    </Link>
  );

  // A 404 wins over data held from before: a cluster deleted while its page is open (the refetch after its
  // change notice answers 404, and the query keeps its old data) shows the not-found state, no live buttons.
  const error = query.error instanceof ApiRequestError ? query.error : undefined;
  if (error?.status === 404)
    return (
      <div className="flex flex-col gap-4">
        {back}
        <EmptyState headingLevel={1} title={t("notFoundTitle")} description={t("notFoundDescription")} />
      </div>
    );
  if (!cluster) {
    if (query.isPending)
      return (
        <div className="flex flex-col gap-4">
          {back}
          <Spinner label={t("loading")} />
        </div>
      );
    return (
      <div className="flex flex-col gap-4">
        {back}
        <div
          role="alert"
          className="flex flex-wrap items-center justify-between gap-3 rounded-md border border-danger/30 bg-danger-soft px-4 py-3 text-sm text-danger"
        >
          <p>
            {t("loadError")} {error?.code ? errorMessage(error) : null}
          </p>
          <Button onClick={() => void query.refetch()} disabled={query.isFetching}>
            {tl("retry")}
          </Button>
        </div>
      </div>
    );
  }

  return (
    <div className="flex flex-col gap-6" data-cluster-id={cluster.id}>
      <div className="flex flex-wrap items-center justify-between gap-3">
        {back}
        <div className="flex flex-wrap items-center gap-4">
          <AuditHistoryLink resourceType="cluster" resourceId={cluster.id} />
          <LiveIndicator state={live} fetching={query.isFetching} />
        </div>
      </div>
      <ClusterHeader cluster={cluster} />
      <ClusterActions cluster={cluster} />
      {query.isError ? (
        <p role="alert" className="text-sm text-danger">
          {t("loadError")}
        </p>
      ) : null}
      <WarningsSection cluster={cluster} />
      <FeaturesSection cluster={cluster} />
      <div className="grid gap-6 lg:grid-cols-2">
        <HardwareSection cluster={cluster} />
        <div className="flex flex-col gap-6">
          <StorageClassesSection cluster={cluster} />
          <ApiGroupsSection cluster={cluster} />
        </div>
      </div>
      <DeclaredCapabilitiesEditor cluster={cluster} />
      <InstanceSizeFits sizes={cluster.instance_sizes} />
      <HealthHistoryTable history={cluster.health_history} />
    </div>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-1">
      <dt className="text-xs font-semibold uppercase tracking-wide text-ink-faint">{label}</dt>
      <dd className="text-sm">{children}</dd>
    </div>
  );
}

function ClusterHeader({ cluster }: { cluster: ClusterDetailView }) {
  const t = useTranslations("adminClusters.detail.facts");
  const tl = useTranslations("adminClusters.list");
  const common = useTranslations("adminClusters");
  const environments = useEnvironmentLabels();
  const none = common("none");
  return (
    <Card aria-labelledby="cluster-heading">
      <div className="mb-4 flex flex-wrap items-baseline gap-3">
        <h1 id="cluster-heading" className="text-2xl font-semibold tracking-tight">
          {cluster.display_name}
        </h1>
        {cluster.display_name !== cluster.name ? (
          <span className="font-mono text-sm text-ink-muted">{cluster.name}</span>
        ) : null}
      </div>
      <dl aria-label={t("label")} className="grid gap-x-8 gap-y-4 sm:grid-cols-2 lg:grid-cols-4">
        <Fact label={t("status")}>
          <span className="flex flex-col items-start gap-1">
            <ClusterStatusPill status={cluster.status} />
          </span>
        </Fact>
        <Fact label={t("reason")}>
          {cluster.status_reason ? <HealthReason reason={cluster.status_reason} detail="inline" /> : none}
        </Fact>
        <Fact label={t("version")}>
          {cluster.kubevirt_version ? (
            <span
              data-version={cluster.kubevirt_version}
              className={cluster.version_known ? "font-mono" : "font-mono text-warn"}
            >
              {cluster.version_known
                ? cluster.kubevirt_version
                : tl("versionUnknown", { version: cluster.kubevirt_version })}
            </span>
          ) : (
            none
          )}
        </Fact>
        <Fact label={t("lastCheck")}>
          {cluster.last_checked_at ? <RelativeTime iso={cluster.last_checked_at} /> : tl("neverChecked")}
        </Fact>
        <Fact label={t("environment")}>{environments[cluster.environment]}</Fact>
        <Fact label={t("enabled")}>
          <span data-enabled={cluster.enabled}>{cluster.enabled ? tl("enabled") : tl("disabled")}</span>
        </Fact>
        <Fact label={t("apiServer")}>
          <span className="font-mono text-xs break-all">{cluster.api_server_url ?? none}</span>
        </Fact>
        <Fact label={t("vms")}>
          {tl("vmCounts", { governed: cluster.governed_vm_count, cached: cluster.cached_vm_count })}
        </Fact>
        <Fact label={t("watcher")}>
          <WatcherStatePill state={cluster.watcher_state} />
        </Fact>
        <Fact label={t("cache")}>
          <span className="flex flex-col items-start gap-1">
            <CacheStatusPill status={cluster.cache_status} />
            <span className="text-xs text-ink-muted">
              {cluster.last_synced_at
                ? t.rich("lastSynced", {
                    when: () => <RelativeTime iso={cluster.last_synced_at ?? ""} />,
                  })
                : t("neverSynced")}
            </span>
          </span>
        </Fact>
        <Fact label={t("detectedAt")}>
          {cluster.capabilities_detected_at ? (
            <RelativeTime iso={cluster.capabilities_detected_at} />
          ) : (
            t("notDetected")
          )}
        </Fact>
        <Fact label={t("schedulableNodes")}>{cluster.schedulable_nodes ?? none}</Fact>
      </dl>
    </Card>
  );
}

function WarningsSection({ cluster }: { cluster: ClusterDetailView }) {
  const t = useTranslations("adminClusters.detail.warnings");
  if (cluster.warnings.length === 0) return null;
  return (
    <Section id="warnings" title={t("heading")}>
      <ul className="flex flex-col gap-2 text-sm">
        {cluster.warnings.map((w) => (
          <li
            key={`${w.code}:${w.detail}`}
            className="rounded-md border border-warn/30 bg-warn-soft px-3 py-2"
          >
            <HealthReason reason={w} detail="inline" />
          </li>
        ))}
      </ul>
    </Section>
  );
}
