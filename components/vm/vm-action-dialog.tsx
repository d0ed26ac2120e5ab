"use client";

// The confirmation before a verb that changes or removes data (force stop, restore, clone, delete, delete a
// snapshot) and the snapshot form (an optional name). Delete asks for the VM's name typed again; its button
// stays disabled until the text matches. A verb that needs approval says that it becomes a request. Built on
// ModalDialog: focus stays inside, Escape closes it unless the request is in flight.
import { useTranslations } from "next-intl";
import { useState } from "react";
import { type FieldControlProps, FormField } from "@/components/clusters/form-field";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/input-class";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { Spinner } from "@/components/ui/spinner";
import { VM_ACTION_INPUT, type VmAction, type VmActionInput } from "@/lib/vms/vm-actions";
import { useVmActionLabels } from "./use-vm-action-labels";
import { actionButtonLabel, confirmationMatches } from "./vm-action-choice";

/** A verb waiting for its dialog; `snapshot` for the verbs of a snapshot row. */
export interface DialogRequest {
  action: VmAction;
  snapshot?: string;
}

export function VmActionDialog({
  request,
  vm,
  requiresApproval,
  busy,
  onConfirm,
  onCancel,
}: {
  request: DialogRequest | undefined;
  vm: { name: string; cluster_name: string };
  requiresApproval: boolean;
  busy: boolean;
  onConfirm: <A extends VmAction>(action: A, input: VmActionInput<A>) => void;
  onCancel: () => void;
}) {
  const t = useTranslations("vm.actions.confirm");
  const labels = useVmActionLabels();
  const action = request?.action;
  const snapshot = request?.snapshot ?? "";
  const name = vm.name;
  const views: Partial<Record<VmAction, { title: string; body: string }>> = {
    "force-stop": { title: t("forceStop.title", { name }), body: t("forceStop.body") },
    restore: { title: t("restore.title", { name, snapshot }), body: t("restore.body") },
    clone: snapshot
      ? { title: t("clone.fromSnapshotTitle", { snapshot }), body: t("clone.body") }
      : { title: t("clone.title", { name }), body: t("clone.body") },
    "delete-snapshot": { title: t("deleteSnapshot.title", { snapshot }), body: t("deleteSnapshot.body") },
    delete: { title: t("delete.title", { name }), body: t("delete.body", { cluster: vm.cluster_name }) },
    snapshot: { title: t("snapshot.title", { name }), body: t("snapshot.body") },
  };
  const view = action ? views[action] : undefined;
  return (
    <ModalDialog
      open={view !== undefined}
      busy={busy}
      onClose={() => {
        if (!busy) onCancel();
      }}
      title={view?.title}
      description={
        view ? (
          <>
            <span className="block">{view.body}</span>
            {requiresApproval ? <span className="mt-2 block font-medium">{t("needsApproval")}</span> : null}
          </>
        ) : undefined
      }
    >
      {action ? (
        // Keyed by the request so a new one starts from an empty form.
        <DialogBody
          key={`${action}:${snapshot}`}
          action={action}
          snapshot={snapshot}
          vmName={name}
          confirmLabel={actionButtonLabel({ requires_approval: requiresApproval }, labels[action])}
          busy={busy}
          onConfirm={onConfirm}
          onCancel={onCancel}
        />
      ) : null}
    </ModalDialog>
  );
}

function DialogBody({
  action,
  snapshot,
  vmName,
  confirmLabel,
  busy,
  onConfirm,
  onCancel,
}: {
  action: VmAction;
  snapshot: string;
  vmName: string;
  confirmLabel: string;
  busy: boolean;
  onConfirm: <A extends VmAction>(action: A, input: VmActionInput<A>) => void;
  onCancel: () => void;
}) {
  const t = useTranslations("vm.actions.confirm");
  const [text, setText] = useState("");
  const snapshotName = text.trim();
  const snapshotNameValid =
    snapshotName === "" || VM_ACTION_INPUT.snapshot.safeParse({ name: snapshotName }).success;
  const ready =
    action === "delete"
      ? confirmationMatches(text, vmName)
      : action === "snapshot"
        ? snapshotNameValid
        : true;

  // The dialog's one text field: the VM's name typed again (delete) or the snapshot's name.
  const textInput = (control: FieldControlProps, maxLength?: number) => (
    <input
      {...control}
      className={`${inputClass} font-mono`}
      value={text}
      onChange={(e) => setText(e.target.value)}
      autoComplete="off"
      spellCheck={false}
      maxLength={maxLength}
      data-autofocus
    />
  );

  const submit = () => {
    if (!ready || busy) return;
    switch (action) {
      case "snapshot":
        return onConfirm("snapshot", snapshotName ? { name: snapshotName } : {});
      case "delete":
        return onConfirm("delete", { confirm_name: text.trim() });
      case "restore":
        return onConfirm("restore", { snapshot });
      case "delete-snapshot":
        return onConfirm("delete-snapshot", { snapshot });
      case "clone":
        return onConfirm("clone", snapshot ? { snapshot } : {});
      case "force-stop":
        return onConfirm("force-stop", {});
      default:
        return undefined;
    }
  };

  return (
    <form
      className="flex flex-col gap-4"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      {action === "delete" ? (
        <FormField label={t("delete.typeName", { name: vmName })} hint={t("delete.typeNameHint")}>
          {(control) => textInput(control)}
        </FormField>
      ) : null}
      {action === "snapshot" ? (
        <FormField
          label={t("snapshot.nameLabel")}
          hint={t("snapshot.nameHint")}
          error={t("snapshot.nameInvalid")}
          invalid={!snapshotNameValid}
        >
          {(control) => textInput(control, 63)}
        </FormField>
      ) : null}
      <div className="flex flex-wrap items-center justify-end gap-3 border-t border-line pt-3">
        <Button
          onClick={onCancel}
          disabled={busy}
          data-autofocus={action === "delete" || action === "snapshot" ? undefined : true}
        >
          {t("cancel")}
        </Button>
        <Button type="submit" variant="primary" disabled={!ready || busy}>
          {busy ? <Spinner /> : null}
          {busy ? t("sending") : confirmLabel}
        </Button>
      </div>
    </form>
  );
}
