"use client";

// What came of a click, where it was clicked: the task while it runs ("Stopping… Task pending.") and its
// outcome once a task notice or a refetch shows it (done, or failed with the translated error); a request
// that became a ticket, with a link to My requests; a refusal, translated. A live region, so a screen reader
// hears each change.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { asApiRequestError } from "@/components/api/request-json";
import { cx } from "@/components/ui/class-names";
import { Spinner } from "@/components/ui/spinner";
import { Link } from "@/lib/i18n/navigation";
import { useErrorMessage } from "@/lib/i18n/use-error-message";
import { isTaskFinished, taskQueryOptions, vmKeys } from "./queries";
import type { VmActionOutcome } from "./use-vm-action";
import { useVmActionLabels } from "./use-vm-action-labels";

/** While a task has not reached its outcome, ask again now and then in case a notice was missed. */
const TASK_POLL_MS = 5_000;

export function VmActionOutcomeNotice({
  outcome,
  vmId,
  onDismiss,
  compact = false,
}: {
  outcome: VmActionOutcome | undefined;
  vmId: string;
  onDismiss?: () => void;
  /** A list row: smaller, no dismiss button. */
  compact?: boolean;
}) {
  const t = useTranslations("vm.actions");
  return (
    <div
      role="status"
      aria-live="polite"
      className={cx("text-sm", compact && "text-xs")}
      data-action-outcome={outcome?.kind ?? "none"}
    >
      {outcome ? (
        <div className="flex flex-wrap items-center gap-2">
          <OutcomeText outcome={outcome} vmId={vmId} />
          {onDismiss && !compact ? (
            <button
              type="button"
              onClick={onDismiss}
              className="text-xs font-medium text-accent hover:text-accent-strong hover:underline"
            >
              {t("dismiss")}
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

function OutcomeText({ outcome, vmId }: { outcome: VmActionOutcome; vmId: string }) {
  const t = useTranslations("vm.actions");
  const labels = useVmActionLabels()[outcome.action];
  const errorMessage = useErrorMessage();
  switch (outcome.kind) {
    case "task":
      return <TaskProgress taskId={outcome.taskId} vmId={vmId} labels={labels} />;
    case "ticket":
      return (
        <span data-ticket-id={outcome.ticketId}>
          {t.rich("ticketCreated", {
            action: labels.request,
            link: (chunks) => (
              <Link href="/requests" className="font-medium text-accent hover:text-accent-strong underline">
                {chunks}
              </Link>
            ),
          })}
        </span>
      );
    case "refused":
      return (
        <span className="text-danger">
          {t("refused", { action: labels.run, error: errorMessage(asApiRequestError(outcome.error)) })}
        </span>
      );
  }
}

function TaskProgress({
  taskId,
  vmId,
  labels,
}: {
  taskId: string;
  vmId: string;
  labels: { run: string; pending: string };
}) {
  const t = useTranslations("vm.actions");
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const query = useQuery({
    ...taskQueryOptions(taskId),
    refetchInterval: (q) => (q.state.data && isTaskFinished(q.state.data) ? false : TASK_POLL_MS),
  });
  const task = query.data;
  const finished = task ? isTaskFinished(task) : false;

  // The outcome may land before the cache shows the VM's new state; the detail refetches once more.
  useEffect(() => {
    if (finished) void queryClient.invalidateQueries({ queryKey: vmKeys.detail(vmId) });
  }, [finished, queryClient, vmId]);

  if (!task || !finished)
    return (
      <span className="inline-flex items-center gap-2" data-task-id={taskId} data-task-state="pending">
        <Spinner />
        {t("taskPending", { action: labels.pending })}
      </span>
    );
  if (task.status === "COMPLETED")
    return (
      <span className="text-ok" data-task-id={taskId} data-task-state="completed">
        {t("taskCompleted", { action: labels.run })}
      </span>
    );
  if (task.status === "CANCELLED")
    return (
      <span data-task-id={taskId} data-task-state="cancelled">
        {t("taskCancelled", { action: labels.run })}
      </span>
    );
  return (
    <span className="text-danger" data-task-id={taskId} data-task-state="failed">
      {t("taskFailed", { action: labels.run, error: errorMessage(task.error) })}
    </span>
  );
}
