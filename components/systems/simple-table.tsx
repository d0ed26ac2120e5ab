// A small table of rows the server has already sorted (by name): a labelled, keyboard-scrollable region
// around a plain <table>, styled like the DataTable lists. Used where there is nothing to sort by hand.
import type { ReactNode } from "react";
import { ScrollRegion } from "@/components/ui/scroll-region";

export function SimpleTable<T>({
  label,
  columns,
  rows,
  rowKey,
  rowProps,
}: {
  label: string;
  columns: { id: string; header: string; cell: (row: T) => ReactNode }[];
  rows: T[];
  rowKey: (row: T) => string;
  rowProps?: (row: T) => Record<`data-${string}`, string>;
}) {
  return (
    <ScrollRegion label={label} className="rounded-lg border border-line bg-surface">
      <table aria-label={label}>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.id} scope="col">
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} {...rowProps?.(row)}>
              {columns.map((c) => (
                <td key={c.id}>{c.cell(row)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
