"use client";

// The inbox's filters. Cluster and status apply on change; the text fields on submit. All live in the URL.
import { useTranslations } from "next-intl";
import type { FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { ADOPTION_STATUSES } from "@/lib/adoption/adoption-input";
import { hasInboxFilters, type InboxParams } from "./inbox-params";
import { useAdoptionStatusLabels } from "./use-adoption-labels";

const input = "rounded-md border border-line-strong bg-surface px-2 py-1.5 text-sm";

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
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => {
      const v = form.get(name);
      return typeof v === "string" && v.trim() !== "" ? v.trim() : undefined;
    };
    onChange({ namespace: text("namespace"), system: text("system"), service: text("service") });
  };
  const options = new Map(clusters);
  if (params.cluster_id && !options.has(params.cluster_id)) options.set(params.cluster_id, params.cluster_id);
  return (
    <form
      aria-label={t("label")}
      onSubmit={onSubmit}
      // Re-mount the text inputs when the URL changes (back/forward, clear) so they show its values.
      key={`${params.namespace ?? ""}|${params.system ?? ""}|${params.service ?? ""}`}
      className="flex flex-wrap items-end gap-3"
    >
      <label className="flex flex-col gap-1 text-sm text-ink-muted">
        {t("cluster")}
        <select
          className={input}
          value={params.cluster_id ?? ""}
          onChange={(e) => onChange({ cluster_id: e.target.value || undefined })}
        >
          <option value="">{t("allClusters")}</option>
          {[...options].map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-sm text-ink-muted">
        {t("namespace")}
        <input
          name="namespace"
          defaultValue={params.namespace ?? ""}
          placeholder={t("namespacePlaceholder")}
          className={input}
        />
      </label>
      <label className="flex flex-col gap-1 text-sm text-ink-muted">
        {t("system")}
        <input
          name="system"
          defaultValue={params.system ?? ""}
          placeholder={t("systemPlaceholder")}
          className={input}
        />
      </label>
      <label className="flex flex-col gap-1 text-sm text-ink-muted">
        {t("service")}
        <input
          name="service"
          defaultValue={params.service ?? ""}
          placeholder={t("servicePlaceholder")}
          className={input}
        />
      </label>
      <label className="flex flex-col gap-1 text-sm text-ink-muted">
        {t("status")}
        <select
          className={input}
          value={params.status}
          onChange={(e) => {
            const status = ADOPTION_STATUSES.find((s) => s === e.target.value);
            if (status) onChange({ status });
          }}
        >
          {ADOPTION_STATUSES.map((s) => (
            <option key={s} value={s}>
              {statusLabels[s]}
            </option>
          ))}
        </select>
      </label>
      <Button type="submit" variant="primary">
        {t("apply")}
      </Button>
      {hasInboxFilters(params) ? (
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
      ) : null}
    </form>
  );
}
