import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { SystemStatusPanel } from "@/components/system/system-status-panel";
import { redirect } from "@/lib/i18n/navigation";
import { resolveLocale } from "@/lib/i18n/routing";
import { getSession } from "@/server/auth/session";
import { getSystemStatus } from "@/server/system/system-status";
import { getWebContext } from "@/server/web-context";

// Live state from the database on every request; never prerendered at build time.
export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: PageProps<"/[locale]">): Promise<Metadata> {
  const t = await getTranslations({ locale: resolveLocale((await params).locale), namespace: "metadata" });
  // Absolute: the layout's title template does not apply to a page in the layout's own segment.
  return { title: { absolute: `${t("home")} · ${t("productName")}` } };
}

export default async function HomePage({ params }: PageProps<"/[locale]">) {
  const locale = resolveLocale((await params).locale);
  setRequestLocale(locale);
  if (!(await getSession())) return redirect({ href: "/sign-in", locale });
  const t = await getTranslations("home");
  const status = await getSystemStatus(getWebContext());
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("heading")}</h1>
        <p className="mt-1 max-w-3xl text-ink-muted">{t("intro")}</p>
      </div>
      <SystemStatusPanel initialStatus={status} />
    </div>
  );
}
