"use client";

// "Scan now": scans every cluster on the server, then shows the new summary, puts the fresh scans in the cache
// and refetches the lists (a scan may add, update or mark items gone).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { ApiRequestError } from "@/components/api/request-json";
import type { AdoptionScanView } from "@/lib/adoption/adoption-views";
import { useErrorMessage } from "@/lib/i18n/use-error-message";
import { mergeScans, scanTotals } from "./adoption-scans";
import type { InboxNotice } from "./inbox-notice";
import { adoptionKeys, scanNow } from "./queries";

export function useScanNow(onNotice: (notice: InboxNotice) => void) {
  const t = useTranslations("adoption.scan");
  const errorMessage = useErrorMessage();
  const client = useQueryClient();
  return useMutation({
    mutationKey: [...adoptionKeys.all, "scan-now"],
    mutationFn: () => scanNow(),
    onSuccess: async (scans) => {
      client.setQueryData<AdoptionScanView[]>(adoptionKeys.scans(), (current) => mergeScans(current, scans));
      const totals = scanTotals(scans);
      onNotice(
        totals.failed > 0
          ? { tone: "warn", text: t("doneWithErrors", { count: totals.failed }) }
          : {
              tone: "ok",
              text: t("done", {
                found: totals.found,
                new: totals.new,
                updated: totals.updated,
                gone: totals.gone,
              }),
            },
      );
      await client.invalidateQueries({ queryKey: adoptionKeys.lists() });
    },
    onError: (error) =>
      onNotice({ tone: "danger", text: errorMessage(error instanceof ApiRequestError ? error : undefined) }),
  });
}
