"use client";

// The inbox's filters. Cluster and status apply on change; the text fields on submit. All live in the URL.
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { FilterForm, SelectFilter, TextFilter } from "@/components/ui/filter-form";
import { ADOPTION_STATUSES } from "@/lib/adoption/adoption-input";
import { hasInboxFilters, type InboxParams } from "./inbox-params";
import { useAdoptionStatusLabels } from "./use-adoption-labels";

export function InboxFilters({
  params,
  clusters,
  onChange,
}: {
  params: InboxParams;
  /** Cluster id → name, from the per-cluster counts and the scans. */
  clusters: ReadonlyMap<string, string>;
  onChange: (change: Partial<InboxParams>) => void;
}) {
  const t = useTranslations("adoption.filters");
  const statusLabels = useAdoptionStatusLabels();
  const options = new Map(clusters);
  if (params.cluster_id && !options.has(params.cluster_id)) options.set(params.cluster_id, params.cluster_id);
  return (
    <FilterForm
      label={t("label")}
      // Re-mount the text inputs when the URL changes (back/forward, clear) so they show its values.
      key={`${params.namespace ?? ""}|${params.system ?? ""}|${params.service ?? ""}`}
      textFields={["namespace", "system", "service"]}
      onApply={onChange}
      applyLabel={t("apply")}
      after={
        hasInboxFilters(params) ? (
          <Button
            onClick={() =>
              onChange({
                cluster_id: undefined,
                namespace: undefined,
                system: undefined,
                service: undefined,
                status: "PENDING",
              })
            }
          >
            {t("clear")}
          </Button>
        ) : null
      }
    >
      <SelectFilter
        label={t("cluster")}
        value={params.cluster_id ?? ""}
        onChange={(e) => onChange({ cluster_id: e.target.value || undefined })}
        anyLabel={t("allClusters")}
        options={[...options]}
      />
      <TextFilter
        label={t("namespace")}
        name="namespace"
        defaultValue={params.namespace ?? ""}
        placeholder={t("namespacePlaceholder")}
      />
      <TextFilter
        label={t("system")}
        name="system"
        defaultValue={params.system ?? ""}
        placeholder={t("systemPlaceholder")}
      />
      <TextFilter
        label={t("service")}
        name="service"
        defaultValue={params.service ?? ""}
        placeholder={t("servicePlaceholder")}
      />
      <SelectFilter
        label={t("status")}
        value={params.status}
        onChange={(e) => {
          const status = ADOPTION_STATUSES.find((s) => s === e.target.value);
          if (status) onChange({ status });
        }}
        options={ADOPTION_STATUSES.map((s) => [s, statusLabels[s]] as const)}
      />
    </FilterForm>
  );
}
