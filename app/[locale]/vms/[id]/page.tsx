import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { VmDetailView } from "@/components/vm/vm-detail";
import { hasPermission } from "@/lib/auth/permissions";
import { isAppError } from "@/lib/errors/app-error";
import { redirect } from "@/lib/i18n/navigation";
import { resolveLocale } from "@/lib/i18n/routing";
import { getSession } from "@/server/auth/session";
import { findVmInScope, vmScopeOf } from "@/server/vms/vm-scope";
import { getWebContext } from "@/server/web-context";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: PageProps<"/[locale]/vms/[id]">): Promise<Metadata> {
  const t = await getTranslations({ locale: resolveLocale((await params).locale), namespace: "metadata" });
  return { title: t("vm") };
}

// The VM loads in the client (its own loading and error states) and live notices keep it current. An id that
// is unknown or outside the caller's services is a real 404 here, before anything renders: the same answer
// for both, so other teams' VM ids cannot be probed.
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
  await findVmInScope(getWebContext().prisma, vmScopeOf(user), id).catch((error: unknown) => {
    if (isAppError(error) && error.code === "VM_NOT_FOUND") notFound();
    throw error;
  });
  return <VmDetailView id={id} isAdmin={user.role === "admin"} />;
}
