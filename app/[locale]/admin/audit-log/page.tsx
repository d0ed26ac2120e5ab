import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { AuditLogBrowser } from "@/components/audit/audit-log-browser";
import { PageHeader } from "@/components/shell/page-header";
import { hasPermission } from "@/lib/auth/permissions";
import { resolveLocale } from "@/lib/i18n/routing";
import { adminPageMetadata } from "@/server/auth/admin-page-metadata";
import { requireAdminPage } from "@/server/auth/require-admin-page";

export const dynamic = "force-dynamic";

export async function generateMetadata({
  params,
}: PageProps<"/[locale]/admin/audit-log">): Promise<Metadata> {
  return adminPageMetadata(resolveLocale((await params).locale), "auditLog");
}

// The records load in the browser (filters in the address, "load more" by cursor), with their loading state
// inside the page; the admin layout already refused everyone else.
export default async function AuditLogPage({ params }: PageProps<"/[locale]/admin/audit-log">) {
  const locale = resolveLocale((await params).locale);
  setRequestLocale(locale);
  const user = await requireAdminPage(locale);
  if (!hasPermission(user.role, "audit.read")) notFound();
  const t = await getTranslations("auditLog");
  return (
    <div className="flex flex-col gap-6">
      <PageHeader heading={t("heading")} intro={t("intro")} />
      <AuditLogBrowser />
    </div>
  );
}
