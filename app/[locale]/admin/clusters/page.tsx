import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { ClusterList } from "@/components/clusters/cluster-list";
import { PageHeader } from "@/components/shell/page-header";
import { hasPermission } from "@/lib/auth/permissions";
import { resolveLocale } from "@/lib/i18n/routing";
import { adminPageMetadata } from "@/server/auth/admin-page-metadata";
import { requireAdminPage } from "@/server/auth/require-admin-page";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: PageProps<"/[locale]/admin/clusters">): Promise<Metadata> {
  return adminPageMetadata(resolveLocale((await params).locale), "adminClusters");
}

// The admin layout has already answered everyone else with a real 404 or redirect. The list loads in the
// client, with its own skeleton.
export default async function AdminClustersPage({ params }: PageProps<"/[locale]/admin/clusters">) {
  const locale = resolveLocale((await params).locale);
  setRequestLocale(locale);
  const user = await requireAdminPage(locale);
  if (!hasPermission(user.role, "cluster.manage")) notFound();
  const t = await getTranslations("adminClusters");
  return (
    <div className="flex flex-col gap-6">
      <PageHeader heading={t("heading")} intro={t("intro")} />
      <ClusterList />
    </div>
  );
}
