import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { VmDetailView } from "@/components/vm/vm-detail";
import { hasPermission } from "@/lib/auth/permissions";
import { redirect } from "@/lib/i18n/navigation";
import { resolveLocale } from "@/lib/i18n/routing";
import { getSession } from "@/server/auth/session";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: PageProps<"/[locale]/vms/[id]">): Promise<Metadata> {
  const t = await getTranslations({ locale: resolveLocale((await params).locale), namespace: "metadata" });
  return { title: t("vm") };
}

// The VM loads in the client (its own loading and error states) and live notices keep it current; an id that
// is unknown or outside the caller's services answers 404 there, which shows the not-found page.
export default async function VmPage({ params }: PageProps<"/[locale]/vms/[id]">) {
  const { locale: rawLocale, id } = await params;
  const locale = resolveLocale(rawLocale);
  setRequestLocale(locale);
  const user = await getSession();
  if (!user)
    return redirect({
      href: { pathname: "/sign-in", query: { next: `/${locale}/vms/${encodeURIComponent(id)}` } },
      locale,
    });
  if (!hasPermission(user.role, "vm.read")) notFound();
  return <VmDetailView id={id} isAdmin={user.role === "admin"} />;
}
