import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { AdoptionInbox } from "@/components/adoption/adoption-inbox";
import { PageHeader } from "@/components/shell/page-header";
import { hasPermission } from "@/lib/auth/permissions";
import { resolveLocale } from "@/lib/i18n/routing";
import { adminPageMetadata } from "@/server/auth/admin-page-metadata";
import { requireAdminPage } from "@/server/auth/require-admin-page";

export const dynamic = "force-dynamic";

export async function generateMetadata({
  params,
}: PageProps<"/[locale]/admin/adoptions">): Promise<Metadata> {
  return adminPageMetadata(resolveLocale((await params).locale), "adoptions");
}

// Only the caller is checked here (the admin layout already answered others with a real 404 or redirect);
// the inbox loads its data in the browser, with its loading state inside the page.
export default async function AdoptionInboxPage({ params }: PageProps<"/[locale]/admin/adoptions">) {
  const locale = resolveLocale((await params).locale);
  setRequestLocale(locale);
  const user = await requireAdminPage(locale);
  if (!hasPermission(user.role, "adoption.manage")) notFound();
  const t = await getTranslations("adoption.inbox");
  return (
    <div className="flex flex-col gap-6">
      <PageHeader heading={t("heading")} intro={t("intro")} />
      <AdoptionInbox />
    </div>
  );
}
