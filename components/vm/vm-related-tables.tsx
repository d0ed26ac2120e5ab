"use client";

// The VM's related objects and history on its page: snapshots (restore, clone and delete per row, as the
// server allows), restores, clones, migrations (phase and nodes), tasks and tickets with their outcomes, and
// the recent Kubernetes events — each with its empty state.
import type { ColumnDef } from "@tanstack/react-table";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Section } from "@/components/clusters/cluster-capability-sections";
import { Button } from "@/components/ui/button";
import { RelativeTime } from "@/components/ui/relative-time";
import { StatusPill } from "@/components/ui/status-pill";
import { useErrorMessage } from "@/lib/i18n/use-error-message";
import type {
  TaskView,
  TicketSummary,
  VmCloneView,
  VmDetail,
  VmEventView,
  VmMigrationView,
  VmRestoreView,
  VmSnapshotView,
} from "@/lib/vms/vm-views";
import { StaticTable } from "./static-table";
import { useOperationLabels, useVmActionLabels } from "./use-vm-action-labels";
import { actionButtonLabel, SNAPSHOT_ROW_ACTIONS } from "./vm-action-choice";
import type { VmActionController } from "./vm-actions";
import { TaskStatusPill, TicketStatusPill } from "./vm-status-pill";

function Empty({ children }: { children: ReactNode }) {
  return <p className="text-sm text-ink-muted">{children}</p>;
}

function When({ iso, none }: { iso: string | null; none: string }) {
  return iso ? <RelativeTime iso={iso} /> : none;
}

export function SnapshotsSection({ vm, controller }: { vm: VmDetail; controller: VmActionController }) {
  const t = useTranslations("vm.detail.snapshots");
  const none = t("none");
  const labels = useVmActionLabels();
  const rowVerbs = SNAPSHOT_ROW_ACTIONS.filter((verb) => vm.actions[verb] !== undefined);
  const columns: ColumnDef<VmSnapshotView>[] = [
    {
      id: "name",
      header: t("columns.name"),
      cell: ({ row }) => <span className="font-mono text-xs">{row.original.name}</span>,
    },
    {
      id: "status",
      header: t("columns.status"),
      cell: ({ row }) => {
        const s = row.original;
        return (
          <span className="flex flex-col items-start gap-1">
            <StatusPill
              tone={s.ready_to_use ? "ok" : s.error_message ? "danger" : "info"}
              data-ready={s.ready_to_use}
            >
              {s.ready_to_use ? t("ready") : s.status}
            </StatusPill>
            {s.error_message ? <span className="text-xs text-danger">{s.error_message}</span> : null}
          </span>
        );
      },
    },
    {
      id: "created",
      header: t("columns.created"),
      cell: ({ row }) => <When iso={row.original.created_at} none={none} />,
    },
    ...(rowVerbs.length === 0
      ? []
      : [
          {
            id: "actions",
            header: t("columns.actions"),
            cell: ({ row }) => (
              <div className="flex flex-wrap gap-2">
                {rowVerbs.map((verb) => {
                  const state = vm.actions[verb];
                  if (!state) return null;
                  // Restore and clone need a snapshot that is ready; the server says the rest.
                  const needsReady = verb !== "delete-snapshot" && !row.original.ready_to_use;
                  const label = actionButtonLabel(state, labels[verb]);
                  return (
                    <Button
                      key={verb}
                      data-action={verb}
                      className="px-2 py-1 text-xs"
                      disabled={!state.allowed || needsReady || controller.sending !== undefined}
                      aria-label={t("rowAction", { action: label, snapshot: row.original.name })}
                      onClick={() => controller.request(verb, row.original.name)}
                    >
                      {label}
                    </Button>
                  );
                })}
              </div>
            ),
          } satisfies ColumnDef<VmSnapshotView>,
        ]),
  ];
  return (
    <Section id="vm-snapshots" title={t("heading")}>
      {vm.snapshots.length === 0 ? (
        <Empty>{t("empty")}</Empty>
      ) : (
        <StaticTable
          data={vm.snapshots}
          columns={columns}
          label={t("tableLabel")}
          getRowId={(s) => s.name}
          rowProps={(row) => ({ "data-snapshot": row.original.name })}
        />
      )}
    </Section>
  );
}

