"use client";

// One system: its name (immutable) and description, its services by name with VM and member counts. Admins
// edit descriptions and delete (confirmed; refused while children exist); anyone allowed to create adds
// services.
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ApiRequestError } from "@/components/api/request-json";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { LoadErrorBanner } from "@/components/ui/load-error-banner";
import { PaginationBar } from "@/components/ui/pagination-bar";
import { Spinner } from "@/components/ui/spinner";
import { Link, useRouter } from "@/lib/i18n/navigation";
import type { ServiceView, SystemsAbilities } from "@/lib/systems/system-views";
import { CreateDialog, CreatedNotice, DeleteDialog, EditDescriptionDialog } from "./governance-dialogs";
import { SimpleTable } from "./simple-table";
import {
  createService,
  DEFAULT_SYSTEM_LIST_PARAMS,
  deleteService,
  deleteSystem,
  serviceListQueryOptions,
  systemKeys,
  systemQueryOptions,
  updateServiceDescription,
  updateSystemDescription,
} from "./system-queries";

type Dialog =
  | { kind: "create" }
  | { kind: "editSystem" }
  | { kind: "deleteSystem" }
  | { kind: "editService"; service: ServiceView }
  | { kind: "deleteService"; service: ServiceView };

export function SystemDetail({ id, abilities }: { id: string; abilities: SystemsAbilities }) {
  const t = useTranslations("systems.detail");
  const router = useRouter();
  const queryClient = useQueryClient();
  const [params, setParams] = useState(DEFAULT_SYSTEM_LIST_PARAMS);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [created, setCreated] = useState<{ name: string; warnings: string[] } | null>(null);
  const system = useQuery(systemQueryOptions(id));
  const services = useQuery({ ...serviceListQueryOptions(id, params), placeholderData: keepPreviousData });
  const refresh = () => {
    setDialog(null);
    void queryClient.invalidateQueries({ queryKey: systemKeys.all });
  };

  if (system.isError && system.error instanceof ApiRequestError && system.error.status === 404)
    return <EmptyState title={t("notFound")} action={<Link href="/systems">{t("back")}</Link>} />;
  if (system.isError)
    return <LoadErrorBanner message={t("loadError")} query={system} retryLabel={t("retry")} />;
  if (!system.data) return <Spinner label={t("loading")} />;
  const s = system.data;

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-2">
        <Link href="/systems" className="text-sm text-accent hover:underline">
          {t("back")}
        </Link>
        <h1 className="font-mono text-2xl font-semibold tracking-tight">{s.name}</h1>
        <p className="max-w-3xl text-ink-muted">{s.description ?? t("noDescription")}</p>
        {abilities.can_manage ? (
          <div role="toolbar" aria-label={t("actions")} className="flex flex-wrap gap-2">
            <Button onClick={() => setDialog({ kind: "editSystem" })}>{t("editDescription")}</Button>
            <Button onClick={() => setDialog({ kind: "deleteSystem" })}>{t("deleteSystem")}</Button>
          </div>
        ) : null}
      </div>

      <section className="flex flex-col gap-3" aria-labelledby="services-heading">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="services-heading" className="text-lg font-semibold">
            {t("services")}
          </h2>
          {abilities.can_create ? (
            <Button variant="primary" onClick={() => setDialog({ kind: "create" })}>
              {t("createService")}
            </Button>
          ) : null}
        </div>
        {created ? <CreatedNotice created={created} /> : null}
        {services.isError ? (
          <LoadErrorBanner message={t("servicesLoadError")} query={services} retryLabel={t("retry")} />
        ) : null}
        {services.data ? (
          services.data.pagination.total_items === 0 ? (
            <EmptyState title={t("noServices")} headingLevel={3} />
          ) : (
            <>
              <SimpleTable<ServiceView>
                label={t("servicesTable")}
                rows={services.data.items}
                rowKey={(v) => v.id}
                rowProps={(v) => ({ "data-service": v.name })}
                columns={[
                  {
                    id: "name",
                    header: t("columns.name"),
                    cell: (v) => (
                      <Link
                        href={`/systems/${id}/services/${v.id}`}
                        className="font-mono font-medium text-accent hover:text-accent-strong hover:underline"
                      >
                        {v.name}
                      </Link>
                    ),
                  },
                  { id: "description", header: t("columns.description"), cell: (v) => v.description ?? "—" },
                  { id: "vms", header: t("columns.vms"), cell: (v) => v.vm_count },
                  { id: "members", header: t("columns.members"), cell: (v) => v.member_count },
                  ...(abilities.can_manage
                    ? [
                        {
                          id: "actions",
                          header: t("columns.actions"),
                          cell: (v: ServiceView) => (
                            <div className="flex gap-2">
                              <Button
                                onClick={() => setDialog({ kind: "editService", service: v })}
                                aria-label={t("editServiceNamed", { name: v.name })}
                              >
                                {t("edit")}
                              </Button>
                              <Button
                                onClick={() => setDialog({ kind: "deleteService", service: v })}
                                aria-label={t("deleteServiceNamed", { name: v.name })}
                              >
                                {t("delete")}
                              </Button>
                            </div>
                          ),
                        },
                      ]
                    : []),
                ]}
              />
              {services.data.pagination.total_pages > 1 ? (
                <PaginationBar
                  pagination={services.data.pagination}
                  onPage={(page) => setParams({ ...params, page })}
                />
              ) : null}
            </>
          )
        ) : services.isPending ? (
          <Spinner label={t("loading")} />
        ) : null}
      </section>

      <CreateDialog
        entity="service"
        open={dialog?.kind === "create"}
        onClose={() => setDialog(null)}
        create={(entry) => createService(id, entry)}
        onCreated={(c) => {
          setCreated(c);
          refresh();
        }}
      />
      {dialog?.kind === "editSystem" ? (
        <EditDescriptionDialog
          entity="system"
          name={s.name}
          current={s.description}
          open
          onClose={() => setDialog(null)}
          save={(d) => updateSystemDescription(id, d)}
          onSaved={refresh}
        />
      ) : null}
      {dialog?.kind === "deleteSystem" ? (
        <DeleteDialog
          entity="system"
          name={s.name}
          open
          onClose={() => setDialog(null)}
          remove={() => deleteSystem(id)}
          onDeleted={() => {
            refresh();
            router.push("/systems");
          }}
        />
      ) : null}
      {dialog?.kind === "editService" ? (
        <EditDescriptionDialog
          entity="service"
          name={dialog.service.name}
          current={dialog.service.description}
          open
          onClose={() => setDialog(null)}
          save={(d) => updateServiceDescription(id, dialog.service.id, d)}
          onSaved={refresh}
        />
      ) : null}
      {dialog?.kind === "deleteService" ? (
        <DeleteDialog
          entity="service"
          name={dialog.service.name}
          open
          onClose={() => setDialog(null)}
          remove={() => deleteService(id, dialog.service.id)}
          onDeleted={refresh}
        />
      ) : null}
    </div>
  );
}
