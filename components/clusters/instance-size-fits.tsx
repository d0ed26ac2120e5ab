"use client";

// Which enabled instance sizes this cluster can run, and what it lacks for the others.
import { useTranslations } from "next-intl";
import { StatusPill } from "@/components/ui/status-pill";
import type { InstanceSizeFitView } from "@/lib/clusters/cluster-views";
import { Section } from "./cluster-capability-sections";

export function InstanceSizeFits({ sizes }: { sizes: InstanceSizeFitView[] }) {
  const t = useTranslations("adminClusters.detail.sizes");
  return (
    <Section id="sizes" title={t("heading")} intro={t("intro")}>
      {sizes.length === 0 ? (
        <p className="text-sm text-ink-muted">{t("none")}</p>
      ) : (
        <table aria-label={t("heading")} className="text-sm">
          <thead>
            <tr>
              <th scope="col">{t("size")}</th>
              <th scope="col">{t("fit")}</th>
            </tr>
          </thead>
          <tbody>
            {sizes.map((s) => (
              <tr key={s.instance_size} data-instance-size={s.instance_size} data-compatible={s.compatible}>
                <td className="font-medium">{s.instance_size}</td>
                <td>
                  {s.compatible ? (
                    <StatusPill tone="ok">{t("compatible")}</StatusPill>
                  ) : (
                    <StatusPill tone="warn">{t("missing", { list: s.missing.join(", ") })}</StatusPill>
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
