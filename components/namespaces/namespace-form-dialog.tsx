"use client";

// Register a namespace (name, environment, description) or edit one (environment, description, enabled; the
// name is shown but cannot change). The server checks the SPEC §3 name rule; its refusal shows here.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { asApiRequestError } from "@/components/api/request-json";
import { FormField } from "@/components/clusters/form-field";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/input-class";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { useErrorMessage } from "@/lib/i18n/use-error-message";
import type { NamespaceView } from "@/lib/namespaces/namespace-views";
import { namespaceKeys, registerNamespace, updateNamespace } from "./namespace-queries";

export function NamespaceFormDialog({
  open,
  editing,
  onClose,
  onSaved,
}: {
  open: boolean;
  /** The entry to edit; absent: register a new one. */
  editing?: NamespaceView;
  onClose: () => void;
  onSaved: (ns: NamespaceView) => void;
}) {
  const t = useTranslations("adminNamespaces.form");
  return (
    <ModalDialog
      open={open}
      onClose={onClose}
      title={editing ? t("editTitle", { name: editing.name }) : t("registerTitle")}
    >
      {open ? <NamespaceForm editing={editing} onClose={onClose} onSaved={onSaved} /> : null}
    </ModalDialog>
  );
}

function NamespaceForm({
  editing,
  onClose,
  onSaved,
}: {
  editing?: NamespaceView;
  onClose: () => void;
  onSaved: (ns: NamespaceView) => void;
}) {
  const t = useTranslations("adminNamespaces.form");
  const env = useTranslations("adminNamespaces.environments");
  const errorMessage = useErrorMessage();
  const client = useQueryClient();
  const [name, setName] = useState("");
  const [environment, setEnvironment] = useState<"test" | "prod">(editing?.environment ?? "test");
  const [description, setDescription] = useState(editing?.description ?? "");
  const [enabled, setEnabled] = useState(editing?.enabled ?? true);
  const mutation = useMutation({
    mutationFn: () =>
      editing
        ? updateNamespace(editing.id, { environment, description, enabled })
        : registerNamespace(name.trim(), { environment, description, enabled }),
    onSuccess: async (ns) => {
      await client.invalidateQueries({ queryKey: namespaceKeys.all });
      onSaved(ns);
    },
  });
  const failure = asApiRequestError(mutation.error);
  const nameInvalid = failure?.code === "NAMESPACE_NAME_INVALID" || failure?.code === "NAMESPACE_NAME_TAKEN";

  return (
    <form
      className="flex flex-col gap-4"
      onSubmit={(e) => {
        e.preventDefault();
        mutation.mutate();
      }}
    >
      {editing ? (
        <p className="text-sm">
          {t("nameFixed")} <span className="font-mono">{editing.name}</span>
        </p>
      ) : (
        <FormField label={t("name")} hint={t("nameHint")} invalid={nameInvalid}>
          {(control) => (
            <input
              {...control}
              name="name"
              required
              maxLength={15}
              autoComplete="off"
              value={name}
              onChange={(e) => setName(e.target.value)}
              className={inputClass}
            />
          )}
        </FormField>
      )}
      <FormField label={t("environment")} hint={t("environmentHint")}>
        {(control) => (
          <select
            {...control}
            name="environment"
            value={environment}
            onChange={(e) => setEnvironment(e.target.value === "prod" ? "prod" : "test")}
            className={inputClass}
          >
            <option value="test">{env("test")}</option>
            <option value="prod">{env("prod")}</option>
          </select>
        )}
      </FormField>
      <FormField label={t("description")}>
        {(control) => (
          <textarea
            {...control}
            name="description"
            maxLength={500}
            rows={2}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            className={inputClass}
          />
        )}
      </FormField>
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          name="enabled"
          checked={enabled}
          onChange={(e) => setEnabled(e.target.checked)}
        />
        {t("enabled")}
      </label>
      <p className="text-xs text-ink-muted">{t("enabledHint")}</p>
      {mutation.isError ? (
        <p role="alert" className="text-sm text-danger">
          {errorMessage(failure)}
        </p>
      ) : null}
      <div className="flex justify-end gap-3">
        <Button onClick={onClose} disabled={mutation.isPending}>
          {t("cancel")}
        </Button>
        <Button type="submit" variant="primary" disabled={mutation.isPending}>
          {editing ? t("save") : t("register")}
        </Button>
      </div>
    </form>
  );
}
