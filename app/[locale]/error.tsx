"use client";

// Errors from server components reach the browser as a digest only (no message), so the page shows the
// digest for matching server logs and a translated sentence, never the raw error.
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

function digestOf(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null || !("digest" in error)) return undefined;
  return typeof error.digest === "string" ? error.digest : undefined;
}

export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  const t = useTranslations("errorPage");
  const digest = digestOf(error);
  return (
    <EmptyState
      headingLevel={1}
      title={t("heading")}
      description={
        <>
          {t("description")}
          {digest ? <span className="mt-2 block font-mono text-xs">{t("reference", { digest })}</span> : null}
        </>
      }
      action={
        <Button variant="primary" onClick={() => retry()}>
          {t("retry")}
        </Button>
      }
    />
  );
}
