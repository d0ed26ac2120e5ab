"use client";

// The home page's live view of the database and the worker. The server renders the first state; this
// component keeps it current by polling, and keeps showing the last known state when a refresh fails.
import { useQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { ApiRequestError } from "@/components/api/request-json";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { useRelativeTimeText } from "@/components/ui/relative-time";
import { Spinner } from "@/components/ui/spinner";
import { StatusPill, type StatusTone } from "@/components/ui/status-pill";
import { useErrorMessage } from "@/lib/i18n/use-error-message";
import type { SystemStatus } from "@/lib/system/system-status-view";
import { systemStatusQueryOptions } from "./queries";

type KnownWorkerState = Exclude<SystemStatus["worker"]["state"], "unknown">;

export function SystemStatusPanel({ initialStatus }: { initialStatus?: SystemStatus }) {
  const t = useTranslations("systemStatus");
  const format = useFormatter();
  const errorMessage = useErrorMessage();
  const query = useQuery({
    ...systemStatusQueryOptions(),
    initialData: initialStatus,
    initialDataUpdatedAt: initialStatus ? Date.parse(initialStatus.checkedAt) : undefined,
  });
  const status = query.data;
  const failure = query.error instanceof ApiRequestError ? query.error : undefined;

  return (
    <Card aria-labelledby="system-status-heading" aria-busy={query.isFetching}>
      <div className="flex flex-wrap items-start justify-between gap-x-6 gap-y-2">
        <div>
          <h2 id="system-status-heading" className="text-base font-semibold">
            {t("heading")}
          </h2>
          <p className="text-sm text-ink-muted">{t("description")}</p>
        </div>
        <div className="flex items-center gap-3 text-sm text-ink-muted">
          {query.isFetching ? <Spinner /> : null}
          {status ? (
            <time dateTime={status.checkedAt}>
              {t("checkedAt", {
                time: format.dateTime(new Date(status.checkedAt), {
                  hour: "2-digit",
                  minute: "2-digit",
                  second: "2-digit",
                  timeZoneName: "short",
                }),
              })}
            </time>
          ) : null}
        </div>
      </div>

      {query.isError ? (
        <div
          role="alert"
          className="mt-4 flex flex-wrap items-center justify-between gap-3 rounded-md border border-danger/30 bg-danger-soft px-4 py-3 text-sm text-danger"
        >
          <p>
            {status ? t("refreshError") : t("loadError")}
            {failure?.code ? ` ${errorMessage(failure)}` : null}
          </p>
          <Button onClick={() => void query.refetch()} disabled={query.isFetching}>
            {t("retry")}
          </Button>
        </div>
      ) : null}

      {status ? (
        <div className="mt-5 grid gap-4 md:grid-cols-2">
          <DatabaseStatus database={status.database} />
          <WorkerStatus worker={status.worker} databaseOk={status.database.ok} checkedAt={status.checkedAt} />
        </div>
      ) : query.isPending ? (
        <Spinner className="mt-5" label={t("loading")} />
      ) : null}
    </Card>
  );
}

function StatusSection({
  id,
  title,
  pill,
  children,
}: {
  id: string;
  title: string;
  pill: ReactNode;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className="rounded-md border border-line px-4 py-3">
      <div className="flex items-center justify-between gap-3">
        <h3 id={id} className="font-medium">
          {title}
        </h3>
        {pill}
      </div>
      <div className="mt-2 space-y-1 text-sm text-ink-muted">{children}</div>
    </section>
  );
}

function DatabaseStatus({ database }: { database: SystemStatus["database"] }) {
  const t = useTranslations("systemStatus.database");
  const errorMessage = useErrorMessage();
  return (
    <StatusSection
      id="system-status-database"
      title={t("title")}
      pill={
        database.ok ? (
          <StatusPill tone="ok" data-state="healthy">
            {t("healthy")}
          </StatusPill>
        ) : (
          <StatusPill tone="danger" data-state="down">
            {t("down")}
          </StatusPill>
        )
      }
    >
      {database.ok ? (
        database.latencyMs !== undefined ? (
          <p>{t("latency", { ms: database.latencyMs })}</p>
        ) : null
      ) : (
        <>
          <p>{database.errorCode ? errorMessage({ code: database.errorCode }) : t("downHint")}</p>
          {database.errorCode ? (
            <p className="font-mono text-xs">{t("errorCode", { code: database.errorCode })}</p>
          ) : null}
        </>
      )}
    </StatusSection>
  );
}

function WorkerStatus({
  worker,
  databaseOk,
  checkedAt,
}: {
  worker: SystemStatus["worker"];
  databaseOk: boolean;
  checkedAt: string;
}) {
  const t = useTranslations("systemStatus.worker");
  const format = useFormatter();
  const relative = useRelativeTimeText();

  // The worker reports through the database; without it the worker's state is unknown, not "never seen".
  if (!databaseOk || worker.state === "unknown") {
    return (
      <StatusSection
        id="system-status-worker"
        title={t("title")}
        pill={
          <StatusPill tone="neutral" data-state="unknown">
            {t("unknown")}
          </StatusPill>
        }
      >
        <p>{t("unknownHint")}</p>
      </StatusSection>
    );
  }

  // A Record, so a new worker state the server adds fails to compile here instead of rendering nothing.
  const views: Record<KnownWorkerState, { tone: StatusTone; label: string; detail: string }> = {
    up: { tone: "ok", label: t("up"), detail: t("instances", { count: worker.instances }) },
    down: { tone: "danger", label: t("down"), detail: t("downHint") },
    "never-seen": { tone: "neutral", label: t("neverSeen"), detail: t("neverSeenHint") },
  };
  const view = views[worker.state];
  const lastSeen = worker.lastSeenAt ? new Date(worker.lastSeenAt) : undefined;
  return (
    <StatusSection
      id="system-status-worker"
      title={t("title")}
      pill={
        <StatusPill tone={view.tone} data-state={worker.state}>
          {view.label}
        </StatusPill>
      }
    >
      {lastSeen ? (
        <p>
          <time
            dateTime={worker.lastSeenAt}
            title={format.dateTime(lastSeen, { dateStyle: "medium", timeStyle: "long" })}
          >
            {/* Relative to the check, not the browser clock: server and browser render the same text. */}
            {t("lastHeartbeat", { relative: relative(worker.lastSeenAt ?? "", checkedAt) })}
          </time>
        </p>
      ) : null}
      <p>{view.detail}</p>
    </StatusSection>
  );
}
