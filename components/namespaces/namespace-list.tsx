"use client";

// The namespace registry: name, environment, description, enabled, and on which clusters each namespace is
// known (cached VMs there, or created through Shepherd), sorted and paged on the server. Register, edit and
// "create on cluster" open dialogs.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { DataTable, useServerSortedTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { LoadErrorBanner } from "@/components/ui/load-error-banner";
import { PaginationBar } from "@/components/ui/pagination-bar";
import type { NamespaceView } from "@/lib/namespaces/namespace-views";
import { CreateOnClusterDialog } from "./create-on-cluster-dialog";
import { NamespaceFormDialog } from "./namespace-form-dialog";
import {
  DEFAULT_NAMESPACE_LIST_PARAMS,
  type NamespaceListParams,
  namespaceListQueryOptions,
} from "./namespace-queries";

const SORT_FIELD: Record<string, NamespaceListParams["sort_by"]> = {
  name: "name",
  environment: "environment",
};

export function NamespaceList() {
  const t = useTranslations("adminNamespaces.list");
  const [params, setParams] = useState<NamespaceListParams>(DEFAULT_NAMESPACE_LIST_PARAMS);
  const [form, setForm] = useState<{ editing?: NamespaceView } | null>(null);
  const [onCluster, setOnCluster] = useState<NamespaceView | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const query = useQuery({ ...namespaceListQueryOptions(params), placeholderData: keepPreviousData });
  const data = query.data;
  const openRegister = () => {
    setSaved(null);
    setForm({});
  };

  return (
    <div className="flex flex-col gap-4">
      <div>
        <Button variant="primary" onClick={openRegister}>
          {t("register")}
        </Button>
      </div>
      {saved ? (
        <p role="status" className="rounded-md border border-ok/30 bg-ok-soft px-4 py-2 text-sm text-ok">
          {t("saved", { name: saved })}
        </p>
      ) : null}
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
            description={t("emptyDescription")}
            action={
              <Button variant="primary" onClick={openRegister}>
                {t("register")}
              </Button>
            }
          />
        ) : (
          <>
            <NamespaceTable
              items={data.items}
              params={params}
              onChange={(c) => setParams({ ...params, ...c })}
              onEdit={(ns) => {
                setSaved(null);
                setForm({ editing: ns });
              }}
              onCreateOnCluster={setOnCluster}
            />
            {data.pagination.total_pages > 1 ? (
              <PaginationBar pagination={data.pagination} onPage={(page) => setParams({ ...params, page })} />
            ) : null}
          </>
        )
      ) : query.isPending ? (
        <p role="status" aria-busy="true" className="text-sm text-ink-muted">
          {t("loading")}
        </p>
      ) : null}
      <NamespaceFormDialog
        open={form !== null}
        {...(form?.editing ? { editing: form.editing } : {})}
        onClose={() => setForm(null)}
        onSaved={(ns) => {
          setForm(null);
          setSaved(ns.name);
        }}
      />
      <CreateOnClusterDialog namespace={onCluster} onClose={() => setOnCluster(null)} />
    </div>
  );
}

function NamespaceTable({
  items,
  params,
  onChange,
  onEdit,
  onCreateOnCluster,
}: {
  items: NamespaceView[];
  params: NamespaceListParams;
  onChange: (change: Partial<NamespaceListParams>) => void;
  onEdit: (ns: NamespaceView) => void;
  onCreateOnCluster: (ns: NamespaceView) => void;
}) {
  const t = useTranslations("adminNamespaces.list");
  const envT = useTranslations("adminNamespaces.environments");
  const env = useMemo(() => ({ test: envT("test"), prod: envT("prod") }), [envT]);
  const columns = useMemo<ColumnDef<NamespaceView>[]>(
    () => [
      {
        id: "name",
        accessorFn: (n) => n.name,
        header: t("columns.name"),
        cell: ({ row }) => <span className="font-mono font-medium">{row.original.name}</span>,
      },
      {
        id: "environment",
        accessorFn: (n) => n.environment,
        header: t("columns.environment"),
        cell: ({ row }) => env[row.original.environment],
      },
      {
        id: "description",
        header: t("columns.description"),
        enableSorting: false,
        cell: ({ row }) => row.original.description ?? <span className="text-ink-muted">{t("none")}</span>,
      },
      {
        id: "enabled",
        header: t("columns.enabled"),
        enableSorting: false,
        cell: ({ row }) => (
          <span data-enabled={row.original.enabled} className={row.original.enabled ? "" : "text-ink-muted"}>
            {row.original.enabled ? t("enabled") : t("disabled")}
          </span>
        ),
      },
      {
        id: "clusters",
        header: t("columns.clusters"),
        enableSorting: false,
        cell: ({ row }) =>
          row.original.clusters.length === 0 ? (
            <span className="text-ink-muted">{t("noClusters")}</span>
          ) : (
            <ul className="flex flex-col gap-1">
              {row.original.clusters.map((c) => (
                <li key={c.cluster_id} data-cluster={c.cluster_name}>
                  <span className="font-medium">{c.cluster_name}</span>{" "}
                  <span className="text-xs text-ink-muted">
                    {c.vm_count > 0 ? t("vmCount", { count: c.vm_count }) : t("createdByShepherd")}
                  </span>
                </li>
              ))}
            </ul>
          ),
      },
      {
        id: "actions",
        header: t("columns.actions"),
        enableSorting: false,
        cell: ({ row }) => (
          <div className="flex flex-wrap gap-2">
            <Button className="px-2 py-1 text-xs" onClick={() => onEdit(row.original)}>
              {t("edit")}
            </Button>
            <Button className="px-2 py-1 text-xs" onClick={() => onCreateOnCluster(row.original)}>
              {t("createOnCluster")}
            </Button>
          </div>
        ),
      },
    ],
    [t, env, onEdit, onCreateOnCluster],
  );
  const columnId = Object.entries(SORT_FIELD).find(([, f]) => f === params.sort_by)?.[0] ?? "name";
  const table = useServerSortedTable({
    data: items,
    columns,
    getRowId: (n) => n.id,
    sort: { id: columnId, desc: params.sort_order === "desc" },
    onSort: ({ id, desc }) => {
      const field = SORT_FIELD[id];
      if (field) onChange({ sort_by: field, sort_order: desc ? "desc" : "asc", page: 1 });
    },
  });
  return (
    <DataTable
      table={table}
      label={t("tableLabel")}
      rowProps={(row) => ({ "data-namespace": row.original.name })}
    />
  );
}
