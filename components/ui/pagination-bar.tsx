"use client";

// The bar under a paged list: "26–50 of 60", rows per page (when the list lets the user choose), previous and
// next, "page 2 of 3". It reads the server's page (SPEC §21) and only asks for another one.
import { useTranslations } from "next-intl";
import { type PaginationView, pageRange } from "@/lib/pagination";
import { Button } from "./button";

export function PaginationBar({
  pagination: p,
  onPage,
  perPage,
}: {
  pagination: PaginationView;
  onPage: (page: number) => void;
  /** The page-size choice (the requested size, which the page on screen may not have caught up with yet). */
  perPage?: { value: number; choices: readonly number[]; onChange: (perPage: number) => void };
}) {
  const t = useTranslations("common.pagination");
  const { from, to } = pageRange(p);
  return (
    <nav aria-label={t("label")} className="flex flex-wrap items-center justify-between gap-3 text-sm">
      <p className="text-ink-muted">{t("summary", { from, to, total: p.total_items })}</p>
      <div className="flex items-center gap-3">
        {perPage ? (
          <label className="flex items-center gap-2 text-ink-muted">
            {t("perPage")}
            <select
              className="rounded-md border border-line-strong bg-surface px-2 py-1"
              value={perPage.value}
              onChange={(e) => perPage.onChange(Number(e.target.value))}
            >
              {perPage.choices.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <Button disabled={!p.has_prev} onClick={() => onPage(p.page - 1)}>
          {t("previous")}
        </Button>
        <span>{t("page", { page: p.page, pages: p.total_pages })}</span>
        <Button disabled={!p.has_next} onClick={() => onPage(p.page + 1)}>
          {t("next")}
        </Button>
      </div>
    </nav>
  );
}