export function RestoresSection({ vm }: { vm: VmDetail }) {
  const t = useTranslations("vm.detail.restores");
  const none = t("none");
  const columns: ColumnDef<VmRestoreView>[] = [
    {
      id: "name",
      header: t("columns.name"),
      cell: ({ row }) => <span className="font-mono text-xs">{row.original.name}</span>,
    },
    {
      id: "snapshot",
      header: t("columns.snapshot"),
      cell: ({ row }) => <span className="font-mono text-xs">{row.original.snapshot_name}</span>,
    },
    {
      id: "status",
      header: t("columns.status"),
      cell: ({ row }) => (
        <span className="flex flex-col items-start gap-1">
          <StatusPill tone={row.original.complete ? "ok" : row.original.error_message ? "danger" : "info"}>
            {row.original.complete ? t("complete") : row.original.status}
          </StatusPill>
          {row.original.error_message ? (
            <span className="text-xs text-danger">{row.original.error_message}</span>
          ) : null}
        </span>
      ),
    },
    {
      id: "created",
      header: t("columns.created"),
      cell: ({ row }) => <When iso={row.original.created_at} none={none} />,
    },
  ];
  return (
    <Section id="vm-restores" title={t("heading")}>
      {vm.restores.length === 0 ? (
        <Empty>{t("empty")}</Empty>
      ) : (
        <StaticTable data={vm.restores} columns={columns} label={t("tableLabel")} getRowId={(r) => r.name} />
      )}
    </Section>
  );
}

export function ClonesSection({ vm }: { vm: VmDetail }) {
  const t = useTranslations("vm.detail.clones");
  const none = t("none");
  const columns: ColumnDef<VmCloneView>[] = [
    {
      id: "name",
      header: t("columns.name"),
      cell: ({ row }) => <span className="font-mono text-xs">{row.original.name}</span>,
    },
    {
      id: "source",
      header: t("columns.source"),
      cell: ({ row }) =>
        row.original.source_kind === "snapshot"
          ? t("fromSnapshot", { name: row.original.source_name })
          : t("fromVm", { name: row.original.source_name }),
    },
    { id: "target", header: t("columns.target"), cell: ({ row }) => row.original.target_name ?? none },
    { id: "status", header: t("columns.status"), cell: ({ row }) => row.original.status },
    {
      id: "created",
      header: t("columns.created"),
      cell: ({ row }) => <When iso={row.original.created_at} none={none} />,
    },
  ];
  return (
    <Section id="vm-clones" title={t("heading")}>
      {vm.clones.length === 0 ? (
        <Empty>{t("empty")}</Empty>
      ) : (
        <StaticTable data={vm.clones} columns={columns} label={t("tableLabel")} getRowId={(c) => c.name} />
      )}
    </Section>
  );
}

export function MigrationsSection({ vm }: { vm: VmDetail }) {
  const t = useTranslations("vm.detail.migrations");
  const none = t("none");
  const columns: ColumnDef<VmMigrationView>[] = [
    {
      id: "name",
      header: t("columns.name"),
      cell: ({ row }) => <span className="font-mono text-xs">{row.original.name}</span>,
    },
    {
      id: "phase",
      header: t("columns.phase"),
      cell: ({ row }) => (
        <span className="flex flex-col items-start gap-1">
          <StatusPill
            tone={
              row.original.phase === "Succeeded" ? "ok" : row.original.phase === "Failed" ? "danger" : "info"
            }
            data-phase={row.original.phase}
          >
            {row.original.phase}
          </StatusPill>
          {row.original.error_message ? (
            <span className="text-xs text-danger">{row.original.error_message}</span>
          ) : null}
        </span>
      ),
    },
    {
      id: "nodes",
      header: t("columns.nodes"),
      cell: ({ row }) =>
        t("nodes", { source: row.original.source_node ?? none, target: row.original.target_node ?? none }),
    },
    {
      id: "created",
      header: t("columns.created"),
      cell: ({ row }) => <When iso={row.original.created_at} none={none} />,
    },
    {
      id: "completed",
      header: t("columns.completed"),
      cell: ({ row }) => <When iso={row.original.completed_at} none={none} />,
    },
  ];
  return (
    <Section id="vm-migrations" title={t("heading")}>
      {vm.migrations.length === 0 ? (
        <Empty>{t("empty")}</Empty>
      ) : (
        <StaticTable
          data={vm.migrations}
          columns={columns}
          label={t("tableLabel")}
          getRowId={(m) => m.name}
        />
      )}
    </Section>
  );
}

