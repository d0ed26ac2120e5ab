"use client";

// Adopt or ignore several pending items at once: a confirmation that lists them, then the outcome per item
// (a refused one, e.g. decided meanwhile by someone else, does not stop the others).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ApiRequestError } from "@/components/api/request-json";
import { Button } from "@/components/ui/button";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { Spinner } from "@/components/ui/spinner";
import { StatusPill } from "@/components/ui/status-pill";
import { ADOPTION_REASON_MAX_LENGTH } from "@/lib/adoption/adoption-input";
import type {
  AdoptionStatusView,
  BatchDecisionResultView,
  PendingAdoptionView,
} from "@/lib/adoption/adoption-views";
import { useErrorMessage } from "@/lib/i18n/use-error-message";
import { ADOPTION_STATUS_TONE } from "./adoption-vocabulary";
import { decideAdoptionBatch, reflectDecisions } from "./queries";
import { useAdoptionStatusLabels } from "./use-adoption-labels";

export type BatchDecision = "adopt" | "ignore";

export function BatchDecisionDialog({
  decision,
  items: selected,
  onClose,
  onDecided,
}: {
  decision: BatchDecision;
  items: PendingAdoptionView[];
  onClose: () => void;
  /** The ids the server decided (to leave the selection). */
  onDecided: (ids: string[]) => void;
}) {
  const t = useTranslations("adoption.batch");
  const tConfirm = useTranslations("adoption.confirm");
  const tInbox = useTranslations("adoption.inbox");
  const statusLabels = useAdoptionStatusLabels();
  const errorMessage = useErrorMessage();
  const client = useQueryClient();
  // The items as they were when the dialog opened: the list refetches under it once they are decided.
  const [items] = useState(selected);
  const [reason, setReason] = useState("");
  const [failure, setFailure] = useState<string | null>(null);
  const count = items.length;

  const batch = useMutation({
    mutationFn: () =>
      decideAdoptionBatch({
        ids: items.map((item) => item.id),
        decision,
        reason: decision === "ignore" ? reason.trim() || undefined : undefined,
      }),
    onSuccess: async (results) => {
      setFailure(null);
      const decided = new Map<string, AdoptionStatusView>();
      for (const result of results) if (result.ok) decided.set(result.id, result.status);
      onDecided([...decided.keys()]);
      await reflectDecisions(client, decided);
    },
    onError: (error) => setFailure(errorMessage(error instanceof ApiRequestError ? error : undefined)),
  });

  const results = batch.data;
  if (results) {
    const byId = new Map(items.map((item) => [item.id, item]));
    const done = results.filter((r) => r.ok).length;
    return (
      <ModalDialog
        open
        onClose={onClose}
        title={t("resultsTitle")}
        description={t("resultsSummary", { done, refused: results.length - done })}
        footer={
          <Button variant="primary" data-autofocus onClick={onClose}>
            {t("close")}
          </Button>
        }
      >
        <ul aria-label={t("resultsLabel")} className="flex flex-col gap-2 text-sm">
          {results.map((result) => (
            <ResultRow
              key={result.id}
              result={result}
              name={byId.get(result.id)?.resource_name ?? result.id}
              statusLabel={result.ok ? statusLabels[result.status] : undefined}
              refusal={result.ok ? undefined : errorMessage({ code: result.code, params: result.params })}
            />
          ))}
        </ul>
      </ModalDialog>
    );
  }

  const busy = batch.isPending;
  return (
    <ModalDialog
      open
      busy={busy}
      onClose={() => {
        if (!busy) onClose();
      }}
      title={decision === "adopt" ? t("adoptTitle", { count }) : t("ignoreTitle", { count })}
      description={decision === "adopt" ? t("adoptBody") : t("ignoreBody")}
      footer={
        <>
          <Button data-autofocus onClick={onClose} disabled={busy}>
            {tConfirm("cancel")}
          </Button>
          <Button variant="primary" onClick={() => batch.mutate()} disabled={busy || count === 0}>
            {busy ? <Spinner /> : null}
            {busy
              ? tConfirm("working")
              : decision === "adopt"
                ? t("adoptConfirm", { count })
                : t("ignoreConfirm", { count })}
          </Button>
        </>
      }
    >
      <div className="flex flex-col gap-4">
        {failure ? (
          <p
            role="alert"
            className="rounded-md border border-danger/30 bg-danger-soft px-4 py-3 text-sm text-danger"
          >
            {failure}
          </p>
        ) : null}
        <ul aria-label={t("label")} className="flex max-h-64 flex-col gap-1 overflow-y-auto text-sm">
          {items.map((item) => (
            <li key={item.id} className="flex flex-wrap justify-between gap-x-3 rounded bg-canvas px-2 py-1">
              <span className="font-medium">{item.resource_name}</span>
              <span className="text-ink-muted">
                {item.cluster_name} · {item.namespace} ·{" "}
                {tInbox("governance", {
                  system: item.system ?? tInbox("none"),
                  service: item.service ?? tInbox("none"),
                  instance: item.instance ?? tInbox("none"),
                })}
              </span>
            </li>
          ))}
        </ul>
        {decision === "ignore" ? (
          <label className="flex flex-col gap-1 text-sm font-medium">
            {tConfirm("reason")}
            <textarea
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              maxLength={ADOPTION_REASON_MAX_LENGTH}
              rows={3}
              disabled={busy}
              className="rounded-md border border-line-strong bg-canvas px-3 py-1.5 font-normal"
            />
            <span className="text-xs font-normal text-ink-muted">{tConfirm("reasonHint")}</span>
          </label>
        ) : null}
      </div>
    </ModalDialog>
  );
}

function ResultRow({
  result,
  name,
  statusLabel,
  refusal,
}: {
  result: BatchDecisionResultView;
  name: string;
  statusLabel: string | undefined;
  refusal: string | undefined;
}) {
  const t = useTranslations("adoption.batch");
  return (
    <li
      data-result={result.ok ? "done" : "refused"}
      className="flex flex-col gap-1 rounded border border-line px-3 py-2"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <span className="font-medium">{name}</span>
        {result.ok ? (
          <StatusPill tone={ADOPTION_STATUS_TONE[result.status]}>
            {t("done")}: {statusLabel}
          </StatusPill>
        ) : (
          <StatusPill tone="danger">{t("refused")}</StatusPill>
        )}
      </div>
      {refusal ? <p className="text-danger">{refusal}</p> : null}
    </li>
  );
}
