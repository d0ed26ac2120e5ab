import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { routing } from "@/lib/i18n/routing";
import "./globals.css";

// Only for URLs the locale proxy does not handle (files with an extension, unknown /api paths): there is no
// locale to read, so the default one is used and the document is rendered here.
export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations({ locale: routing.defaultLocale, namespace: "metadata" });
  return { title: `${t("notFound")} · ${t("productName")}` };
}

export default async function RootNotFound() {
  const t = await getTranslations({ locale: routing.defaultLocale, namespace: "notFound" });
  return (
    <html lang={routing.defaultLocale}>
      <body>
        <main className="mx-auto max-w-xl px-6 py-16">
          <h1 className="text-2xl font-semibold">{t("heading")}</h1>
          <p className="mt-2 text-ink-muted">{t("description")}</p>
          <a
            href={`/${routing.defaultLocale}`}
            className="mt-4 inline-block text-sm font-medium text-accent hover:underline"
          >
            {t("backHome")}
          </a>
        </main>
      </body>
    </html>
  );
}
