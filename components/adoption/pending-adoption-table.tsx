"use client";

// The inbox's table: server-side sorting (TanStack Table in manual mode), one checkbox per pending item for
// batch decisions, and the resource name as the button that opens the item's detail panel.
import type { ColumnDef, RowSelectionState } from "@tanstack/react-table";
import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { DataTable, useServerSortedTable } from "@/components/ui/data-table";
import { RelativeTime } from "@/components/ui/relative-time";
import { StatusPill } from "@/components/ui/status-pill";
import type { PendingAdoptionView } from "@/lib/adoption/adoption-views";
import { ADOPTION_STATUS_TONE } from "./adoption-vocabulary";
import { type InboxParams, isInboxSortField } from "./inbox-params";
import { useAdoptionStatusLabels } from "./use-adoption-labels";

/** For short values that read badly broken over two lines. */
const NO_WRAP = { cellClassName: "whitespace-nowrap" };

export function PendingAdoptionTable({
  items,
  params,
  selection,
  onSelectionChange,
  onChange,
  onOpen,
}: {
  items: PendingAdoptionView[];
  params: InboxParams;
  selection: RowSelectionState;
  onSelectionChange: (selection: RowSelectionState) => void;
  onChange: (change: Partial<InboxParams>) => void;
  onOpen: (id: string) => void;
}) {
  const t = useTranslations("adoption.inbox");
  const statusLabels = useAdoptionStatusLabels();
  const none = t("none");

  const columns = useMemo<ColumnDef<PendingAdoptionView>[]>(
    () => [
      {
        id: "select",
        enableSorting: false,
        meta: { headerClassName: "w-10" },
        header: ({ table }) => (
          <input
            type="checkbox"
            aria-label={t("selectAll")}
            className="size-4"
            checked={table.getIsAllRowsSelected()}
            ref={(el) => {
              if (el) el.indeterminate = table.getIsSomeRowsSelected();
            }}
            disabled={!table.getRowModel().rows.some((row) => row.getCanSelect())}
            onChange={table.getToggleAllRowsSelectedHandler()}
          />
        ),
        cell: ({ row }) => (
          <input
            type="checkbox"
            aria-label={t("selectRow", { name: row.original.resource_name })}
            className="size-4"
            checked={row.getIsSelected()}
            disabled={!row.getCanSelect()}
            onChange={row.getToggleSelectedHandler()}
          />
        ),
      },
      {
        id: "resource_name",
        accessorFn: (item) => item.resource_name,
        header: t("columns.resource"),
        cell: ({ row }) => (
          <button
            type="button"
            className="text-left font-medium text-accent hover:text-accent-strong hover:underline"
            title={t("openItem", { name: row.original.resource_name })}
            onClick={() => onOpen(row.original.id)}
          >
            {row.original.resource_name}
          </button>
        ),
      },
      {
        id: "namespace",
        accessorFn: (item) => item.namespace,
        header: t("columns.namespace"),
        cell: ({ row }) => row.original.namespace,
      },
      {
        id: "cluster",
        header: t("columns.cluster"),
        enableSorting: false,
        meta: NO_WRAP,
        cell: ({ row }) => row.original.cluster_name,
      },
      {
        id: "governance",
        header: t("columns.governance"),
        enableSorting: false,
        cell: ({ row }) =>
          t("governance", {
            system: row.original.system ?? none,
            service: row.original.service ?? none,
            instance: row.original.instance ?? none,
          }),
      },
      {
        id: "status",
        header: t("columns.status"),
        enableSorting: false,
        meta: NO_WRAP,
        cell: ({ row }) => (
          <StatusPill
            tone={ADOPTION_STATUS_TONE[row.original.status]}
            data-adoption-status={row.original.status}
          >
            {statusLabels[row.original.status]}
          </StatusPill>
        ),
      },
      {
        id: "first_seen_at",
        accessorFn: (item) => item.first_seen_at,
        header: t("columns.age"),
        meta: NO_WRAP,
        cell: ({ row }) => <RelativeTime iso={row.original.first_seen_at} />,
      },
      {
        id: "last_seen_at",
        accessorFn: (item) => item.last_seen_at,
        header: t("columns.lastSeen"),
        meta: NO_WRAP,
        cell: ({ row }) => <RelativeTime iso={row.original.last_seen_at} />,
      },
    ],
    [t, none, statusLabels, onOpen],
  );

  const table = useServerSortedTable({
    data: items,
    columns,
    getRowId: (item) => item.id,
    // Only a pending item can be decided; the others are listed for reference.
    enableRowSelection: (row) => row.original.status === "PENDING",
    state: { rowSelection: selection },
    onRowSelectionChange: (updater) =>
      onSelectionChange(typeof updater === "function" ? updater(selection) : updater),
    sort: { id: params.sort_by, desc: params.sort_order === "desc" },
    onSort: ({ id, desc }) => {
      if (isInboxSortField(id)) onChange({ sort_by: id, sort_order: desc ? "desc" : "asc" });
    },
  });

  return (
    <DataTable
      table={table}
      label={t("tableLabel")}
      rowProps={(row) => ({
        "data-adoption": row.original.resource_name,
        "aria-selected": row.getCanSelect() ? row.getIsSelected() : undefined,
        className: row.getIsSelected() ? "bg-accent-soft/50" : undefined,
      })}
    />
  );
}

/** Rows shaped like the table while the first page loads, so the layout does not jump when it arrives. */
export function PendingAdoptionTableSkeleton({ rows = 5 }: { rows?: number }) {
  const t = useTranslations("adoption.inbox");
  return (
    <div className="rounded-lg border border-line bg-surface">
      <span role="status" className="sr-only">
        {t("loading")}
      </span>
      <div aria-hidden="true" className="flex animate-pulse flex-col divide-y divide-line">
        <div className="h-10 bg-canvas" />
        {Array.from({ length: rows }, (_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: placeholder rows have no identity
          <div key={i} className="flex items-center gap-4 px-3 py-3">
            <div className="size-4 rounded bg-line" />
            <div className="h-3 w-48 rounded bg-line" />
            <div className="h-3 w-20 rounded bg-line" />
            <div className="h-3 w-24 rounded bg-line" />
            <div className="h-3 w-32 rounded bg-line" />
            <div className="h-5 w-16 rounded-full bg-line" />
          </div>
        ))}
      </div>
    </div>
  );
}
