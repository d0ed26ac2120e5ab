"use client";

// The audit records as a table, newest first (the server's order; no column sorts): time, actor, action,
// resource, outcome, and the rest of the record behind a disclosure per row.
import { type ColumnDef, getCoreRowModel, useReactTable } from "@tanstack/react-table";
import { useFormatter, useTranslations } from "next-intl";
import { useMemo } from "react";
import { DataTable } from "@/components/ui/data-table";
import { StatusPill } from "@/components/ui/status-pill";
import type { AuditLogView } from "@/lib/audit/audit-log-views";

export function AuditLogTable({ rows }: { rows: AuditLogView[] }) {
  const t = useTranslations("auditLog");
  const format = useFormatter();
  const columns = useMemo<ColumnDef<AuditLogView>[]>(
    () => [
      {
        id: "time",
        header: t("columns.time"),
        cell: ({ row }) => (
          <time dateTime={row.original.created_at} className="whitespace-nowrap">
            {format.dateTime(new Date(row.original.created_at), { dateStyle: "medium", timeStyle: "medium" })}
          </time>
        ),
      },
      {
        id: "actor",
        header: t("columns.actor"),
        cell: ({ row }) => (
          <span title={row.original.actor_id}>{row.original.actor_name ?? row.original.actor_id}</span>
        ),
      },
      {
        id: "action",
        header: t("columns.action"),
        cell: ({ row }) => <code className="text-sm">{row.original.action}</code>,
      },
      {
        id: "resource",
        header: t("columns.resource"),
        cell: ({ row }) => (
          <span className="flex flex-col">
            <span>{row.original.resource_name ?? row.original.resource_id}</span>
            <span className="text-xs text-ink-muted">
              {row.original.resource_type} · {row.original.resource_id}
            </span>
          </span>
        ),
      },
      {
        id: "outcome",
        header: t("columns.outcome"),
        cell: ({ row }) => (
          <StatusPill tone={row.original.outcome === "success" ? "ok" : "danger"}>
            {row.original.outcome === "success" ? t("outcome.success") : t("outcome.failure")}
          </StatusPill>
        ),
      },
      {
        id: "details",
        header: t("columns.details"),
        cell: ({ row }) => <AuditDetails row={row.original} />,
      },
    ],
    [t, format],
  );
  const table = useReactTable({
    data: rows,
    columns,
    getCoreRowModel: getCoreRowModel(),
    enableSorting: false,
    getRowId: (row) => row.id,
  });
  return (
    <DataTable
      table={table}
      label={t("tableLabel")}
      rowProps={(row) => ({ "data-audit-id": row.original.id, "data-action": row.original.action })}
    />
  );
}

function AuditDetails({ row }: { row: AuditLogView }) {
  const t = useTranslations("auditLog");
  const none = t("none");
  const facts: [string, string][] = [
    [t("details.environment"), row.environment ?? none],
    [t("details.parent"), row.parent_type ? `${row.parent_type} · ${row.parent_id ?? ""}` : none],
    [t("details.ip"), row.ip_address ?? none],
    [t("details.userAgent"), row.user_agent ?? none],
    [t("details.correlation"), row.correlation_id ?? none],
  ];
  return (
    <details className="max-w-md text-sm">
      <summary className="cursor-pointer text-accent-strong">{t("details.show")}</summary>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
        {facts.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-ink-muted">{label}</dt>
            <dd className="break-all">{value}</dd>
          </div>
        ))}
      </dl>
      {row.details === null || row.details === undefined ? null : (
        <>
          <p className="mt-2 text-ink-muted">{t("details.data")}</p>
          <pre className="mt-1 max-h-64 overflow-auto rounded bg-canvas p-2 text-xs">
            {JSON.stringify(row.details, null, 2)}
          </pre>
        </>
      )}
    </details>
  );
}
