"use client";

// "Audit history": the audit page filtered to one resource. VM, cluster, system and service pages show it to
// the roles that may read the audit log.
import { useTranslations } from "next-intl";
import { Link } from "@/lib/i18n/navigation";
import { auditHistoryHref } from "./audit-log-params";

export function AuditHistoryLink({ resourceType, resourceId }: { resourceType: string; resourceId: string }) {
  const t = useTranslations("auditLog");
  return (
    <Link
      href={auditHistoryHref(resourceType, resourceId)}
      className="text-sm font-medium text-accent hover:text-accent-strong hover:underline"
      data-audit-history={`${resourceType}:${resourceId}`}
    >
      {t("historyLink")}
    </Link>
  );
}
