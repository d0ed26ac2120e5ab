"use client";

// One table for the lists sorted and paged on the server (VMs, clusters, adoption items): TanStack Table in
// manual mode with a single sort column that never goes back to "unsorted", sortable headers as buttons with
// `aria-sort`, and rows carrying the caller's attributes (the `data-*` the pages and tests select rows by).
import {
  type ColumnSort,
  flexRender,
  getCoreRowModel,
  type Row,
  type RowData,
  type SortingState,
  type Table,
  type TableOptions,
  useReactTable,
} from "@tanstack/react-table";
import { useTranslations } from "next-intl";
import type { ComponentProps } from "react";
import { ScrollRegion } from "./scroll-region";

declare module "@tanstack/react-table" {
  interface ColumnMeta<TData extends RowData, TValue> {
    /** Class of the column's `<th>`. */
    headerClassName?: string;
    /** Class of each of the column's `<td>`. */
    cellClassName?: string;
  }
}

export type ServerSortedTableOptions<T> = Omit<
  TableOptions<T>,
  "getCoreRowModel" | "manualSorting" | "onSortingChange"
> & {
  /** The server's current sort, as a column id. */
  sort: ColumnSort;
  /** A header was clicked: the column id and direction to ask the server for. */
  onSort: (sort: ColumnSort) => void;
};

/**
 * A table over rows the server has already filtered, sorted and paged. A column is sortable when it has an
 * accessor (TanStack's rule) and does not set `enableSorting: false`; its id is what `onSort` receives.
 */
export function useServerSortedTable<T>({ sort, onSort, state, ...options }: ServerSortedTableOptions<T>) {
  const sorting: SortingState = [sort];
  return useReactTable<T>({
    getCoreRowModel: getCoreRowModel(),
    manualPagination: true,
    manualFiltering: true,
    enableSortingRemoval: false,
    ...options,
    manualSorting: true,
    state: { ...state, sorting },
    onSortingChange: (updater) => {
      const first = (typeof updater === "function" ? updater(sorting) : updater)[0];
      if (first) onSort(first);
    },
  });
}

type RowAttributes = ComponentProps<"tr"> & Record<`data-${string}`, string | number | boolean | undefined>;

export function DataTable<T>({
  table,
  label,
  rowProps,
}: {
  table: Table<T>;
  /** The table's accessible name. */
  label: string;
  rowProps?: (row: Row<T>) => RowAttributes;
}) {
  const t = useTranslations("common.table");
  return (
    <ScrollRegion label={label} className="rounded-lg border border-line bg-surface">
      <table aria-label={label}>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                const { column } = header;
                const sorted = column.getIsSorted();
                const content = flexRender(column.columnDef.header, header.getContext());
                const title = typeof column.columnDef.header === "string" ? column.columnDef.header : "";
                return (
                  <th
                    key={header.id}
                    scope="col"
                    className={column.columnDef.meta?.headerClassName}
                    aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}
                  >
                    {column.getCanSort() ? (
                      <button
                        type="button"
                        className="inline-flex items-center gap-1 hover:text-ink"
                        title={t("sortBy", { column: title })}
                        onClick={column.getToggleSortingHandler()}
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
            <tr key={row.id} {...rowProps?.(row)}>
              {row.getVisibleCells().map((cell) => (
                <td key={cell.id} className={cell.column.columnDef.meta?.cellClassName}>
                  {flexRender(cell.column.columnDef.cell, cell.getContext())}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
