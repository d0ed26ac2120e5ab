"use client";

// The last health checks of a cluster, newest first (as the API orders them).
import { useTranslations } from "next-intl";
import { RelativeTime } from "@/components/ui/relative-time";
import { ScrollRegion } from "@/components/ui/scroll-region";
import type { HealthCheckView } from "@/lib/clusters/cluster-views";
import { Section } from "./cluster-capability-sections";
import { ClusterStatusPill, HealthReason } from "./cluster-status";
import { useCheckTriggerLabels } from "./use-cluster-labels";

export function HealthHistoryTable({ history }: { history: HealthCheckView[] }) {
  const t = useTranslations("adminClusters.detail.history");
  const common = useTranslations("adminClusters");
  const triggers = useCheckTriggerLabels();
  return (
    <Section id="history" title={t("heading")}>
      {history.length === 0 ? (
        <p className="text-sm text-ink-muted">{t("none")}</p>
      ) : (
        <ScrollRegion label={t("tableLabel")}>
          <table aria-label={t("tableLabel")} className="text-sm">
            <thead>
              <tr>
                <th scope="col">{t("time")}</th>
                <th scope="col">{t("status")}</th>
                <th scope="col">{t("reason")}</th>
                <th scope="col">{t("version")}</th>
                <th scope="col">{t("duration")}</th>
                <th scope="col">{t("trigger")}</th>
              </tr>
            </thead>
            <tbody>
              {history.map((check) => (
                <tr key={`${check.checked_at}-${check.trigger}`} data-check-status={check.status}>
                  <td>
                    <RelativeTime iso={check.checked_at} />
                  </td>
                  <td>
                    <ClusterStatusPill status={check.status} />
                  </td>
                  <td>
                    {check.reason ? <HealthReason reason={check.reason} /> : common("none")}
                    {check.warnings.length > 0 ? (
                      <ul className="mt-1 flex flex-col gap-0.5 text-xs text-warn">
                        {check.warnings.map((w) => (
                          <li key={`${w.code}:${w.detail}`}>
                            <HealthReason reason={w} />
                          </li>
                        ))}
                      </ul>
                    ) : null}
                  </td>
                  <td className="font-mono text-xs">{check.kubevirt_version ?? common("none")}</td>
                  <td>{t("durationValue", { ms: check.duration_ms })}</td>
                  <td>{triggers[check.trigger]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </Section>
  );
}
