"use client";

// Whether a page receives live updates (the SSE stream of change notices), and a spinner while it refetches.
// One component for every live page: the VM list, the clusters pages and the adoption inbox.
import { useTranslations } from "next-intl";
import { Spinner } from "@/components/ui/spinner";
import { StatusPill, type StatusTone } from "@/components/ui/status-pill";
import type { LiveState } from "./use-cache-events";

export function LiveIndicator({ state, fetching = false }: { state: LiveState; fetching?: boolean }) {
  const t = useTranslations("common.live");
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
