import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { AdoptionInbox } from "@/components/adoption/adoption-inbox";
import { hasPermission } from "@/lib/auth/permissions";
import { redirect } from "@/lib/i18n/navigation";
import { resolveLocale } from "@/lib/i18n/routing";
import { getSession } from "@/server/auth/session";

export const dynamic = "force-dynamic";

export async function generateMetadata({
  params,
}: PageProps<"/[locale]/admin/adoptions">): Promise<Metadata> {
  const t = await getTranslations({ locale: resolveLocale((await params).locale), namespace: "metadata" });
  return { title: t("adoptions") };
}

// Only the session is checked here; the inbox loads its data in the browser (loading state inside the page,
// after this check, so a refused caller gets a real 404 and not a streamed 200).
export default async function AdoptionInboxPage({ params }: PageProps<"/[locale]/admin/adoptions">) {
  const locale = resolveLocale((await params).locale);
  setRequestLocale(locale);
  const user = await getSession();
  if (!user)
    return redirect({
      href: { pathname: "/sign-in", query: { next: `/${locale}/admin/adoptions` } },
      locale,
    });
  // Not an admin: the page does not exist for them (its name is not even confirmed).
  if (!hasPermission(user.role, "adoption.manage")) notFound();
  const t = await getTranslations("adoption.inbox");
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("heading")}</h1>
        <p className="mt-1 max-w-3xl text-ink-muted">{t("intro")}</p>
      </div>
      <AdoptionInbox />
    </div>
  );
}
