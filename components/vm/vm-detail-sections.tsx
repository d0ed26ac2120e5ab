"use client";

// The descriptive parts of the VM page: overview (where it runs, addresses, guest, size), governance, labels,
// conditions, and the banner of a VM Shepherd does not govern (with the adoption item, for admins).
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Section } from "@/components/clusters/cluster-capability-sections";
import { useEnvironmentLabels } from "@/components/clusters/use-cluster-labels";
import { EmptyState } from "@/components/ui/empty-state";
import { RelativeTime } from "@/components/ui/relative-time";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { StatusPill } from "@/components/ui/status-pill";
import { Link } from "@/lib/i18n/navigation";
import type { VmDetail } from "@/lib/vms/vm-views";

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-1">
      <dt className="text-xs font-semibold uppercase tracking-wide text-ink-faint">{label}</dt>
      <dd className="text-sm break-words">{children}</dd>
    </div>
  );
}

export function OverviewSection({ vm }: { vm: VmDetail }) {
  const t = useTranslations("vm.detail.overview");
  const none = t("none");
  const environments = useEnvironmentLabels();
  const ref = (r: { kind: string; name: string } | null) =>
    r ? (
      <span>
        <span className="font-mono">{r.name}</span> <span className="text-ink-muted">({r.kind})</span>
      </span>
    ) : (
      none
    );
  return (
    <Section id="vm-overview" title={t("heading")}>
      <dl className="grid gap-x-8 gap-y-4 sm:grid-cols-2 lg:grid-cols-4">
        <Fact label={t("namespace")}>{vm.namespace}</Fact>
        <Fact label={t("cluster")}>{vm.cluster_name}</Fact>
        <Fact label={t("environment")}>{environments[vm.environment]}</Fact>
        <Fact label={t("node")}>{vm.node ?? none}</Fact>
        <Fact label={t("ipAddresses")}>
          {vm.ip_addresses.length === 0 ? (
            none
          ) : (
            <ul className="font-mono text-xs">
              {vm.ip_addresses.map((ip) => (
                <li key={ip}>{ip}</li>
              ))}
            </ul>
          )}
        </Fact>
        <Fact label={t("runStrategy")}>
          {vm.run_strategy ? <span className="font-mono">{vm.run_strategy}</span> : none}
        </Fact>
        <Fact label={t("cpu")}>{t("cpuValue", { count: vm.cpu })}</Fact>
        <Fact label={t("memory")}>{t("memoryValue", { mb: vm.memory_mb })}</Fact>
        <Fact label={t("instanceType")}>{ref(vm.instance_type)}</Fact>
        <Fact label={t("preference")}>{ref(vm.preference)}</Fact>
        {vm.guest_os ? (
          <Fact label={t("guestOs")}>
            {[vm.guest_os.name, vm.guest_os.version].filter(Boolean).join(" ") || none}
            {vm.guest_os.kernel ? (
              <span className="block font-mono text-xs text-ink-muted">{vm.guest_os.kernel}</span>
            ) : null}
          </Fact>
        ) : null}
        {vm.agent_connected !== null ? (
          <Fact label={t("guestAgent")}>
            <StatusPill tone={vm.agent_connected ? "ok" : "neutral"} data-agent={vm.agent_connected}>
              {vm.agent_connected ? t("agentConnected") : t("agentNotConnected")}
            </StatusPill>
          </Fact>
        ) : null}
        <Fact label={t("rawStatus")}>
          {vm.raw_status ? <span className="font-mono">{vm.raw_status}</span> : none}
        </Fact>
        <Fact label={t("created")}>{vm.created_at ? <RelativeTime iso={vm.created_at} /> : none}</Fact>
      </dl>
    </Section>
  );
}

export function GovernanceSection({ vm }: { vm: VmDetail }) {
  const t = useTranslations("vm.detail.governance");
  const g = vm.governance;
  return (
    <Section id="vm-governance" title={t("heading")}>
      {g ? (
        <dl className="grid gap-x-8 gap-y-4 sm:grid-cols-2">
          <Fact label={t("system")}>{g.system}</Fact>
          <Fact label={t("service")}>{g.service}</Fact>
          <Fact label={t("instance")}>{g.instance ?? t("none")}</Fact>
          <Fact label={t("ticket")}>
            {g.ticket_id ? <span className="font-mono text-xs">{g.ticket_id}</span> : t("none")}
          </Fact>
          <Fact label={t("createdBy")}>{g.created_by ?? t("none")}</Fact>
        </dl>
      ) : (
        <p className="text-sm text-ink-muted">{t("empty")}</p>
      )}
    </Section>
  );
}

export function LabelsSection({ vm }: { vm: VmDetail }) {
  const t = useTranslations("vm.detail.labels");
  const entries = Object.entries(vm.labels).sort(([a], [b]) => a.localeCompare(b));
  return (
    <Section id="vm-labels" title={t("heading")}>
      {entries.length === 0 ? (
        <p className="text-sm text-ink-muted">{t("empty")}</p>
      ) : (
        <dl className="flex flex-col gap-1 font-mono text-xs">
          {entries.map(([key, value]) => (
            <div key={key} className="flex flex-wrap gap-x-1">
              <dt className="text-ink-muted">{key}=</dt>
              <dd className="break-all">{value}</dd>
            </div>
          ))}
        </dl>
      )}
    </Section>
  );
}

export function ConditionsSection({ vm }: { vm: VmDetail }) {
  const t = useTranslations("vm.detail.conditions");
  return (
    <Section id="vm-conditions" title={t("heading")}>
      {vm.conditions.length === 0 ? (
        <p className="text-sm text-ink-muted">{t("empty")}</p>
      ) : (
        <ScrollRegion label={t("tableLabel")}>
          <table aria-label={t("tableLabel")}>
            <thead>
              <tr>
                <th scope="col">{t("columns.source")}</th>
                <th scope="col">{t("columns.type")}</th>
                <th scope="col">{t("columns.status")}</th>
                <th scope="col">{t("columns.reason")}</th>
                <th scope="col">{t("columns.message")}</th>
                <th scope="col">{t("columns.lastTransition")}</th>
              </tr>
            </thead>
            <tbody>
              {vm.conditions.map((c) => (
                <tr key={`${c.source}:${c.type}`} data-condition={c.type}>
                  <td>{c.source === "vm" ? t("sourceVm") : t("sourceVmi")}</td>
                  <td className="font-medium">{c.type}</td>
                  <td className="font-mono text-xs">{c.status}</td>
                  <td>{c.reason ?? t("none")}</td>
                  <td className="max-w-md text-xs text-ink-muted">{c.message ?? t("none")}</td>
                  <td>
                    {c.last_transition_time ? <RelativeTime iso={c.last_transition_time} /> : t("none")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </Section>
  );
}

export function NotGovernedBanner({ vm, isAdmin }: { vm: VmDetail; isAdmin: boolean }) {
  const t = useTranslations("vm.detail.notGoverned");
  return (
    <div data-not-governed>
      <EmptyState
        title={t("title")}
        description={t("body")}
        action={
          isAdmin ? (
            <Link
              href={
                vm.adoption_item_id
                  ? { pathname: "/admin/adoptions", query: { item: vm.adoption_item_id } }
                  : {
                      pathname: "/admin/adoptions",
                      query: { cluster_id: vm.cluster_id, namespace: vm.namespace },
                    }
              }
              className="text-sm font-medium text-accent hover:text-accent-strong hover:underline"
            >
              {vm.adoption_item_id ? t("openItem") : t("openInbox")}
            </Link>
          ) : undefined
        }
      />
    </div>
  );
}
