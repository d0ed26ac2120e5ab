"use client";

import { useIsMutating, useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
// Registers a cluster: name (with the rule hinted as typed; the server decides), display name,
// environment and kubeconfig (file or paste). "Test connection" checks the kubeconfig without saving;
// "Register" saves it. An unreachable cluster is refused with CLUSTER_CONNECTION_FAILED and the admin may
// register it anyway. Closing the dialog unmounts the form, so the kubeconfig text is gone with it.
import { ApiRequestError, asApiRequestError } from "@/components/api/request-json";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/input-class";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { Spinner } from "@/components/ui/spinner";
import { isValidClusterName } from "@/lib/clusters/cluster-name";
import type { ClusterSummaryView } from "@/lib/clusters/cluster-views";
import type { Environment } from "@/lib/domain/environment";
import { useErrorMessage } from "@/lib/i18n/use-error-message";
import {
  clusterKeys,
  clusterMutationKeys,
  KUBECONFIG_MUTATION_GC_MS,
  type RegisterClusterRequest,
  registerCluster,
  testClusterConnection,
} from "./cluster-queries";
import { ConnectionTest } from "./connection-test-result";
import { FormField } from "./form-field";
import { KubeconfigInput } from "./kubeconfig-input";
import { useEnvironmentLabels } from "./use-cluster-labels";

/** Field names as the API reports them (snake_case on the wire; camelCase from the zod schema). */
export function hasFieldError(error: unknown, ...fields: string[]): boolean {
  return error instanceof ApiRequestError && error.hasFieldError(...fields);
}

export function RegisterClusterDialog({
  open,
  onClose,
  onRegistered,
}: {
  open: boolean;
  onClose: () => void;
  onRegistered: (cluster: ClusterSummaryView) => void;
}) {
  const t = useTranslations("adminClusters.register");
  const busy = useIsMutating({ mutationKey: clusterMutationKeys.register() }) > 0;
  return (
    <ModalDialog
      placement="wide"
      open={open}
      onClose={onClose}
      busy={busy}
      title={t("heading")}
      description={t("intro")}
    >
      <RegisterClusterForm onCancel={onClose} onRegistered={onRegistered} />
    </ModalDialog>
  );
}

function RegisterClusterForm({
  onCancel,
  onRegistered,
}: {
  onCancel: () => void;
  onRegistered: (cluster: ClusterSummaryView) => void;
}) {
  const t = useTranslations("adminClusters.register");
  const tk = useTranslations("adminClusters.kubeconfig");
  const _tc = useTranslations("adminClusters.connectionTest");
  const environments = useEnvironmentLabels();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const [name, setName] = useState("");
  const [displayName, setDisplayName] = useState("");
  const [environment, setEnvironment] = useState<Environment>("test");
  const [kubeconfig, setKubeconfig] = useState("");
  const [missingKubeconfig, setMissingKubeconfig] = useState(false);

  // The kubeconfig is a mutation variable: gcTime 0 keeps it out of the cache once the form is gone.
  const test = useMutation({
    mutationKey: clusterMutationKeys.register(),
    mutationFn: testClusterConnection,
    gcTime: KUBECONFIG_MUTATION_GC_MS,
  });
  const register = useMutation({
    mutationKey: clusterMutationKeys.register(),
    gcTime: KUBECONFIG_MUTATION_GC_MS,
    mutationFn: (request: RegisterClusterRequest) => registerCluster(request),
    onSuccess: (cluster) => {
      void queryClient.invalidateQueries({ queryKey: clusterKeys.lists() });
      onRegistered(cluster);
    },
  });

  const nameLooksWrong = name !== "" && !isValidClusterName(name);
  const unreachable =
    register.error instanceof ApiRequestError && register.error.code === "CLUSTER_CONNECTION_FAILED";
  const busy = register.isPending || test.isPending;

  const send = (allowUnreachable: boolean) => {
    if (kubeconfig.trim() === "") {
      setMissingKubeconfig(true);
      return;
    }
    register.mutate({
      name: name.trim(),
      display_name: displayName.trim() || undefined,
      environment,
      kubeconfigText: kubeconfig,
      ...(allowUnreachable ? { allow_unreachable: true } : {}),
    });
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    send(false);
  };

  const onTest = () => {
    if (kubeconfig.trim() === "") {
      setMissingKubeconfig(true);
      return;
    }
    test.mutate(kubeconfig);
  };

  const nameError = hasFieldError(register.error, "name");
  const displayNameError = hasFieldError(register.error, "display_name", "displayName");
  const kubeconfigError =
    missingKubeconfig ||
    hasFieldError(register.error, "kubeconfig") ||
    (register.error instanceof ApiRequestError && register.error.code?.startsWith("KUBECONFIG_") === true);

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField
          label={t("name")}
          hint={t("nameHint")}
          error={t("nameInvalid")}
          invalid={nameLooksWrong || nameError}
        >
          {(control) => (
            <input
              {...control}
              name="name"
              value={name}
              onChange={(e) => setName(e.target.value)}
              required
              maxLength={63}
              autoComplete="off"
              spellCheck={false}
              className={`${inputClass} font-mono`}
            />
          )}
        </FormField>
        <FormField label={t("displayName")} hint={t("displayNameHint")} invalid={displayNameError}>
          {(control) => (
            <input
              {...control}
              name="display_name"
              value={displayName}
              onChange={(e) => setDisplayName(e.target.value)}
              maxLength={100}
              autoComplete="off"
              className={inputClass}
            />
          )}
        </FormField>
        <FormField label={t("environment")} hint={t("environmentHint")}>
          {(control) => (
            <select
              {...control}
              name="environment"
              value={environment}
              onChange={(e) => setEnvironment(e.target.value === "prod" ? "prod" : "test")}
              className={inputClass}
            >
              <option value="test">{environments.test}</option>
              <option value="prod">{environments.prod}</option>
            </select>
          )}
        </FormField>
      </div>

      <KubeconfigInput
        invalid={kubeconfigError}
        onChange={(text) => {
          setKubeconfig(text);
          setMissingKubeconfig(false);
          test.reset();
          register.reset();
        }}
      />
      {missingKubeconfig ? (
        <p role="alert" className="text-sm text-danger">
          {tk("required")}
        </p>
      ) : null}

      <ConnectionTest test={test} onTest={onTest} disabled={busy} />

      {register.isError && !unreachable ? (
        <p
          role="alert"
          className="rounded-md border border-danger/30 bg-danger-soft px-3 py-2 text-sm text-danger"
        >
          {errorMessage(asApiRequestError(register.error))}
        </p>
      ) : null}
      {unreachable ? (
        <div
          role="alert"
          className="flex flex-col gap-2 rounded-md border border-warn/30 bg-warn-soft px-3 py-2 text-sm"
        >
          <p className="font-semibold text-warn">{t("unreachableTitle")}</p>
          <p>{errorMessage(asApiRequestError(register.error))}</p>
          <p>{t("unreachableOffer")}</p>
          <Button className="self-start" onClick={() => send(true)} disabled={busy}>
            {t("registerAnyway")}
          </Button>
        </div>
      ) : null}

      <div className="flex justify-end gap-3 border-t border-line pt-4">
        <Button onClick={onCancel}>{t("cancel")}</Button>
        <Button type="submit" variant="primary" disabled={busy}>
          {register.isPending ? <Spinner /> : null}
          {register.isPending ? t("submitting") : t("submit")}
        </Button>
      </div>
    </form>
  );
}
