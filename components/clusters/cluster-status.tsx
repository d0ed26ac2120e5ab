"use client";

// A cluster's status pill (HEALTHY green, UNHEALTHY amber, UNREACHABLE red, UNKNOWN grey) and a health
// reason: the translated code, with the English detail from the cluster on hover or below.
import { useTranslations } from "next-intl";
import { StatusPill, type StatusTone } from "@/components/ui/status-pill";
import type { ReasonView, WatcherStateView } from "@/lib/clusters/cluster-views";
import type { ClusterStatus } from "@/lib/domain/cluster";
import { useClusterStatusLabels, useHealthReasonLabels, useWatcherStateLabels } from "./use-cluster-labels";

export const CLUSTER_STATUS_TONE: Record<ClusterStatus, StatusTone> = {
  HEALTHY: "ok",
  UNHEALTHY: "warn",
  UNREACHABLE: "danger",
  UNKNOWN: "neutral",
};

export function ClusterStatusPill({ status }: { status: ClusterStatus }) {
  const labels = useClusterStatusLabels();
  return (
    <StatusPill tone={CLUSTER_STATUS_TONE[status]} data-cluster-status={status}>
      {labels[status]}
    </StatusPill>
  );
}

export const WATCHER_STATE_TONE: Record<WatcherStateView, StatusTone> = {
  watching: "ok",
  rebuilding: "info",
  failing: "danger",
  forbidden: "danger",
  stopped: "neutral",
  not_started: "neutral",
};

/** The state of a cluster's watchers (the worst of its kinds). */
export function WatcherStatePill({ state }: { state: WatcherStateView }) {
  const labels = useWatcherStateLabels();
  return (
    <StatusPill tone={WATCHER_STATE_TONE[state]} data-watcher={state}>
      {labels[state]}
    </StatusPill>
  );
}

/** `detail="hover"`: the English detail as a tooltip (tables); `"inline"`: on its own line (detail views). */
export function HealthReason({
  reason,
  detail = "hover",
  className,
}: {
  reason: ReasonView;
  detail?: "hover" | "inline";
  className?: string;
}) {
  const labels = useHealthReasonLabels();
  const t = useTranslations("adminClusters.connectionTest");
  const text = reason.code ? labels[reason.code] : reason.detail;
  const showDetail = reason.code !== null && reason.detail !== "";
  if (detail === "hover")
    return (
      <span
        className={className}
        data-reason={reason.code ?? undefined}
        title={showDetail ? reason.detail : undefined}
      >
        {text}
      </span>
    );
  return (
    <span className={className} data-reason={reason.code ?? undefined}>
      <span className="block">{text}</span>
      {showDetail ? (
        <span className="block text-xs text-ink-muted">{t("detail", { detail: reason.detail })}</span>
      ) : null}
    </span>
  );
}
