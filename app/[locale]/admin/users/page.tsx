import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { UsersAdmin } from "@/components/admin/users-admin";
import { hasPermission } from "@/lib/auth/permissions";
import { redirect } from "@/lib/i18n/navigation";
import { resolveLocale } from "@/lib/i18n/routing";
import { getSession } from "@/server/auth/session";
import { getPrisma } from "@/server/db/prisma";
import { listServiceOptions, listUsers } from "@/server/users/list-users";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: PageProps<"/[locale]/admin/users">): Promise<Metadata> {
  const t = await getTranslations({ locale: resolveLocale((await params).locale), namespace: "metadata" });
  return { title: t("adminUsers") };
}

export default async function AdminUsersPage({ params }: PageProps<"/[locale]/admin/users">) {
  const locale = resolveLocale((await params).locale);
  setRequestLocale(locale);
  const user = await getSession();
  if (!user)
    return redirect({ href: { pathname: "/sign-in", query: { next: `/${locale}/admin/users` } }, locale });
  // Not an admin: the page does not exist for them (its name is not even confirmed).
  if (!hasPermission(user.role, "user.read")) notFound();
  const prisma = getPrisma();
  const [users, services] = await Promise.all([listUsers(prisma), listServiceOptions(prisma)]);
  const t = await getTranslations("adminUsers");
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("heading")}</h1>
        <p className="mt-1 max-w-3xl text-ink-muted">{t("intro")}</p>
      </div>
      <UsersAdmin users={users} services={services} currentUserId={user.id} />
    </div>
  );
}
