"use client";

// "My requests": the caller's tickets, newest first — the operation, the VM, the status, the reason given,
// when it was asked, and the outcome once the task behind it ran (its translated error when it failed). A
// request still waiting for approval can be withdrawn after a confirmation. Live: a task notice (a request
// decided or executed) refetches the page.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { asApiRequestError } from "@/components/api/request-json";
import { LiveIndicator } from "@/components/live/live-indicator";
import { useCacheEvents } from "@/components/live/use-cache-events";
import { useCoalescedInvalidation } from "@/components/live/use-coalesced-invalidation";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { LoadErrorBanner } from "@/components/ui/load-error-banner";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { PaginationBar } from "@/components/ui/pagination-bar";
import { RelativeTime } from "@/components/ui/relative-time";
import { Spinner } from "@/components/ui/spinner";
import { Link } from "@/lib/i18n/navigation";
import { useErrorMessage } from "@/lib/i18n/use-error-message";
import type { RequestListItem } from "@/lib/vms/vm-views";
import {
  cancelRequest,
  DEFAULT_REQUEST_LIST_PARAMS,
  type RequestListParams,
  requestKeys,
  requestListQueryOptions,
} from "./queries";
import { StaticTable } from "./static-table";
import { useOperationLabels } from "./use-vm-action-labels";
import { TaskStatusPill, TicketStatusPill } from "./vm-status-pill";

const PER_PAGE_CHOICES = [25, 50, 100] as const;

export function MyRequests() {
  const t = useTranslations("requests");
  const [params, setParams] = useState<RequestListParams>(DEFAULT_REQUEST_LIST_PARAMS);
  const query = useQuery({ ...requestListQueryOptions(params), placeholderData: keepPreviousData });
  const refetch = useCoalescedInvalidation(requestKeys.lists());
  const live = useCacheEvents({ onTaskNotice: refetch, onResync: refetch });
  const [cancelling, setCancelling] = useState<RequestListItem>();
  const data = query.data;

  return (
    <div className="flex flex-col gap-4">
      <div className="flex justify-end">
        <LiveIndicator state={live} fetching={query.isFetching} />
      </div>
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
            title={t("empty.title")}
            description={t("empty.description")}
            action={
              <Link
                href="/vms"
                className="text-sm font-medium text-accent hover:text-accent-strong hover:underline"
              >
                {t("empty.toVms")}
              </Link>
            }
          />
        ) : (
          <>
            <RequestTable items={data.items} onCancel={setCancelling} />
            <PaginationBar
              pagination={data.pagination}
              onPage={(page) => setParams((p) => ({ ...p, page }))}
              perPage={{
                value: params.per_page,
                choices: PER_PAGE_CHOICES,
                onChange: (per_page) => setParams({ page: 1, per_page }),
              }}
            />
          </>
        )
      ) : query.isPending ? (
        <Spinner label={t("loading")} />
      ) : null}
      <CancelDialog request={cancelling} onDone={() => setCancelling(undefined)} />
    </div>
  );
}

function RequestTable({
  items,
  onCancel,
}: {
  items: RequestListItem[];
  onCancel: (request: RequestListItem) => void;
}) {
  const t = useTranslations("requests");
  const none = t("none");
  const operations = useOperationLabels();
  const errorMessage = useErrorMessage();
  const columns: ColumnDef<RequestListItem>[] = [
    {
      id: "operation",
      header: t("columns.operation"),
      cell: ({ row }) => operations[row.original.operation],
    },
    {
      id: "vm",
      header: t("columns.vm"),
      cell: ({ row }) => {
        const r = row.original;
        if (!r.vm_name) return none;
        return (
          <span className="flex flex-col">
            {r.vm_id ? (
              <Link
                href={`/vms/${encodeURIComponent(r.vm_id)}`}
                className="font-medium text-accent hover:text-accent-strong hover:underline"
              >
                {r.vm_name}
              </Link>
            ) : (
              <span className="font-medium">{r.vm_name}</span>
            )}
            {r.namespace || r.cluster_name ? (
              <span className="text-xs text-ink-muted">
                {t("where", { namespace: r.namespace ?? none, cluster: r.cluster_name ?? none })}
              </span>
            ) : null}
          </span>
        );
      },
    },
    {
      id: "status",
      header: t("columns.status"),
      cell: ({ row }) => <TicketStatusPill status={row.original.status} />,
    },
    { id: "reason", header: t("columns.reason"), cell: ({ row }) => row.original.reason ?? none },
    {
      id: "created",
      header: t("columns.created"),
      cell: ({ row }) => <RelativeTime iso={row.original.created_at} />,
    },
    {
      id: "outcome",
      header: t("columns.outcome"),
      cell: ({ row }) => {
        const task = row.original.task;
        if (!task) return none;
        return (
          <span className="flex flex-col items-start gap-1">
            <TaskStatusPill status={task.status} />
            {task.error ? <span className="text-xs text-danger">{errorMessage(task.error)}</span> : null}
          </span>
        );
      },
    },
    {
      id: "actions",
      header: t("columns.actions"),
      cell: ({ row }) =>
        row.original.can_cancel ? (
          <Button
            className="px-2 py-1 text-xs"
            aria-label={t("cancelLabel", {
              operation: operations[row.original.operation],
              vm: row.original.vm_name ?? none,
            })}
            onClick={() => onCancel(row.original)}
          >
            {t("cancel")}
          </Button>
        ) : null,
    },
  ];
  return (
    <StaticTable
      data={items}
      columns={columns}
      label={t("tableLabel")}
      getRowId={(r) => r.id}
      rowProps={(row) => ({
        "data-request": row.original.id,
        "data-request-vm": row.original.vm_name ?? "",
        "data-request-status": row.original.status,
      })}
    />
  );
}

function CancelDialog({ request, onDone }: { request: RequestListItem | undefined; onDone: () => void }) {
  const t = useTranslations("requests.cancelDialog");
  const operations = useOperationLabels();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: (id: string) => cancelRequest(id),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: requestKeys.all });
      onDone();
    },
    // A request decided meanwhile cannot be withdrawn: the refetch shows its new status.
    onSettled: () => void queryClient.invalidateQueries({ queryKey: requestKeys.all }),
  });
  const busy = mutation.isPending;
  const failure = asApiRequestError(mutation.error);
  const close = () => {
    if (busy) return;
    mutation.reset();
    onDone();
  };
  return (
    <ModalDialog
      open={request !== undefined}
      busy={busy}
      onClose={close}
      title={t("title")}
      description={
        request
          ? t("body", { operation: operations[request.operation], vm: request.vm_name ?? t("noVm") })
          : undefined
      }
      footer={
        <>
          <Button data-autofocus onClick={close} disabled={busy}>
            {t("keep")}
          </Button>
          <Button
            variant="primary"
            disabled={busy}
            onClick={() => {
              if (request) mutation.mutate(request.id);
            }}
          >
            {busy ? <Spinner /> : null}
            {busy ? t("cancelling") : t("confirm")}
          </Button>
        </>
      }
    >
      {mutation.isError ? (
        <p role="alert" className="text-sm text-danger">
          {t("failed", { error: errorMessage(failure) })}
        </p>
      ) : null}
    </ModalDialog>
  );
}
