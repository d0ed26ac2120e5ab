"use client";

// One service: its members (read-only here — memberships are assigned on the admin users page) and its
// governed VMs, each linking to the VM's page.
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { ApiRequestError } from "@/components/api/request-json";
import { EmptyState } from "@/components/ui/empty-state";
import { LoadErrorBanner } from "@/components/ui/load-error-banner";
import { Spinner } from "@/components/ui/spinner";
import { Link } from "@/lib/i18n/navigation";
import type { ServiceMemberView, ServiceVmView } from "@/lib/systems/system-views";
import { SimpleTable } from "./simple-table";
import { serviceQueryOptions } from "./system-queries";

export function ServiceDetail({
  systemId,
  serviceId,
  isAdmin,
}: {
  systemId: string;
  serviceId: string;
  isAdmin: boolean;
}) {
  const t = useTranslations("systems.service");
  const query = useQuery(serviceQueryOptions(systemId, serviceId));
  if (query.isError && query.error instanceof ApiRequestError && query.error.status === 404)
    return <EmptyState title={t("notFound")} action={<Link href="/systems">{t("backToSystems")}</Link>} />;
  if (query.isError)
    return <LoadErrorBanner message={t("loadError")} query={query} retryLabel={t("retry")} />;
  if (!query.data) return <Spinner label={t("loading")} />;
  const s = query.data;
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-2">
        <Link href={`/systems/${systemId}`} className="text-sm text-accent hover:underline">
          {t("back", { system: s.system_name })}
        </Link>
        <h1 className="font-mono text-2xl font-semibold tracking-tight">
          {s.system_name}/{s.name}
        </h1>
        <p className="max-w-3xl text-ink-muted">{s.description ?? t("noDescription")}</p>
      </div>

      <section className="flex flex-col gap-3" aria-labelledby="members-heading">
        <h2 id="members-heading" className="text-lg font-semibold">
          {t("members")}
        </h2>
        <p className="text-sm text-ink-muted">
          {isAdmin ? (
            <Link href="/admin/users" className="text-accent hover:underline">
              {t("membersHintAdmin")}
            </Link>
          ) : (
            t("membersHint")
          )}
        </p>
        {s.members.length === 0 ? (
          <EmptyState title={t("noMembers")} headingLevel={3} />
        ) : (
          <SimpleTable<ServiceMemberView>
            label={t("membersTable")}
            rows={s.members}
            rowKey={(m) => m.user_id}
            rowProps={(m) => ({ "data-member": m.username ?? m.email })}
            columns={[
              { id: "name", header: t("columns.name"), cell: (m) => m.name },
              { id: "username", header: t("columns.username"), cell: (m) => m.username ?? m.email },
              { id: "role", header: t("columns.role"), cell: (m) => m.role },
            ]}
          />
        )}
      </section>

      <section className="flex flex-col gap-3" aria-labelledby="vms-heading">
        <h2 id="vms-heading" className="text-lg font-semibold">
          {t("vms")}
        </h2>
        {s.vms.length === 0 ? (
          <EmptyState title={t("noVms")} headingLevel={3} />
        ) : (
          <SimpleTable<ServiceVmView>
            label={t("vmsTable")}
            rows={s.vms}
            rowKey={(v) => v.id}
            rowProps={(v) => ({ "data-vm": v.name })}
            columns={[
              {
                id: "name",
                header: t("columns.vm"),
                cell: (v) => (
                  <Link href={`/vms/${v.id}`} className="font-mono text-accent hover:underline">
                    {v.name}
                  </Link>
                ),
              },
              { id: "namespace", header: t("columns.namespace"), cell: (v) => v.namespace },
              { id: "status", header: t("columns.status"), cell: (v) => v.status },
            ]}
          />
        )}
      </section>
    </div>
  );
}