export function EventsSection({ vm }: { vm: VmDetail }) {
  const t = useTranslations("vm.detail.events");
  const none = t("none");
  const columns: ColumnDef<VmEventView>[] = [
    {
      id: "type",
      header: t("columns.type"),
      cell: ({ row }) => (
        <StatusPill tone={row.original.type === "Warning" ? "warn" : "neutral"}>
          {row.original.type}
        </StatusPill>
      ),
    },
    {
      id: "reason",
      header: t("columns.reason"),
      cell: ({ row }) => <span className="font-medium">{row.original.reason}</span>,
    },
    {
      id: "message",
      header: t("columns.message"),
      cell: ({ row }) => <span className="text-xs">{row.original.message}</span>,
    },
    {
      id: "object",
      header: t("columns.object"),
      cell: ({ row }) => (
        <span className="text-xs">
          {row.original.object_kind}/<span className="font-mono">{row.original.object_name}</span>
        </span>
      ),
    },
    { id: "count", header: t("columns.count"), cell: ({ row }) => row.original.count },
    {
      id: "lastSeen",
      header: t("columns.lastSeen"),
      cell: ({ row }) => <When iso={row.original.last_seen} none={none} />,
    },
  ];
  return (
    <Section id="vm-events" title={t("heading")} intro={t("intro")}>
      {vm.events.length === 0 ? (
        <Empty>{t("empty")}</Empty>
      ) : (
        <StaticTable
          data={vm.events}
          columns={columns}
          label={t("tableLabel")}
          getRowId={(e, i) => `${i}:${e.object_kind}/${e.object_name}:${e.reason}`}
          rowProps={(row) => ({ "data-event-reason": row.original.reason })}
        />
      )}
    </Section>
  );
}

export function TasksSection({ vm }: { vm: VmDetail }) {
  const t = useTranslations("vm.detail.tasks");
  const none = t("none");
  const labels = useVmActionLabels();
  const errorMessage = useErrorMessage();
  const columns: ColumnDef<TaskView>[] = [
    { id: "action", header: t("columns.action"), cell: ({ row }) => labels[row.original.action].run },
    {
      id: "status",
      header: t("columns.status"),
      cell: ({ row }) => <TaskStatusPill status={row.original.status} />,
    },
    {
      id: "outcome",
      header: t("columns.outcome"),
      cell: ({ row }) =>
        row.original.error ? (
          <span className="text-xs text-danger">{errorMessage(row.original.error)}</span>
        ) : (
          none
        ),
    },
    { id: "requestedBy", header: t("columns.requestedBy"), cell: ({ row }) => row.original.requested_by },
    {
      id: "created",
      header: t("columns.created"),
      cell: ({ row }) => <When iso={row.original.created_at} none={none} />,
    },
    {
      id: "finished",
      header: t("columns.finished"),
      cell: ({ row }) => <When iso={row.original.finished_at} none={none} />,
    },
  ];
  return (
    <Section id="vm-tasks" title={t("heading")}>
      {vm.tasks.length === 0 ? (
        <Empty>{t("empty")}</Empty>
      ) : (
        <StaticTable
          data={vm.tasks}
          columns={columns}
          label={t("tableLabel")}
          getRowId={(task) => task.id}
          rowProps={(row) => ({ "data-task": row.original.id, "data-task-action": row.original.action })}
        />
      )}
    </Section>
  );
}

export function TicketsSection({ vm }: { vm: VmDetail }) {
  const t = useTranslations("vm.detail.tickets");
  const none = t("none");
  const operations = useOperationLabels();
  const columns: ColumnDef<TicketSummary>[] = [
    {
      id: "operation",
      header: t("columns.operation"),
      cell: ({ row }) => operations[row.original.operation],
    },
    {
      id: "status",
      header: t("columns.status"),
      cell: ({ row }) => <TicketStatusPill status={row.original.status} />,
    },
    { id: "requester", header: t("columns.requester"), cell: ({ row }) => row.original.requester },
    { id: "reason", header: t("columns.reason"), cell: ({ row }) => row.original.reason ?? none },
    {
      id: "created",
      header: t("columns.created"),
      cell: ({ row }) => <When iso={row.original.created_at} none={none} />,
    },
  ];
  return (
    <Section id="vm-tickets" title={t("heading")}>
      {vm.tickets.length === 0 ? (
        <Empty>{t("empty")}</Empty>
      ) : (
        <StaticTable
          data={vm.tickets}
          columns={columns}
          label={t("tableLabel")}
          getRowId={(ticket) => ticket.id}
          rowProps={(row) => ({ "data-ticket": row.original.id })}
        />
      )}
    </Section>
  );
}
