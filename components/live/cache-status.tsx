"use client";

// A cluster's cache status (what Shepherd's copy of the cluster is worth) as one pill, the same on the VM
// list and the clusters pages. REBUILDING is a relist in progress (after a start, a re-enable or a 410): it
// ends by itself and needs no action, so it reads as information, not as a failure. STALE (a watcher silent
// too long) may hide changes until someone looks into it: a warning.
import { useTranslations } from "next-intl";
import { StatusPill, type StatusTone } from "@/components/ui/status-pill";
import type { CacheStatusView } from "@/lib/clusters/cluster-views";

export const CACHE_STATUS_TONE: Record<CacheStatusView, StatusTone> = {
  FRESH: "ok",
  STALE: "warn",
  REBUILDING: "info",
};

export function useCacheStatusLabels(): Record<CacheStatusView, string> {
  const t = useTranslations("common.cacheStatus");
  return { FRESH: t("FRESH"), STALE: t("STALE"), REBUILDING: t("REBUILDING") };
}

export function CacheStatusPill({ status }: { status: CacheStatusView }) {
  const labels = useCacheStatusLabels();
  return (
    <StatusPill tone={CACHE_STATUS_TONE[status]} data-cache-status={status}>
      {labels[status]}
    </StatusPill>
  );
}
