"use client";

// "Create on cluster": pick a registered cluster and create the namespace there through the provider. An
// existing namespace is a success ("already exists"); a refusal shows the cluster's reason (permission, quota).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { asApiRequestError } from "@/components/api/request-json";
import { clusterListQueryOptions } from "@/components/clusters/cluster-queries";
import { FormField } from "@/components/clusters/form-field";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/input-class";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { useErrorMessage } from "@/lib/i18n/use-error-message";
import type { NamespaceView } from "@/lib/namespaces/namespace-views";
import { createNamespaceOnCluster, namespaceKeys } from "./namespace-queries";

export function CreateOnClusterDialog({
  namespace,
  onClose,
}: {
  namespace: NamespaceView | null;
  onClose: () => void;
}) {
  const t = useTranslations("adminNamespaces.onCluster");
  return (
    <ModalDialog
      open={namespace !== null}
      onClose={onClose}
      title={namespace ? t("title", { name: namespace.name }) : ""}
      description={t("description")}
    >
      {namespace ? <CreateOnClusterForm namespace={namespace} onClose={onClose} /> : null}
    </ModalDialog>
  );
}

function CreateOnClusterForm({ namespace, onClose }: { namespace: NamespaceView; onClose: () => void }) {
  const t = useTranslations("adminNamespaces.onCluster");
  const errorMessage = useErrorMessage();
  const client = useQueryClient();
  const clusters = useQuery(
    clusterListQueryOptions({ page: 1, per_page: 100, sort_by: "name", sort_order: "asc" }),
  );
  const [clusterId, setClusterId] = useState("");
  const mutation = useMutation({
    mutationFn: (id: string) => createNamespaceOnCluster(id, namespace.name),
    onSuccess: () => client.invalidateQueries({ queryKey: namespaceKeys.all }),
  });
  const options = clusters.data?.items ?? [];
  const chosen = clusterId || options[0]?.id || "";
  const result = mutation.data;

  return (
    <form
      className="flex flex-col gap-4"
      onSubmit={(e) => {
        e.preventDefault();
        if (chosen) mutation.mutate(chosen);
      }}
    >
      <FormField label={t("cluster")}>
        {(control) => (
          <select
            {...control}
            name="cluster"
            value={chosen}
            onChange={(e) => {
              mutation.reset();
              setClusterId(e.target.value);
            }}
            className={inputClass}
            disabled={options.length === 0}
          >
            {options.map((c) => (
              <option key={c.id} value={c.id}>
                {c.display_name}
              </option>
            ))}
          </select>
        )}
      </FormField>
      {clusters.isSuccess && options.length === 0 ? (
        <p className="text-sm text-ink-muted">{t("noClusters")}</p>
      ) : null}
      {result ? (
        <p role="status" className="rounded-md border border-ok/30 bg-ok-soft px-3 py-2 text-sm text-ok">
          {result.created ? t("created") : t("alreadyExists")}
        </p>
      ) : null}
      {mutation.isError ? (
        <p role="alert" className="text-sm text-danger">
          {errorMessage(asApiRequestError(mutation.error))}
        </p>
      ) : null}
      <div className="flex justify-end gap-3">
        <Button onClick={onClose} disabled={mutation.isPending}>
          {t("close")}
        </Button>
        <Button type="submit" variant="primary" disabled={mutation.isPending || !chosen}>
          {t("create")}
        </Button>
      </div>
    </form>
  );
}
