import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { PageHeader } from "@/components/shell/page-header";
import { VmList } from "@/components/vm/vm-list";
import { hasPermission } from "@/lib/auth/permissions";
import { redirect } from "@/lib/i18n/navigation";
import { resolveLocale } from "@/lib/i18n/routing";
import { parseVmListParamsLenient } from "@/lib/vms/vm-list-params";
import { getSession } from "@/server/auth/session";
import { listVms } from "@/server/vms/list-vms";
import { getWebContext } from "@/server/web-context";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: PageProps<"/[locale]/vms">): Promise<Metadata> {
  const t = await getTranslations({ locale: resolveLocale((await params).locale), namespace: "metadata" });
  return { title: t("vms") };
}

export default async function VmsPage({ params, searchParams }: PageProps<"/[locale]/vms">) {
  const locale = resolveLocale((await params).locale);
  setRequestLocale(locale);
  const user = await getSession();
  if (!user) return redirect({ href: { pathname: "/sign-in", query: { next: `/${locale}/vms` } }, locale });
  if (!hasPermission(user.role, "vm.read")) notFound();
  const listParams = parseVmListParamsLenient(await searchParams);
  const renderedAt = Date.now();
  const page = await listVms(user, listParams, getWebContext());
  const t = await getTranslations("vm.list");
  return (
    <div className="flex flex-col gap-6">
      <PageHeader heading={t("heading")} intro={t("intro")} />
      <VmList initialParams={listParams} initialPage={page} renderedAt={renderedAt} />
    </div>
  );
}
