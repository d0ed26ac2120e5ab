import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { ClusterList } from "@/components/clusters/cluster-list";
import { hasPermission } from "@/lib/auth/permissions";
import { redirect } from "@/lib/i18n/navigation";
import { resolveLocale } from "@/lib/i18n/routing";
import { getSession } from "@/server/auth/session";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: PageProps<"/[locale]/admin/clusters">): Promise<Metadata> {
  const t = await getTranslations({ locale: resolveLocale((await params).locale), namespace: "metadata" });
  return { title: t("adminClusters") };
}

// No route-level loading.tsx on purpose: a streamed loading boundary would answer the not-found below as
// HTTP 200. The list loads in the client, with its own skeleton.
export default async function AdminClustersPage({ params }: PageProps<"/[locale]/admin/clusters">) {
  const locale = resolveLocale((await params).locale);
  setRequestLocale(locale);
  const user = await getSession();
  if (!user)
    return redirect({ href: { pathname: "/sign-in", query: { next: `/${locale}/admin/clusters` } }, locale });
  // Not an admin: the page does not exist for them (its name is not even confirmed).
  if (!hasPermission(user.role, "cluster.manage")) notFound();
  const t = await getTranslations("adminClusters");
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("heading")}</h1>
        <p className="mt-1 max-w-3xl text-ink-muted">{t("intro")}</p>
      </div>
      <ClusterList />
    </div>
  );
}
