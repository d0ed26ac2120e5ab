"use client";

import { useTranslations } from "next-intl";
import type { LiveState } from "@/components/live/use-cache-events";
import { Spinner } from "@/components/ui/spinner";
import { StatusPill, type StatusTone } from "@/components/ui/status-pill";

/** Whether the page receives live updates, and a spinner while it refetches. */
export function LiveIndicator({ state, fetching }: { state: LiveState; fetching: boolean }) {
  const t = useTranslations("adminClusters.live");
  const views: Record<LiveState, { tone: StatusTone; text: string }> = {
    connecting: { tone: "neutral", text: t("connecting") },
    live: { tone: "ok", text: t("live") },
    paused: { tone: "warn", text: t("paused") },
  };
  return (
    <div role="status" className="flex items-center gap-2">
      {fetching ? <Spinner /> : null}
      <StatusPill tone={views[state].tone} data-live={state}>
        {views[state].text}
      </StatusPill>
    </div>
  );
}
