import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { setRequestLocale } from "next-intl/server";
import { ClusterDetail } from "@/components/clusters/cluster-detail";
import { hasPermission } from "@/lib/auth/permissions";
import { resolveLocale } from "@/lib/i18n/routing";
import { adminPageMetadata } from "@/server/auth/admin-page-metadata";
import { requireAdminPage } from "@/server/auth/require-admin-page";
import { clusterExists } from "@/server/clusters/cluster-exists";
import { getWebContext } from "@/server/web-context";

export const dynamic = "force-dynamic";

export async function generateMetadata({
  params,
}: PageProps<"/[locale]/admin/clusters/[id]">): Promise<Metadata> {
  return adminPageMetadata(resolveLocale((await params).locale), "adminCluster");
}

// An unknown id is a real 404; the cluster itself loads in the client (its own loading and error states, and
// a not-found state should it be deleted while open), and live notices keep it current.
export default async function AdminClusterPage({ params }: PageProps<"/[locale]/admin/clusters/[id]">) {
  const { locale: rawLocale, id } = await params;
  const locale = resolveLocale(rawLocale);
  setRequestLocale(locale);
  const user = await requireAdminPage(locale);
  if (!hasPermission(user.role, "cluster.manage") || !(await clusterExists(id, getWebContext().prisma)))
    notFound();
  return <ClusterDetail id={id} />;
}
