import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { ServiceDetail } from "@/components/systems/service-detail";
import { hasPermission } from "@/lib/auth/permissions";
import { isAppError } from "@/lib/errors/app-error";
import { redirect } from "@/lib/i18n/navigation";
import { resolveLocale } from "@/lib/i18n/routing";
import { getSession } from "@/server/auth/session";
import { getService } from "@/server/systems/read-systems";
import { getWebContext } from "@/server/web-context";

export const dynamic = "force-dynamic";

export async function generateMetadata({
  params,
}: PageProps<"/[locale]/systems/[id]/services/[serviceId]">): Promise<Metadata> {
  const t = await getTranslations({ locale: resolveLocale((await params).locale), namespace: "metadata" });
  return { title: t("service") };
}

// Members and VMs of a service: for its members, the system's creator and admins; anyone else gets a 404.
export default async function ServicePage({
  params,
}: PageProps<"/[locale]/systems/[id]/services/[serviceId]">) {
  const { locale: rawLocale, id, serviceId } = await params;
  const locale = resolveLocale(rawLocale);
  setRequestLocale(locale);
  const path = `/${locale}/systems/${encodeURIComponent(id)}/services/${encodeURIComponent(serviceId)}`;
  const user = await getSession();
  if (!user) return redirect({ href: { pathname: "/sign-in", query: { next: path } }, locale });
  if (!hasPermission(user.role, "system.read")) notFound();
  await getService(getWebContext().prisma, user, id, serviceId).catch((error: unknown) => {
    if (isAppError(error) && error.code === "SERVICE_NOT_FOUND") notFound();
    throw error;
  });
  return <ServiceDetail systemId={id} serviceId={serviceId} isAdmin={user.role === "admin"} />;
}
