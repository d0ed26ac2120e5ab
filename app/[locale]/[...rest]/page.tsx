import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { resolveLocale } from "@/lib/i18n/routing";

// Any path under a locale that no page claims: render the localized not-found page (next-intl's pattern;
// without this, Next shows its own untranslated 404). Real routes always take precedence over this one.
export async function generateMetadata({ params }: PageProps<"/[locale]/[...rest]">): Promise<Metadata> {
  const t = await getTranslations({ locale: resolveLocale((await params).locale), namespace: "metadata" });
  return { title: t("notFound") };
}

export default function CatchAllPage() {
  notFound();
}
