import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { PageHeader } from "@/components/shell/page-header";
import { SystemList } from "@/components/systems/system-list";
import { hasPermission } from "@/lib/auth/permissions";
import { redirect } from "@/lib/i18n/navigation";
import { resolveLocale } from "@/lib/i18n/routing";
import { getSession } from "@/server/auth/session";
import { systemsAbilities } from "@/server/systems/system-scope";
import { getWebContext } from "@/server/web-context";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: PageProps<"/[locale]/systems">): Promise<Metadata> {
  const t = await getTranslations({ locale: resolveLocale((await params).locale), namespace: "metadata" });
  return { title: t("systems") };
}

// Everyone signed in: admins see every system, others those of their memberships (and the ones they
// created). Whether "create" shows is the server's answer; the API checks it again on every create.
export default async function SystemsPage({ params }: PageProps<"/[locale]/systems">) {
  const locale = resolveLocale((await params).locale);
  setRequestLocale(locale);
  const user = await getSession();
  if (!user)
    return redirect({ href: { pathname: "/sign-in", query: { next: `/${locale}/systems` } }, locale });
  if (!hasPermission(user.role, "system.read")) notFound();
  const abilities = await systemsAbilities(getWebContext().prisma, user);
  const t = await getTranslations("systems");
  return (
    <div className="flex flex-col gap-6">
      <PageHeader heading={t("heading")} intro={user.role === "admin" ? t("introAdmin") : t("introUser")} />
      <SystemList abilities={abilities} />
    </div>
  );
}
