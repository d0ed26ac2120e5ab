"use client";

import { useQuery } from "@tanstack/react-query";
import { notFound } from "next/navigation";
import { useTranslations } from "next-intl";
import { asApiRequestError } from "@/components/api/request-json";
// One VM: its name, status (with the reason and KubeVirt's message) and the cluster's cache freshness at the
// top with the actions the server allows now; then overview, conditions, labels, governance, snapshots,
// restores, clones, migrations, recent Kubernetes events, tickets and tasks. Live: cache and task notices
// refetch it, so a new state appears without a reload. A VM that does not exist or is outside the caller's
// services is the not-found page (the API answers 404 for both).
import { AuditHistoryLink } from "@/components/audit/audit-history-link";
import { CacheStatusPill } from "@/components/live/cache-status";
import { LiveIndicator } from "@/components/live/live-indicator";
import { Card } from "@/components/ui/card";
import { LoadErrorBanner } from "@/components/ui/load-error-banner";
import { useRelativeTimeText } from "@/components/ui/relative-time";
import { Spinner } from "@/components/ui/spinner";
import { Link } from "@/lib/i18n/navigation";
import type { VmDetail } from "@/lib/vms/vm-views";
import { vmDetailQueryOptions } from "./queries";
import { useVmLiveUpdates } from "./use-vm-live-updates";
import { useVmActionController, type VmActionController, VmActions } from "./vm-actions";
import {
  ConditionsSection,
  GovernanceSection,
  LabelsSection,
  NotGovernedBanner,
  OverviewSection,
} from "./vm-detail-sections";
import {
  ClonesSection,
  EventsSection,
  MigrationsSection,
  RestoresSection,
  SnapshotsSection,
  TasksSection,
  TicketsSection,
} from "./vm-related-tables";
import { VmStatusPill } from "./vm-status-pill";

export function VmDetailView({ id, isAdmin }: { id: string; isAdmin: boolean }) {
  const t = useTranslations("vm.detail");
  const query = useQuery(vmDetailQueryOptions(id));
  const vm = query.data;
  const live = useVmLiveUpdates(id, vm);
  const controller = useVmActionController(id);

  // A 404 wins over data held from before: a VM deleted (or moved out of the caller's services) while open.
  const error = asApiRequestError(query.error);
  if (error?.status === 404) notFound();

  const back = (
    <Link href="/vms" className="text-sm font-medium text-accent hover:text-accent-strong hover:underline">
      ← {t("back")}
    </Link>
  );

  if (!vm)
    return (
      <div className="flex flex-col gap-4">
        {back}
        {query.isPending ? (
          <Spinner label={t("loading")} />
        ) : (
          <LoadErrorBanner message={t("loadError")} query={query} retryLabel={t("retry")} />
        )}
      </div>
    );

  return (
    <div className="flex flex-col gap-6" data-vm-id={vm.id ?? undefined} data-vm-name={vm.name}>
      <div className="flex flex-wrap items-center justify-between gap-3">
        {back}
        <div className="flex flex-wrap items-center gap-4">
          {isAdmin && vm.id ? <AuditHistoryLink resourceType="vm" resourceId={vm.id} /> : null}
          <LiveIndicator state={live} fetching={query.isFetching} />
        </div>
      </div>
      {query.isError ? (
        <LoadErrorBanner message={t("refreshError")} query={query} retryLabel={t("retry")} />
      ) : null}
      <VmHeader vm={vm} controller={controller} />
      {vm.governed ? null : <NotGovernedBanner vm={vm} isAdmin={isAdmin} />}
      <OverviewSection vm={vm} />
      <div className="grid gap-6 lg:grid-cols-2">
        <GovernanceSection vm={vm} />
        <LabelsSection vm={vm} />
      </div>
      <ConditionsSection vm={vm} />
      <SnapshotsSection vm={vm} controller={controller} />
      <div className="grid gap-6 lg:grid-cols-2">
        <RestoresSection vm={vm} />
        <ClonesSection vm={vm} />
      </div>
      <MigrationsSection vm={vm} />
      <TasksSection vm={vm} />
      <TicketsSection vm={vm} />
      <EventsSection vm={vm} />
    </div>
  );
}

function VmHeader({ vm, controller }: { vm: VmDetail; controller: VmActionController }) {
  const t = useTranslations("vm.detail.header");
  const tc = useTranslations("vm.cacheStatus");
  const relative = useRelativeTimeText();
  return (
    <Card aria-labelledby="vm-heading" className="flex flex-col gap-4">
      <div className="flex flex-wrap items-baseline gap-x-4 gap-y-2">
        <h1 id="vm-heading" className="text-2xl font-semibold tracking-tight break-all">
          {vm.name}
        </h1>
        <span className="text-sm text-ink-muted">
          {t("where", { namespace: vm.namespace, cluster: vm.cluster_name })}
        </span>
      </div>
      <div className="flex flex-wrap items-start gap-x-8 gap-y-3 text-sm">
        <div className="flex flex-col items-start gap-1" data-vm-status={vm.status}>
          <span className="text-xs font-semibold uppercase tracking-wide text-ink-faint">{t("status")}</span>
          <VmStatusPill status={vm.status} />
          {vm.status_reason ? (
            <span className="text-xs text-ink-muted">{t("reason", { reason: vm.status_reason })}</span>
          ) : null}
          {vm.status_message ? (
            <span className="max-w-prose text-xs text-ink-muted">{vm.status_message}</span>
          ) : null}
        </div>
        <div className="flex flex-col items-start gap-1">
          <span className="text-xs font-semibold uppercase tracking-wide text-ink-faint">{t("cache")}</span>
          <CacheStatusPill status={vm.cache.status} />
          <span className="text-xs text-ink-muted" suppressHydrationWarning>
            {vm.cache.last_synced_at
              ? tc("lastSynced", { relative: relative(vm.cache.last_synced_at) })
              : tc("neverSynced")}
          </span>
        </div>
      </div>
      {vm.governed ? <VmActions vm={vm} controller={controller} /> : null}
    </Card>
  );
}
