"use client";

// The systems the caller may see (admins: all), by name, with their service counts; "create system" for
// admins and — while self-service is on — for everyone; the self-service switch for admins.
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { LoadErrorBanner } from "@/components/ui/load-error-banner";
import { PaginationBar } from "@/components/ui/pagination-bar";
import { Spinner } from "@/components/ui/spinner";
import { Link } from "@/lib/i18n/navigation";
import type { SystemsAbilities, SystemView } from "@/lib/systems/system-views";
import { CreateDialog, CreatedNotice } from "./governance-dialogs";
import { SelfServiceToggle } from "./self-service-toggle";
import { SimpleTable } from "./simple-table";
import {
  createSystem,
  DEFAULT_SYSTEM_LIST_PARAMS,
  systemKeys,
  systemListQueryOptions,
} from "./system-queries";

export function SystemList({ abilities }: { abilities: SystemsAbilities }) {
  const t = useTranslations("systems.list");
  const [params, setParams] = useState(DEFAULT_SYSTEM_LIST_PARAMS);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ name: string; warnings: string[] } | null>(null);
  const queryClient = useQueryClient();
  const query = useQuery({ ...systemListQueryOptions(params), placeholderData: keepPreviousData });
  const data = query.data;
  const createButton = abilities.can_create ? (
    <Button variant="primary" onClick={() => setCreating(true)}>
      {t("create")}
    </Button>
  ) : null;

  return (
    <div className="flex flex-col gap-4">
      {abilities.can_manage ? <SelfServiceToggle /> : null}
      {createButton ? <div>{createButton}</div> : null}
      {created ? <CreatedNotice created={created} /> : null}
      {query.isError ? (
        <LoadErrorBanner
          message={data ? t("refreshError") : t("loadError")}
          query={query}
          retryLabel={t("retry")}
        />
      ) : null}
      {data ? (
        data.pagination.total_items === 0 ? (
          <EmptyState
            title={t("emptyTitle")}
            description={abilities.can_create ? t("emptyCreate") : t("emptyMember")}
          />
        ) : (
          <>
            <SimpleTable<SystemView>
              label={t("tableLabel")}
              rows={data.items}
              rowKey={(s) => s.id}
              rowProps={(s) => ({ "data-system": s.name })}
              columns={[
                {
                  id: "name",
                  header: t("columns.name"),
                  cell: (s) => (
                    <Link
                      href={`/systems/${s.id}`}
                      className="font-mono font-medium text-accent hover:text-accent-strong hover:underline"
                    >
                      {s.name}
                    </Link>
                  ),
                },
                { id: "description", header: t("columns.description"), cell: (s) => s.description ?? "—" },
                { id: "services", header: t("columns.services"), cell: (s) => s.service_count },
              ]}
            />
            {data.pagination.total_pages > 1 ? (
              <PaginationBar pagination={data.pagination} onPage={(page) => setParams({ ...params, page })} />
            ) : null}
          </>
        )
      ) : query.isPending ? (
        <Spinner label={t("loading")} />
      ) : null}
      <CreateDialog
        entity="system"
        open={creating}
        onClose={() => setCreating(false)}
        create={createSystem}
        onCreated={(c) => {
          setCreating(false);
          setCreated(c);
          void queryClient.invalidateQueries({ queryKey: systemKeys.all });
        }}
      />
    </div>
  );
}
