"use client";

// The VM page's actions: exactly the verbs the server listed in `detail.actions`, each labelled "Stop" or
// "Request stop" by policy, disabled with the translated reason when not allowed now (visible text the button
// points to with aria-describedby, so a screen reader reads it too). A click on a verb that changes or removes
// data, or a snapshot, opens its dialog first; the others are sent at once. What came of it shows below.
import { useTranslations } from "next-intl";
import { useCallback, useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { useErrorMessage } from "@/lib/i18n/use-error-message";
import type { VmAction, VmActionInput } from "@/lib/vms/vm-actions";
import type { VmActionState, VmDetail } from "@/lib/vms/vm-views";
import { useVmAction } from "./use-vm-action";
import { useVmActionLabels } from "./use-vm-action-labels";
import { actionButtonLabel, headerActions, needsConfirmation } from "./vm-action-choice";
import { type DialogRequest, VmActionDialog } from "./vm-action-dialog";
import { VmActionOutcomeNotice } from "./vm-action-outcome";

/** The page's action state, shared by the header's buttons and the snapshot rows. */
export function useVmActionController(vmId: string) {
  const action = useVmAction(vmId);
  const [dialog, setDialog] = useState<DialogRequest>();
  const { run } = action;

  /** A click: open the verb's dialog, or send it at once. */
  const request = useCallback(
    (verb: VmAction, snapshot?: string) => {
      if (needsConfirmation(verb) || verb === "snapshot") setDialog({ action: verb, snapshot });
      else void run(verb, {} as VmActionInput<typeof verb>);
    },
    [run],
  );

  const confirm = useCallback(
    async <A extends VmAction>(verb: A, input: VmActionInput<A>) => {
      await run(verb, input);
      setDialog(undefined);
    },
    [run],
  );

  return { ...action, dialog, request, confirm, closeDialog: () => setDialog(undefined) };
}

export type VmActionController = ReturnType<typeof useVmActionController>;

export function VmActions({ vm, controller }: { vm: VmDetail; controller: VmActionController }) {
  const t = useTranslations("vm.actions");
  const labels = useVmActionLabels();
  const errorMessage = useErrorMessage();
  const baseId = useId();
  const verbs = headerActions(vm.actions);
  const vmId = vm.id ?? "";
  const blocked = verbs.filter((verb) => vm.actions[verb]?.allowed === false);
  const dialogState: VmActionState | undefined = controller.dialog
    ? vm.actions[controller.dialog.action]
    : undefined;

  return (
    <section aria-labelledby={`${baseId}-heading`} className="flex flex-col gap-3">
      <h2 id={`${baseId}-heading`} className="sr-only">
        {t("heading", { name: vm.name })}
      </h2>
      {verbs.length === 0 ? (
        <p className="text-sm text-ink-muted">{t("noneAvailable")}</p>
      ) : (
        <div className="flex flex-wrap gap-2">
          {verbs.map((verb) => {
            const state = vm.actions[verb];
            if (!state) return null;
            const sending = controller.sending === verb;
            return (
              <Button
                key={verb}
                data-action={verb}
                variant={verb === "start" || verb === "stop" ? "primary" : "secondary"}
                disabled={!state.allowed || controller.sending !== undefined}
                aria-describedby={state.allowed ? undefined : `${baseId}-why-${verb}`}
                onClick={() => controller.request(verb)}
              >
                {sending ? <Spinner /> : null}
                {actionButtonLabel(state, labels[verb])}
              </Button>
            );
          })}
        </div>
      )}
      {blocked.length > 0 ? (
        <div className="text-sm text-ink-muted">
          <p>{t("unavailableSummary", { count: blocked.length })}</p>
          <ul className="mt-1 flex flex-col gap-1">
            {blocked.map((verb) => {
              const state = vm.actions[verb];
              return (
                <li key={verb} id={`${baseId}-why-${verb}`} data-action-reason={verb}>
                  <span className="font-medium text-ink">
                    {actionButtonLabel(state ?? { requires_approval: false }, labels[verb])}
                  </span>
                  {": "}
                  {state?.reason ? errorMessage(state.reason) : t("notAllowed")}
                </li>
              );
            })}
          </ul>
        </div>
      ) : null}
      <VmActionOutcomeNotice outcome={controller.outcome} vmId={vmId} onDismiss={controller.dismiss} />
      <VmActionDialog
        request={controller.dialog}
        vm={vm}
        requiresApproval={dialogState?.requires_approval ?? false}
        busy={controller.sending !== undefined}
        onConfirm={(verb, input) => void controller.confirm(verb, input)}
        onCancel={controller.closeDialog}
      />
    </section>
  );
}
