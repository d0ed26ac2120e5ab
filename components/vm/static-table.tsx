"use client";

// A short table whose rows are all on the page (a VM's snapshots, events, tasks …): the shared DataTable over
// TanStack Table without sorting or paging.
import { type ColumnDef, getCoreRowModel, type Row, useReactTable } from "@tanstack/react-table";
import type { ComponentProps } from "react";
import { DataTable } from "@/components/ui/data-table";

export function StaticTable<T>({
  data,
  columns,
  label,
  getRowId,
  rowProps,
}: {
  data: T[];
  columns: ColumnDef<T>[];
  label: string;
  getRowId: (row: T, index: number) => string;
  rowProps?: (row: Row<T>) => ComponentProps<"tr"> & Record<`data-${string}`, string | number | boolean>;
}) {
  const table = useReactTable({
    data,
    columns,
    getRowId,
    getCoreRowModel: getCoreRowModel(),
    enableSorting: false,
  });
  return <DataTable table={table} label={label} rowProps={rowProps} />;
}
