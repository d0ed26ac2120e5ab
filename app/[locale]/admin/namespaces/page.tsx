import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { NamespaceList } from "@/components/namespaces/namespace-list";
import { PageHeader } from "@/components/shell/page-header";
import { hasPermission } from "@/lib/auth/permissions";
import { resolveLocale } from "@/lib/i18n/routing";
import { adminPageMetadata } from "@/server/auth/admin-page-metadata";
import { requireAdminPage } from "@/server/auth/require-admin-page";

export const dynamic = "force-dynamic";

export async function generateMetadata({
  params,
}: PageProps<"/[locale]/admin/namespaces">): Promise<Metadata> {
  return adminPageMetadata(resolveLocale((await params).locale), "adminNamespaces");
}

// The admin layout has already refused everyone else; the list loads in the client.
export default async function AdminNamespacesPage({ params }: PageProps<"/[locale]/admin/namespaces">) {
  const locale = resolveLocale((await params).locale);
  setRequestLocale(locale);
  const user = await requireAdminPage(locale);
  if (!hasPermission(user.role, "namespace.manage")) notFound();
  const t = await getTranslations("adminNamespaces");
  return (
    <div className="flex flex-col gap-6">
      <PageHeader heading={t("heading")} intro={t("intro")} />
      <NamespaceList />
    </div>
  );
}
