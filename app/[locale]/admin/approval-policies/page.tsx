import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { PolicyMatrix } from "@/components/approval-policies/policy-matrix";
import { PageHeader } from "@/components/shell/page-header";
import { hasPermission } from "@/lib/auth/permissions";
import { resolveLocale } from "@/lib/i18n/routing";
import { adminPageMetadata } from "@/server/auth/admin-page-metadata";
import { requireAdminPage } from "@/server/auth/require-admin-page";

export const dynamic = "force-dynamic";

export async function generateMetadata({
  params,
}: PageProps<"/[locale]/admin/approval-policies">): Promise<Metadata> {
  return adminPageMetadata(resolveLocale((await params).locale), "adminApprovalPolicies");
}

// The admin layout has already refused everyone else; the matrix loads in the client.
export default async function AdminApprovalPoliciesPage({
  params,
}: PageProps<"/[locale]/admin/approval-policies">) {
  const locale = resolveLocale((await params).locale);
  setRequestLocale(locale);
  const user = await requireAdminPage(locale);
  if (!hasPermission(user.role, "policy.manage")) notFound();
  const t = await getTranslations("adminApprovalPolicies");
  return (
    <div className="flex flex-col gap-6">
      <PageHeader heading={t("heading")} intro={t("intro")} />
      <PolicyMatrix />
    </div>
  );
}
