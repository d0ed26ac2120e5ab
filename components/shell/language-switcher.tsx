"use client";

// Links, not a script-driven select: they work before hydration, and next-intl's Link with `locale`
// stores the choice in the NEXT_LOCALE cookie, so `/` later opens in the chosen language.
import { useLocale, useTranslations } from "next-intl";
import { cx } from "@/components/ui/class-names";
import { Link, usePathname } from "@/lib/i18n/navigation";
import { type AppLocale, routing } from "@/lib/i18n/routing";

export function LanguageSwitcher() {
  const t = useTranslations("shell.languageSwitcher");
  const current = useLocale();
  const pathname = usePathname();
  // Each language is named in itself, whatever the current locale is.
  const names: Record<AppLocale, string> = { en: t("en"), "zh-CN": t("zhCN") };
  return (
    <nav
      aria-label={t("label")}
      className="flex items-center gap-0.5 rounded-md bg-canvas p-0.5 ring-1 ring-line"
    >
      {routing.locales.map((locale) => {
        const active = locale === current;
        return (
          <Link
            key={locale}
            href={pathname}
            locale={locale}
            lang={locale}
            hrefLang={locale}
            aria-current={active ? "true" : undefined}
            className={cx(
              "rounded px-2.5 py-1 text-sm transition-colors",
              active ? "bg-surface font-medium text-ink shadow-xs" : "text-ink-muted hover:text-ink",
            )}
          >
            {names[locale]}
          </Link>
        );
      })}
    </nav>
  );
}
