"use client";

// The confirmation before one item's decision: what adopting will record, or the optional reason for ignoring.
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { Spinner } from "@/components/ui/spinner";
import { ADOPTION_REASON_MAX_LENGTH } from "@/lib/adoption/adoption-input";
import type { PendingAdoptionDetailView } from "@/lib/adoption/adoption-views";
import type { AdoptionDecision } from "./queries";

export function DecisionDialog({
  item,
  decision,
  busy,
  onConfirm,
  onCancel,
}: {
  item: PendingAdoptionDetailView;
  decision: AdoptionDecision | null;
  busy: boolean;
  onConfirm: (reason: string | undefined) => void;
  onCancel: () => void;
}) {
  const t = useTranslations("adoption.confirm");
  const tDetail = useTranslations("adoption.detail");
  const [reason, setReason] = useState("");
  const name = item.resource_name;
  const proposed = item.proposed;

  const views: Record<AdoptionDecision, { title: string; body: string; confirm: string }> = {
    adopt: {
      title: t("adoptTitle", { name }),
      body: proposed
        ? t("adoptBody", {
            name,
            system: proposed.system,
            service: proposed.service,
            next: proposed.next_instance_index_after,
          })
        : tDetail("proposed.unavailable"),
      confirm: tDetail("adopt"),
    },
    ignore: { title: t("ignoreTitle", { name }), body: t("ignoreBody"), confirm: tDetail("ignore") },
    reopen: { title: t("reopenTitle", { name }), body: t("reopenBody"), confirm: tDetail("reopen") },
  };
  const view = decision ? views[decision] : undefined;
  const trimmed = reason.trim();

  return (
    <ModalDialog
      open={view !== undefined}
      busy={busy}
      onClose={() => {
        if (!busy) onCancel();
      }}
      title={view?.title}
      description={view?.body}
      footer={
        <>
          <Button data-autofocus onClick={onCancel} disabled={busy}>
            {t("cancel")}
          </Button>
          <Button
            variant="primary"
            disabled={busy || (decision === "adopt" && !proposed)}
            onClick={() => onConfirm(decision === "ignore" && trimmed ? trimmed : undefined)}
          >
            {busy ? <Spinner /> : null}
            {busy ? t("working") : view?.confirm}
          </Button>
        </>
      }
    >
      {decision === "ignore" ? (
        <label className="flex flex-col gap-1 text-sm font-medium">
          {t("reason")}
          <textarea
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            maxLength={ADOPTION_REASON_MAX_LENGTH}
            rows={3}
            disabled={busy}
            className="rounded-md border border-line-strong bg-canvas px-3 py-1.5 font-normal"
          />
          <span className="text-xs font-normal text-ink-muted">{t("reasonHint")}</span>
        </label>
      ) : null}
    </ModalDialog>
  );
}
