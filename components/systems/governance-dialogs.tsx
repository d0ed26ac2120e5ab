"use client";

// The three dialogs of the systems pages: create (name + description; the server checks the SPEC §3 rule
// and answers its warnings), edit a description (the name is immutable and shown read-only), and delete
// (confirmed; a refusal says what blocks it: services, VMs, pending adoptions).
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { asApiRequestError } from "@/components/api/request-json";
import { FormField } from "@/components/clusters/form-field";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/input-class";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { Spinner } from "@/components/ui/spinner";
import { GOVERNANCE_NAME_MAX_LENGTH } from "@/lib/domain/governance-name";
import { useErrorMessage } from "@/lib/i18n/use-error-message";

type Entity = "system" | "service";

function ErrorLine({ error }: { error: unknown }) {
  const errorMessage = useErrorMessage();
  return (
    <p
      role="alert"
      className="rounded-md border border-danger/30 bg-danger-soft px-3 py-2 text-sm text-danger"
    >
      {errorMessage(asApiRequestError(error))}
    </p>
  );
}

export function CreateDialog({
  entity,
  open,
  onClose,
  create,
  onCreated,
}: {
  entity: Entity;
  open: boolean;
  onClose: () => void;
  create: (entry: { name: string; description?: string }) => Promise<{ name: string; warnings: string[] }>;
  onCreated: (created: { name: string; warnings: string[] }) => void;
}) {
  const t = useTranslations("systems.dialogs");
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const mutation = useMutation({
    mutationFn: () =>
      create({ name: name.trim(), ...(description.trim() ? { description: description.trim() } : {}) }),
    onSuccess: (created) => {
      setName("");
      setDescription("");
      onCreated(created);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate();
  };
  const nameRefused = ["NAME_INVALID", "NAME_TOO_LONG", "UNIQUE_VIOLATION"].includes(
    asApiRequestError(mutation.error)?.code ?? "",
  );
  return (
    <ModalDialog
      open={open}
      onClose={() => {
        mutation.reset();
        onClose();
      }}
      busy={mutation.isPending}
      placement="wide"
      title={entity === "system" ? t("create.system.title") : t("create.service.title")}
      description={entity === "system" ? t("create.system.description") : t("create.service.description")}
    >
      <form className="flex flex-col gap-4" onSubmit={submit}>
        {mutation.isError ? <ErrorLine error={mutation.error} /> : null}
        <FormField
          label={t("name")}
          hint={t("nameHint", { max: GOVERNANCE_NAME_MAX_LENGTH })}
          invalid={nameRefused}
        >
          {(control) => (
            <input
              {...control}
              className={`${inputClass} font-mono`}
              value={name}
              onChange={(e) => setName(e.target.value)}
              required
              autoComplete="off"
              spellCheck={false}
              data-autofocus
            />
          )}
        </FormField>
        <FormField label={t("descriptionLabel")}>
          {(control) => (
            <textarea
              {...control}
              className={inputClass}
              rows={3}
              maxLength={500}
              value={description}
              onChange={(e) => setDescription(e.target.value)}
            />
          )}
        </FormField>
        <div className="flex justify-end gap-3">
          <Button onClick={onClose} disabled={mutation.isPending}>
            {t("cancel")}
          </Button>
          <Button type="submit" variant="primary" disabled={mutation.isPending || name.trim() === ""}>
            {mutation.isPending ? <Spinner /> : null}
            {t("create.submit")}
          </Button>
        </div>
      </form>
    </ModalDialog>
  );
}

export function EditDescriptionDialog({
  entity,
  name,
  current,
  open,
  onClose,
  save,
  onSaved,
}: {
  entity: Entity;
  name: string;
  current: string | null;
  open: boolean;
  onClose: () => void;
  save: (description: string | null) => Promise<unknown>;
  onSaved: () => void;
}) {
  const t = useTranslations("systems.dialogs");
  const [description, setDescription] = useState(current ?? "");
  const mutation = useMutation({
    mutationFn: () => save(description.trim() || null),
    onSuccess: onSaved,
  });
  return (
    <ModalDialog
      open={open}
      onClose={onClose}
      busy={mutation.isPending}
      placement="wide"
      title={entity === "system" ? t("edit.system", { name }) : t("edit.service", { name })}
      description={t("edit.immutable")}
    >
      <form
        className="flex flex-col gap-4"
        onSubmit={(e) => {
          e.preventDefault();
          mutation.mutate();
        }}
      >
        {mutation.isError ? <ErrorLine error={mutation.error} /> : null}
        <FormField label={t("descriptionLabel")}>
          {(control) => (
            <textarea
              {...control}
              className={inputClass}
              rows={3}
              maxLength={500}
              value={description}
              onChange={(e) => setDescription(e.target.value)}
              data-autofocus
            />
          )}
        </FormField>
        <div className="flex justify-end gap-3">
          <Button onClick={onClose} disabled={mutation.isPending}>
            {t("cancel")}
          </Button>
          <Button type="submit" variant="primary" disabled={mutation.isPending}>
            {mutation.isPending ? <Spinner /> : null}
            {t("edit.submit")}
          </Button>
        </div>
      </form>
    </ModalDialog>
  );
}

export function DeleteDialog({
  entity,
  name,
  open,
  onClose,
  remove,
  onDeleted,
}: {
  entity: Entity;
  name: string;
  open: boolean;
  onClose: () => void;
  remove: () => Promise<unknown>;
  onDeleted: () => void;
}) {
  const t = useTranslations("systems.dialogs");
  const mutation = useMutation({ mutationFn: remove, onSuccess: onDeleted });
  return (
    <ModalDialog
      open={open}
      onClose={() => {
        mutation.reset();
        onClose();
      }}
      busy={mutation.isPending}
      title={entity === "system" ? t("delete.system.title", { name }) : t("delete.service.title", { name })}
      description={entity === "system" ? t("delete.system.description") : t("delete.service.description")}
      footer={
        <>
          <Button onClick={onClose} disabled={mutation.isPending} data-autofocus>
            {t("cancel")}
          </Button>
          <Button
            variant="primary"
            className="bg-danger hover:bg-danger"
            onClick={() => mutation.mutate()}
            disabled={mutation.isPending}
          >
            {mutation.isPending ? <Spinner /> : null}
            {t("delete.submit")}
          </Button>
        </>
      }
    >
      {mutation.isError ? <ErrorLine error={mutation.error} /> : null}
    </ModalDialog>
  );
}

/** What the server answered to a create: the name, and its warnings (a long name) when there were any. */
export function CreatedNotice({ created }: { created: { name: string; warnings: string[] } }) {
  const t = useTranslations("systems");
  return (
    <div role="status" className="rounded-md border border-ok/30 bg-ok-soft px-4 py-2 text-sm text-ok">
      <p>{t("created", { name: created.name })}</p>
      {created.warnings.length > 0 ? <p className="text-warn">{t("nameLengthWarning")}</p> : null}
    </div>
  );
}
