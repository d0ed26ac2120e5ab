import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { SystemDetail } from "@/components/systems/system-detail";
import { hasPermission } from "@/lib/auth/permissions";
import { isAppError } from "@/lib/errors/app-error";
import { redirect } from "@/lib/i18n/navigation";
import { resolveLocale } from "@/lib/i18n/routing";
import { getSession } from "@/server/auth/session";
import { getSystem } from "@/server/systems/read-systems";
import { systemsAbilities } from "@/server/systems/system-scope";
import { getWebContext } from "@/server/web-context";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: PageProps<"/[locale]/systems/[id]">): Promise<Metadata> {
  const t = await getTranslations({ locale: resolveLocale((await params).locale), namespace: "metadata" });
  return { title: t("system") };
}

// A system the caller cannot see is a real 404, the same as one that does not exist.
export default async function SystemPage({ params }: PageProps<"/[locale]/systems/[id]">) {
  const { locale: rawLocale, id } = await params;
  const locale = resolveLocale(rawLocale);
  setRequestLocale(locale);
  const user = await getSession();
  if (!user)
    return redirect({
      href: { pathname: "/sign-in", query: { next: `/${locale}/systems/${encodeURIComponent(id)}` } },
      locale,
    });
  if (!hasPermission(user.role, "system.read")) notFound();
  const { prisma } = getWebContext();
  await getSystem(prisma, user, id).catch((error: unknown) => {
    if (isAppError(error) && error.code === "SYSTEM_NOT_FOUND") notFound();
    throw error;
  });
  return <SystemDetail id={id} abilities={await systemsAbilities(prisma, user)} />;
}
