"use client";

import { useIsMutating, useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { type FormEvent, useEffect, useRef, useState } from "react";
// The admin actions on one cluster: check now, enable/disable (confirmed), edit display name and
// environment, rotate credentials (tested before saving), delete (confirmed by typing the name; refused
// with CLUSTER_IN_USE while governed VMs reference the cluster). Each is one call to the admin API; the
// page's queries are updated from the answer or refetched.
import { asApiRequestError } from "@/components/api/request-json";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/input-class";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { Spinner } from "@/components/ui/spinner";
import type { ClusterDetailView } from "@/lib/clusters/cluster-views";
import type { Environment } from "@/lib/domain/environment";
import { useRouter } from "@/lib/i18n/navigation";
import { useErrorMessage } from "@/lib/i18n/use-error-message";
import {
  checkClusterNow,
  clusterKeys,
  clusterMutationKeys,
  deleteCluster,
  KUBECONFIG_MUTATION_GC_MS,
  rotateClusterCredentials,
  testClusterConnection,
  type UpdateClusterRequest,
  updateCluster,
} from "./cluster-queries";
import { ConnectionTest } from "./connection-test-result";
import { FormField } from "./form-field";
import { KubeconfigInput } from "./kubeconfig-input";
import { hasFieldError } from "./register-cluster-dialog";
import { useClusterStatusLabels, useEnvironmentLabels } from "./use-cluster-labels";

type Outcome = { ok: boolean; message: string } | null;
type OpenDialog = "toggle" | "edit" | "rotate" | "delete" | null;

export function ClusterActions({ cluster }: { cluster: ClusterDetailView }) {
  const t = useTranslations("adminClusters.detail.actions");
  const statusLabels = useClusterStatusLabels();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const inFlight = useIsMutating({ mutationKey: [...clusterKeys.all, "mutation", cluster.id] }) > 0;

  const check = useMutation({
    mutationFn: () => checkClusterNow(cluster.id),
    onMutate: () => setOutcome(null),
    onSuccess: (detail) => {
      queryClient.setQueryData(clusterKeys.detail(cluster.id), detail);
      void queryClient.invalidateQueries({ queryKey: clusterKeys.lists() });
      setOutcome({ ok: true, message: t("checked", { status: statusLabels[detail.status] }) });
    },
    onError: (error) => setOutcome({ ok: false, message: errorMessage(asApiRequestError(error)) }),
  });

  const done = (message: string) => {
    setDialog(null);
    setOutcome({ ok: true, message });
    void queryClient.invalidateQueries({ queryKey: clusterKeys.all });
  };

  return (
    <div className="flex flex-col gap-2">
      <div role="toolbar" aria-label={t("label")} className="flex flex-wrap items-center gap-2">
        <Button variant="primary" onClick={() => check.mutate()} disabled={check.isPending}>
          {check.isPending ? <Spinner /> : null}
          {check.isPending ? t("checking") : t("checkNow")}
        </Button>
        <Button onClick={() => setDialog("toggle")}>{cluster.enabled ? t("disable") : t("enable")}</Button>
        <Button onClick={() => setDialog("edit")}>{t("edit")}</Button>
        <Button onClick={() => setDialog("rotate")}>{t("rotate")}</Button>
        <Button onClick={() => setDialog("delete")} className="text-danger">
          {t("delete")}
        </Button>
      </div>
      {outcome ? (
        <p
          role={outcome.ok ? "status" : "alert"}
          data-action-outcome={outcome.ok ? "ok" : "error"}
          className={outcome.ok ? "text-sm text-ok" : "text-sm text-danger"}
        >
          {outcome.message}
        </p>
      ) : null}

      <ModalDialog
        placement="wide"
        open={dialog === "toggle"}
        onClose={() => setDialog(null)}
        busy={inFlight}
        title={
          cluster.enabled
            ? t("confirmDisableTitle", { name: cluster.name })
            : t("confirmEnableTitle", { name: cluster.name })
        }
        description={cluster.enabled ? t("confirmDisable") : t("confirmEnable")}
      >
        <ToggleEnabledForm
          cluster={cluster}
          onCancel={() => setDialog(null)}
          onDone={(enabled) => done(enabled ? t("enabledDone") : t("disabledDone"))}
        />
      </ModalDialog>
      <ModalDialog
        placement="wide"
        open={dialog === "edit"}
        onClose={() => setDialog(null)}
        busy={inFlight}
        title={t("editHeading")}
      >
        <EditClusterForm cluster={cluster} onCancel={() => setDialog(null)} onDone={() => done(t("saved"))} />
      </ModalDialog>
      <ModalDialog
        placement="wide"
        open={dialog === "rotate"}
        onClose={() => setDialog(null)}
        busy={inFlight}
        title={t("rotateHeading")}
        description={t("rotateIntro")}
      >
        <RotateCredentialsForm
          cluster={cluster}
          onCancel={() => setDialog(null)}
          onDone={() => done(t("rotated"))}
        />
      </ModalDialog>
      <ModalDialog
        placement="wide"
        open={dialog === "delete"}
        onClose={() => setDialog(null)}
        busy={inFlight}
        title={t("deleteHeading", { name: cluster.name })}
        description={t("deleteIntro")}
      >
        <DeleteClusterForm cluster={cluster} onCancel={() => setDialog(null)} />
      </ModalDialog>
    </div>
  );
}

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

function ToggleEnabledForm({
  cluster,
  onCancel,
  onDone,
}: {
  cluster: ClusterDetailView;
  onCancel: () => void;
  onDone: (enabled: boolean) => void;
}) {
  const t = useTranslations("adminClusters.detail.actions");
  const toggle = useMutation({
    mutationKey: clusterMutationKeys.dialog(cluster.id, "toggle"),
    mutationFn: () => updateCluster(cluster.id, { enabled: !cluster.enabled }),
    onSuccess: () => onDone(!cluster.enabled),
  });
  return (
    <div className="flex flex-col gap-3">
      {toggle.isError ? <ErrorLine error={toggle.error} /> : null}
      <div className="flex justify-end gap-3">
        <Button onClick={onCancel}>{t("cancel")}</Button>
        <Button variant="primary" onClick={() => toggle.mutate()} disabled={toggle.isPending}>
          {toggle.isPending ? <Spinner /> : null}
          {cluster.enabled ? t("disable") : t("enable")}
        </Button>
      </div>
    </div>
  );
}

function EditClusterForm({
  cluster,
  onCancel,
  onDone,
}: {
  cluster: ClusterDetailView;
  onCancel: () => void;
  onDone: () => void;
}) {
  const t = useTranslations("adminClusters.detail.actions");
  const tr = useTranslations("adminClusters.register");
  const environments = useEnvironmentLabels();
  const [displayName, setDisplayName] = useState(cluster.display_name);
  const [environment, setEnvironment] = useState<Environment>(cluster.environment);
  const save = useMutation({
    mutationKey: clusterMutationKeys.dialog(cluster.id, "edit"),
    mutationFn: (change: UpdateClusterRequest) => updateCluster(cluster.id, change),
    onSuccess: onDone,
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const change: UpdateClusterRequest = {};
    if (displayName.trim() !== cluster.display_name) change.display_name = displayName.trim();
    if (environment !== cluster.environment) change.environment = environment;
    if (Object.keys(change).length === 0) onCancel();
    else save.mutate(change);
  };
  const displayNameError = hasFieldError(save.error, "display_name", "displayName");
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      <FormField label={tr("displayName")} hint={tr("displayNameHint")} invalid={displayNameError}>
        {(control) => (
          <input
            {...control}
            value={displayName}
            onChange={(e) => setDisplayName(e.target.value)}
            maxLength={100}
            className={inputClass}
          />
        )}
      </FormField>
      <FormField label={tr("environment")} hint={tr("environmentHint")}>
        {(control) => (
          <select
            {...control}
            value={environment}
            onChange={(e) => setEnvironment(e.target.value === "prod" ? "prod" : "test")}
            className={inputClass}
          >
            <option value="test">{environments.test}</option>
            <option value="prod">{environments.prod}</option>
          </select>
        )}
      </FormField>
      {save.isError ? <ErrorLine error={save.error} /> : null}
      <div className="flex justify-end gap-3">
        <Button onClick={onCancel}>{t("cancel")}</Button>
        <Button type="submit" variant="primary" disabled={save.isPending}>
          {save.isPending ? <Spinner /> : null}
          {save.isPending ? t("saving") : t("save")}
        </Button>
      </div>
    </form>
  );
}

function RotateCredentialsForm({
  cluster,
  onCancel,
  onDone,
}: {
  cluster: ClusterDetailView;
  onCancel: () => void;
  onDone: () => void;
}) {
  const t = useTranslations("adminClusters.detail.actions");
  const tr = useTranslations("adminClusters.register");
  const _tc = useTranslations("adminClusters.connectionTest");
  const tk = useTranslations("adminClusters.kubeconfig");
  const errorMessage = useErrorMessage();
  const [kubeconfig, setKubeconfig] = useState("");
  const [missing, setMissing] = useState(false);
  const test = useMutation({
    mutationKey: clusterMutationKeys.dialog(cluster.id, "rotate"),
    mutationFn: testClusterConnection,
    gcTime: KUBECONFIG_MUTATION_GC_MS,
  });
  const rotate = useMutation({
    mutationKey: clusterMutationKeys.dialog(cluster.id, "rotate"),
    gcTime: KUBECONFIG_MUTATION_GC_MS,
    mutationFn: (allowUnreachable: boolean) =>
      rotateClusterCredentials(cluster.id, kubeconfig, allowUnreachable),
    onSuccess: onDone,
  });
  const unreachable = asApiRequestError(rotate.error)?.code === "CLUSTER_CONNECTION_FAILED";
  const guard = (then: () => void) => {
    if (kubeconfig.trim() === "") setMissing(true);
    else then();
  };
  return (
    <div className="flex flex-col gap-4">
      <KubeconfigInput
        invalid={missing || rotate.isError}
        onChange={(text) => {
          setKubeconfig(text);
          setMissing(false);
          test.reset();
          rotate.reset();
        }}
      />
      {missing ? (
        <p role="alert" className="text-sm text-danger">
          {tk("required")}
        </p>
      ) : null}
      <ConnectionTest
        test={test}
        onTest={() => guard(() => test.mutate(kubeconfig))}
        disabled={test.isPending || rotate.isPending}
      />
      {rotate.isError && !unreachable ? <ErrorLine error={rotate.error} /> : null}
      {unreachable ? (
        <div
          role="alert"
          className="flex flex-col gap-2 rounded-md border border-warn/30 bg-warn-soft px-3 py-2 text-sm"
        >
          <p className="font-semibold text-warn">{tr("unreachableTitle")}</p>
          <p>{errorMessage(asApiRequestError(rotate.error))}</p>
          <p>{t("rotateUnreachableOffer")}</p>
          <Button className="self-start" onClick={() => rotate.mutate(true)} disabled={rotate.isPending}>
            {t("rotateAnyway")}
          </Button>
        </div>
      ) : null}
      <div className="flex justify-end gap-3 border-t border-line pt-4">
        <Button onClick={onCancel}>{t("cancel")}</Button>
        <Button
          variant="primary"
          onClick={() => guard(() => rotate.mutate(false))}
          disabled={rotate.isPending || test.isPending}
        >
          {rotate.isPending ? <Spinner /> : null}
          {t("rotateSubmit")}
        </Button>
      </div>
    </div>
  );
}

function DeleteClusterForm({ cluster, onCancel }: { cluster: ClusterDetailView; onCancel: () => void }) {
  const t = useTranslations("adminClusters.detail.actions");
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const router = useRouter();
  const [typed, setTyped] = useState("");
  const deleted = useRef(false);
  const remove = useMutation({
    mutationKey: clusterMutationKeys.dialog(cluster.id, "delete"),
    mutationFn: () => deleteCluster(cluster.id),
    onSuccess: () => {
      deleted.current = true;
      void queryClient.invalidateQueries({ queryKey: clusterKeys.lists() });
      router.push("/admin/clusters");
    },
  });
  // Leave first, forget after: removing the detail query while the page still observes it would fetch it
  // once more (a 404). Once the page has gone (this form unmounts with it), nothing observes it.
  useEffect(
    () => () => {
      if (deleted.current) queryClient.removeQueries({ queryKey: clusterKeys.detail(cluster.id) });
    },
    [queryClient, cluster.id],
  );
  // Governed VMs still reference the cluster: the server refuses (CLUSTER_IN_USE), so say so up front.
  if (cluster.governed_vm_count > 0)
    return (
      <div className="flex flex-col gap-4" data-delete-refused>
        <p
          role="alert"
          className="rounded-md border border-danger/30 bg-danger-soft px-3 py-2 text-sm text-danger"
        >
          {errorMessage({
            code: "CLUSTER_IN_USE",
            params: { cluster: cluster.name, governed_vm_count: cluster.governed_vm_count },
          })}
        </p>
        <div className="flex justify-end gap-3">
          <Button onClick={onCancel} data-autofocus>
            {t("cancel")}
          </Button>
          <Button type="button" variant="primary" className="bg-danger hover:bg-danger/90" disabled>
            {t("deleteSubmit")}
          </Button>
        </div>
      </div>
    );
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (typed === cluster.name) remove.mutate();
  };
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4">
      <label className="flex flex-col gap-1 text-sm font-medium">
        {t("deleteConfirmLabel", { name: cluster.name })}
        <input
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          autoComplete="off"
          spellCheck={false}
          className={`${inputClass} font-mono`}
        />
      </label>
      {remove.isError ? <ErrorLine error={remove.error} /> : null}
      <div className="flex justify-end gap-3">
        <Button onClick={onCancel}>{t("cancel")}</Button>
        <Button
          type="submit"
          variant="primary"
          className="bg-danger hover:bg-danger/90"
          disabled={typed !== cluster.name || remove.isPending}
        >
          {remove.isPending ? <Spinner /> : null}
          {remove.isPending ? t("deleting") : t("deleteSubmit")}
        </Button>
      </div>
    </form>
  );
}
