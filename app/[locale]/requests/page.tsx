import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { PageHeader } from "@/components/shell/page-header";
import { MyRequests } from "@/components/vm/my-requests";
import { hasPermission } from "@/lib/auth/permissions";
import { redirect } from "@/lib/i18n/navigation";
import { resolveLocale } from "@/lib/i18n/routing";
import { getSession } from "@/server/auth/session";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: PageProps<"/[locale]/requests">): Promise<Metadata> {
  const t = await getTranslations({ locale: resolveLocale((await params).locale), namespace: "metadata" });
  return { title: t("requests") };
}

export default async function RequestsPage({ params }: PageProps<"/[locale]/requests">) {
  const locale = resolveLocale((await params).locale);
  setRequestLocale(locale);
  const user = await getSession();
  if (!user)
    return redirect({ href: { pathname: "/sign-in", query: { next: `/${locale}/requests` } }, locale });
  if (!hasPermission(user.role, "ticket.request")) notFound();
  const t = await getTranslations("requests");
  return (
    <div className="flex flex-col gap-6">
      <PageHeader heading={t("heading")} intro={t("intro")} />
      <MyRequests />
    </div>
  );
}
