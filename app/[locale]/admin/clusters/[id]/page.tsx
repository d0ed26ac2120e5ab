import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { ClusterDetail } from "@/components/clusters/cluster-detail";
import { hasPermission } from "@/lib/auth/permissions";
import { redirect } from "@/lib/i18n/navigation";
import { resolveLocale } from "@/lib/i18n/routing";
import { getSession } from "@/server/auth/session";

export const dynamic = "force-dynamic";

export async function generateMetadata({
  params,
}: PageProps<"/[locale]/admin/clusters/[id]">): Promise<Metadata> {
  const t = await getTranslations({ locale: resolveLocale((await params).locale), namespace: "metadata" });
  return { title: t("adminCluster") };
}

// Only the session is checked here; the cluster itself loads in the client (its own loading, not-found and
// error states), and live notices keep it current.
export default async function AdminClusterPage({ params }: PageProps<"/[locale]/admin/clusters/[id]">) {
  const { locale: rawLocale, id } = await params;
  const locale = resolveLocale(rawLocale);
  setRequestLocale(locale);
  const user = await getSession();
  if (!user)
    return redirect({
      href: { pathname: "/sign-in", query: { next: `/${locale}/admin/clusters/${encodeURIComponent(id)}` } },
      locale,
    });
  if (!hasPermission(user.role, "cluster.manage")) notFound();
  return <ClusterDetail id={id} />;
}
