"use client";

// The approval policy matrix (SPEC §17.3): one row per operation, one column per environment; each cell says
// what a request gets now (approval or at once, and whether a policy row or the built-in default decides) and
// offers its two changes — require approval or not, enable or disable the row — each after a confirmation.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { asApiRequestError } from "@/components/api/request-json";
import { Button } from "@/components/ui/button";
import { LoadErrorBanner } from "@/components/ui/load-error-banner";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { StatusPill } from "@/components/ui/status-pill";
import { useOperationLabels } from "@/components/vm/use-vm-action-labels";
import type {
  ApprovalPolicyCellView,
  ApprovalPolicyView,
  PolicyMatrixEnvironment,
} from "@/lib/approvals/approval-policy-views";
import { useErrorMessage } from "@/lib/i18n/use-error-message";
import {
  policyKeys,
  policyMatrixQueryOptions,
  type UpdatePolicyRequest,
  updateApprovalPolicy,
} from "./policy-queries";

interface PendingChange {
  cell: ApprovalPolicyCellView;
  policy: ApprovalPolicyView;
  change: UpdatePolicyRequest;
}

export function PolicyMatrix() {
  const t = useTranslations("adminApprovalPolicies");
  const operations = useOperationLabels();
  const operationLabel = (op: ApprovalPolicyCellView["operation"]) => operations[op];
  const environments = useMatrixEnvironmentLabels();
  const query = useQuery(policyMatrixQueryOptions());
  const [pending, setPending] = useState<PendingChange | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const client = useQueryClient();
  const errorMessage = useErrorMessage();
  const confirmText = (change: UpdatePolicyRequest, values: { operation: string; environment: string }) => {
    if (change.requires_approval !== undefined)
      return change.requires_approval ? t("confirm.requireApproval", values) : t("confirm.runAtOnce", values);
    return change.enabled ? t("confirm.enable", values) : t("confirm.disable", values);
  };
  const mutation = useMutation({
    mutationFn: (p: PendingChange) => updateApprovalPolicy(p.policy.id, p.change),
    onSuccess: async (_, p) => {
      setPending(null);
      setDone(
        t("changed", {
          operation: operationLabel(p.cell.operation),
          environment: environments[p.cell.environment],
        }),
      );
      await client.invalidateQueries({ queryKey: policyKeys.all });
    },
  });
  const data = query.data;

  const open = (cell: ApprovalPolicyCellView, change: UpdatePolicyRequest) => {
    if (!cell.policy) return;
    mutation.reset();
    setDone(null);
    setPending({ cell, policy: cell.policy, change });
  };

  return (
    <div className="flex flex-col gap-4">
      {done ? (
        <p role="status" className="rounded-md border border-ok/30 bg-ok-soft px-4 py-2 text-sm text-ok">
          {done}
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
        <ScrollRegion label={t("tableLabel")}>
          <table className="w-full border-collapse text-sm" aria-label={t("tableLabel")}>
            <thead>
              <tr className="border-b border-line text-left">
                <th scope="col" className="px-3 py-2 font-medium">
                  {t("operation")}
                </th>
                {data.environments.map((env) => (
                  <th key={env} scope="col" className="px-3 py-2 font-medium">
                    {environments[env]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.operations.map((operation) => (
                <tr key={operation} data-operation={operation} className="border-b border-line align-top">
                  <th scope="row" className="px-3 py-3 text-left font-medium">
                    {operationLabel(operation)}
                  </th>
                  {data.environments.map((environment) => {
                    const cell = data.cells.find(
                      (c) => c.operation === operation && c.environment === environment,
                    );
                    return (
                      <td key={environment} className="px-3 py-3" data-environment={environment}>
                        {cell ? <PolicyCell cell={cell} onChange={(change) => open(cell, change)} /> : null}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      ) : query.isPending ? (
        <p role="status" aria-busy="true" className="text-sm text-ink-muted">
          {t("loading")}
        </p>
      ) : null}
      <ModalDialog
        open={pending !== null}
        onClose={() => setPending(null)}
        busy={mutation.isPending}
        title={t("confirm.title")}
        description={
          pending
            ? confirmText(pending.change, {
                operation: operationLabel(pending.cell.operation),
                environment: environments[pending.cell.environment],
              })
            : undefined
        }
        footer={
          <>
            <Button data-autofocus onClick={() => setPending(null)} disabled={mutation.isPending}>
              {t("confirm.cancel")}
            </Button>
            <Button
              variant="primary"
              onClick={() => pending && mutation.mutate(pending)}
              disabled={mutation.isPending}
            >
              {t("confirm.apply")}
            </Button>
          </>
        }
      >
        {mutation.isError ? (
          <p role="alert" className="text-sm text-danger">
            {errorMessage(asApiRequestError(mutation.error))}
          </p>
        ) : (
          <p className="text-sm">{t("confirm.effect")}</p>
        )}
      </ModalDialog>
    </div>
  );
}

function useMatrixEnvironmentLabels(): Record<PolicyMatrixEnvironment, string> {
  const t = useTranslations("adminApprovalPolicies.environments");
  return { test: t("test"), prod: t("prod") };
}

function PolicyCell({
  cell,
  onChange,
}: {
  cell: ApprovalPolicyCellView;
  onChange: (change: UpdatePolicyRequest) => void;
}) {
  const t = useTranslations("adminApprovalPolicies");
  const policy = cell.policy;
  return (
    <div className="flex flex-col items-start gap-2" data-requires-approval={cell.requires_approval}>
      <StatusPill tone={cell.requires_approval ? "warn" : "ok"}>
        {cell.requires_approval ? t("requiresApproval") : t("runsAtOnce")}
      </StatusPill>
      {cell.source === "default" ? (
        <span className="text-xs text-ink-muted">{t("defaultDecides")}</span>
      ) : null}
      {policy ? (
        <div className="flex flex-wrap gap-2">
          {policy.enabled ? (
            <Button
              className="px-2 py-1 text-xs"
              onClick={() => onChange({ requires_approval: !policy.requires_approval })}
            >
              {policy.requires_approval ? t("actions.runAtOnce") : t("actions.requireApproval")}
            </Button>
          ) : null}
          <Button className="px-2 py-1 text-xs" onClick={() => onChange({ enabled: !policy.enabled })}>
            {policy.enabled ? t("actions.disable") : t("actions.enable")}
          </Button>
        </div>
      ) : (
        <span className="text-xs text-ink-muted">{t("noPolicy")}</span>
      )}
    </div>
  );
}
