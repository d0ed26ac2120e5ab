import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { UsersAdmin } from "@/components/admin/users-admin";
import { PageHeader } from "@/components/shell/page-header";
import { hasPermission } from "@/lib/auth/permissions";
import { resolveLocale } from "@/lib/i18n/routing";
import { adminPageMetadata } from "@/server/auth/admin-page-metadata";
import { requireAdminPage } from "@/server/auth/require-admin-page";
import { listServiceOptions, listUsers } from "@/server/users/list-users";
import { getWebContext } from "@/server/web-context";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: PageProps<"/[locale]/admin/users">): Promise<Metadata> {
  return adminPageMetadata(resolveLocale((await params).locale), "adminUsers");
}

export default async function AdminUsersPage({ params }: PageProps<"/[locale]/admin/users">) {
  const locale = resolveLocale((await params).locale);
  setRequestLocale(locale);
  // The admin layout has already refused everyone else (with a real 404 or redirect); this page's own
  // permission is checked again in case admin.access is ever granted more widely.
  const user = await requireAdminPage(locale);
  if (!hasPermission(user.role, "user.read")) notFound();
  const { prisma } = getWebContext();
  const [users, services] = await Promise.all([listUsers(prisma), listServiceOptions(prisma)]);
  const t = await getTranslations("adminUsers");
  return (
    <div className="flex flex-col gap-6">
      <PageHeader heading={t("heading")} intro={t("intro")} />
      <UsersAdmin users={users} services={services} currentUserId={user.id} />
    </div>
  );
}
