"use client";

// The inbox's one-line outcome of the last action (a decision, a batch, a scan): polite for success, an alert
// for a failure, dismissible, replaced by the next outcome.
import { useTranslations } from "next-intl";
import { cx } from "@/components/ui/class-names";

export interface InboxNotice {
  tone: "ok" | "warn" | "danger";
  text: string;
}

const toneClasses: Record<InboxNotice["tone"], string> = {
  ok: "border-ok/30 bg-ok-soft text-ok",
  warn: "border-warn/30 bg-warn-soft text-warn",
  danger: "border-danger/30 bg-danger-soft text-danger",
};

export function InboxNoticeBanner({ notice, onDismiss }: { notice: InboxNotice; onDismiss: () => void }) {
  const t = useTranslations("adoption.outcome");
  return (
    <div
      role={notice.tone === "ok" ? "status" : "alert"}
      data-notice={notice.tone}
      className={cx(
        "flex items-center justify-between gap-3 rounded-md border px-4 py-3 text-sm",
        toneClasses[notice.tone],
      )}
    >
      <p>{notice.text}</p>
      <button type="button" onClick={onDismiss} className="text-xs font-medium underline">
        {t("dismiss")}
      </button>
    </div>
  );
}
