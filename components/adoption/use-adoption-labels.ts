"use client";

// Status and orphan-reason labels by value. Keys are spelled out (not computed) so the catalogue test can see
// every one of them; the Record types make a value missing here a compile error.
import { useTranslations } from "next-intl";
import type { AdoptionStatusView, OrphanReasonView } from "@/lib/adoption/adoption-views";

export function useAdoptionStatusLabels(): Record<AdoptionStatusView, string> {
  const t = useTranslations("adoption.status");
  return { PENDING: t("PENDING"), ADOPTED: t("ADOPTED"), IGNORED: t("IGNORED"), GONE: t("GONE") };
}

export function useOrphanReasonLabels(): Record<OrphanReasonView, string> {
  const t = useTranslations("adoption.orphanReason");
  return {
    MISSING_SYSTEM: t("MISSING_SYSTEM"),
    MISSING_SERVICE: t("MISSING_SERVICE"),
    MALFORMED_LABELS: t("MALFORMED_LABELS"),
  };
}
