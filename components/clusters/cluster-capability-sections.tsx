"use client";

// What detection found on a cluster: features (enabled / disabled / uncertain, and which a dry run
// verified), the API groups it serves, hardware (GPU devices, hugepage sizes, SR-IOV networks) and storage
// classes. Read-only: an admin adds what detection cannot see in the declared-capabilities editor.
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";
import { StatusPill } from "@/components/ui/status-pill";
import type { ClusterDetailView, FeatureView } from "@/lib/clusters/cluster-views";
import { useFeatureSourceLabels } from "./use-cluster-labels";

export function Section({
  id,
  title,
  intro,
  children,
}: {
  id: string;
  title: string;
  intro?: string;
  children: ReactNode;
}) {
  return (
    <Card aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="text-lg font-semibold">
        {title}
      </h2>
      {intro ? (
        <p className="mt-1 mb-3 max-w-3xl text-sm text-ink-muted">{intro}</p>
      ) : (
        <div className="mb-3" />
      )}
      {children}
    </Card>
  );
}

function FeatureBadge({ feature }: { feature: FeatureView }) {
  const sources = useFeatureSourceLabels();
  return (
    <li
      data-feature={feature.name}
      data-feature-enabled={feature.enabled}
      data-feature-source={feature.source}
      className="flex flex-wrap items-center gap-1.5 rounded-md border border-line px-2 py-1 text-sm"
      title={feature.detail ?? undefined}
    >
      <span className="font-medium">{feature.name}</span>
      {feature.source === "dry_run" ? <StatusPill tone="info">{sources.dry_run}</StatusPill> : null}
      {feature.source === "uncertain" ? <StatusPill tone="warn">{sources.uncertain}</StatusPill> : null}
    </li>
  );
}

export function FeaturesSection({ cluster }: { cluster: ClusterDetailView }) {
  const t = useTranslations("adminClusters.detail.features");
  const uncertain = cluster.features.filter((f) => f.source === "uncertain");
  const decided = cluster.features.filter((f) => f.source !== "uncertain");
  const groups = [
    { id: "enabled", title: t("enabled"), items: decided.filter((f) => f.enabled) },
    { id: "disabled", title: t("disabled"), items: decided.filter((f) => !f.enabled) },
    { id: "uncertain", title: t("uncertain"), items: uncertain },
  ].filter((g) => g.items.length > 0);
  return (
    <Section id="features" title={t("heading")} intro={t("intro")}>
      {groups.length === 0 ? (
        <p className="text-sm text-ink-muted">{t("none")}</p>
      ) : (
        <div className="flex flex-col gap-4">
          {groups.map((g) => (
            <div key={g.id}>
              <h3 className="mb-2 text-sm font-semibold text-ink-muted">{g.title}</h3>
              <ul aria-label={g.title} className="flex flex-wrap gap-2">
                {g.items.map((f) => (
                  <FeatureBadge key={f.name} feature={f} />
                ))}
              </ul>
            </div>
          ))}
        </div>
      )}
    </Section>
  );
}

export function ApiGroupsSection({ cluster }: { cluster: ClusterDetailView }) {
  const t = useTranslations("adminClusters.detail.apis");
  const groups = Object.entries(cluster.apis).sort(([a], [b]) => a.localeCompare(b));
  return (
    <Section id="apis" title={t("heading")}>
      {groups.length === 0 ? (
        <p className="text-sm text-ink-muted">{t("none")}</p>
      ) : (
        <table aria-label={t("heading")} className="text-sm">
          <thead>
            <tr>
              <th scope="col">{t("group")}</th>
              <th scope="col">{t("versions")}</th>
            </tr>
          </thead>
          <tbody>
            {groups.map(([group, versions]) => (
              <tr key={group} data-api-group={group}>
                <td className="font-mono text-xs">{group}</td>
                <td>
                  {versions.length === 0 ? (
                    <span className="text-ink-muted">{t("notServed")}</span>
                  ) : (
                    <span className="font-mono text-xs">{versions.join(", ")}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}

export function HardwareSection({ cluster }: { cluster: ClusterDetailView }) {
  const t = useTranslations("adminClusters.detail.hardware");
  return (
    <Section id="hardware" title={t("heading")}>
      <div className="flex flex-col gap-5">
        <div>
          <h3 className="mb-2 text-sm font-semibold text-ink-muted">{t("gpus")}</h3>
          {cluster.gpu_devices.length === 0 ? (
            <p className="text-sm text-ink-muted">{t("noGpus")}</p>
          ) : (
            <table aria-label={t("gpus")} className="text-sm">
              <thead>
                <tr>
                  <th scope="col">{t("gpuResource")}</th>
                  <th scope="col">{t("gpuTotal")}</th>
                  <th scope="col">{t("gpuNodes")}</th>
                </tr>
              </thead>
              <tbody>
                {cluster.gpu_devices.map((g) => (
                  <tr key={g.resource_name} data-gpu={g.resource_name}>
                    <td className="font-mono text-xs">{g.resource_name}</td>
                    <td>{g.total}</td>
                    <td className="font-mono text-xs">{g.nodes.join(", ")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
        <div>
          <h3 className="mb-2 text-sm font-semibold text-ink-muted">{t("hugepages")}</h3>
          {cluster.hugepages.length === 0 ? (
            <p className="text-sm text-ink-muted">{t("noHugepages")}</p>
          ) : (
            <ul aria-label={t("hugepages")} className="flex flex-wrap gap-2">
              {cluster.hugepages.map((h) => (
                <li key={h} className="rounded-md border border-line px-2 py-0.5 font-mono text-xs">
                  {h}
                </li>
              ))}
            </ul>
          )}
        </div>
        <div>
          <h3 className="mb-2 text-sm font-semibold text-ink-muted">{t("sriov")}</h3>
          {cluster.sriov_networks.length === 0 ? (
            <p className="text-sm text-ink-muted">{t("noSriov")}</p>
          ) : (
            <ul aria-label={t("sriov")} className="flex flex-col gap-1 text-sm">
              {cluster.sriov_networks.map((n) => (
                <li key={`${n.namespace}/${n.name}`}>
                  <span className="font-mono text-xs">
                    {n.namespace}/{n.name}
                  </span>
                  {n.resource_name ? (
                    <span className="ml-2 text-xs text-ink-muted">
                      {t("sriovResource", { resource: n.resource_name })}
                    </span>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </Section>
  );
}

export function StorageClassesSection({ cluster }: { cluster: ClusterDetailView }) {
  const t = useTranslations("adminClusters.detail.storage");
  return (
    <Section id="storage" title={t("heading")}>
      {cluster.storage_classes.length === 0 ? (
        <p className="text-sm text-ink-muted">{t("none")}</p>
      ) : (
        <ul aria-label={t("heading")} className="flex flex-wrap gap-2">
          {cluster.storage_classes.map((s) => (
            <li
              key={s}
              data-storage-class={s}
              className="flex items-center gap-2 rounded-md border border-line px-2 py-1 text-sm"
            >
              <span className="font-mono text-xs">{s}</span>
              {s === cluster.default_storage_class ? (
                <StatusPill tone="info">{t("default")}</StatusPill>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
