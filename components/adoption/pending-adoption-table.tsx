"use client";

// The inbox's table: server-side sorting (TanStack Table in manual mode), one checkbox per pending item for
// batch decisions, and the resource name as the button that opens the item's detail panel.
import {
  type ColumnDef,
  flexRender,
  getCoreRowModel,
  type RowSelectionState,
  type SortingState,
  useReactTable,
} from "@tanstack/react-table";
import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { RelativeTime } from "@/components/ui/relative-time";
import { StatusPill } from "@/components/ui/status-pill";
import type { PendingAdoptionView } from "@/lib/adoption/adoption-views";
import { ADOPTION_STATUS_TONE } from "./adoption-vocabulary";
import { type InboxParams, isInboxSortField } from "./inbox-params";
import { useAdoptionStatusLabels } from "./use-adoption-labels";

/** Short values that read badly broken over two lines. */
const NO_WRAP = new Set(["cluster", "status", "first_seen_at", "last_seen_at"]);

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
      { id: "namespace", header: t("columns.namespace"), cell: ({ row }) => row.original.namespace },
      {
        id: "cluster",
        header: t("columns.cluster"),
        enableSorting: false,
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
        header: t("columns.age"),
        cell: ({ row }) => <RelativeTime iso={row.original.first_seen_at} />,
      },
      {
        id: "last_seen_at",
        header: t("columns.lastSeen"),
        cell: ({ row }) => <RelativeTime iso={row.original.last_seen_at} />,
      },
    ],
    [t, none, statusLabels, onOpen],
  );

  const sorting: SortingState = [{ id: params.sort_by, desc: params.sort_order === "desc" }];
  const table = useReactTable({
    data: items,
    columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (item) => item.id,
    manualSorting: true,
    manualPagination: true,
    manualFiltering: true,
    enableSortingRemoval: false,
    // Only a pending item can be decided; the others are listed for reference.
    enableRowSelection: (row) => row.original.status === "PENDING",
    state: { sorting, rowSelection: selection },
    onRowSelectionChange: (updater) =>
      onSelectionChange(typeof updater === "function" ? updater(selection) : updater),
    onSortingChange: (updater) => {
      const next = typeof updater === "function" ? updater(sorting) : updater;
      const first = next[0];
      if (first && isInboxSortField(first.id))
        onChange({ sort_by: first.id, sort_order: first.desc ? "desc" : "asc" });
    },
  });

  return (
    <div className="overflow-x-auto rounded-lg border border-line bg-surface">
      <table aria-label={t("tableLabel")}>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                const sorted = header.column.getIsSorted();
                const content = flexRender(header.column.columnDef.header, header.getContext());
                const label =
                  typeof header.column.columnDef.header === "string" ? header.column.columnDef.header : "";
                return (
                  <th
                    key={header.id}
                    scope="col"
                    className={header.column.id === "select" ? "w-10" : undefined}
                    aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}
                  >
                    {header.column.getCanSort() ? (
                      <button
                        type="button"
                        className="inline-flex items-center gap-1 hover:text-ink"
                        title={t("sortBy", { column: label })}
                        onClick={header.column.getToggleSortingHandler()}
                      >
                        {content}
                        <span aria-hidden="true">
                          {sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : "↕"}
                        </span>
                      </button>
                    ) : (
                      content
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => (
            <tr
              key={row.id}
              data-adoption={row.original.resource_name}
              aria-selected={row.getCanSelect() ? row.getIsSelected() : undefined}
              className={row.getIsSelected() ? "bg-accent-soft/50" : undefined}
            >
              {row.getVisibleCells().map((cell) => (
                <td key={cell.id} className={NO_WRAP.has(cell.column.id) ? "whitespace-nowrap" : undefined}>
                  {flexRender(cell.column.columnDef.cell, cell.getContext())}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
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
