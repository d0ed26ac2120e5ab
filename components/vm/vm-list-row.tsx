"use client";

// The per-row parts of the VM list: the name (a link to the VM's page when Shepherd governs it; a "not
// governed" marker with the way to the adoption inbox otherwise) and the common actions — start, stop,
// restart — offered from the row's status (the list carries no allowed-actions; the server decides, and a
// refusal shows its translated message in the row).
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { StatusPill } from "@/components/ui/status-pill";
import { Link } from "@/lib/i18n/navigation";
import type { VmListItem } from "@/lib/vms/vm-list-view";
import { useVmAction } from "./use-vm-action";
import { useVmActionLabels } from "./use-vm-action-labels";
import { listRowActionsFor } from "./vm-action-choice";
import { VmActionOutcomeNotice } from "./vm-action-outcome";

export function VmNameCell({ vm }: { vm: VmListItem }) {
  const t = useTranslations("vm.list");
  if (vm.governed && vm.id)
    return (
      <Link
        href={`/vms/${encodeURIComponent(vm.id)}`}
        className="font-medium text-accent hover:text-accent-strong hover:underline"
      >
        {vm.name}
      </Link>
    );
  return (
    <span className="flex flex-col items-start gap-1">
      <span className="font-medium text-ink">{vm.name}</span>
      <StatusPill tone="warn" data-not-governed>
        {t("notGoverned")}
      </StatusPill>
    </span>
  );
}

export function VmRowActions({ vm }: { vm: VmListItem }) {
  if (!vm.governed || !vm.id) return <NotGovernedHint vm={vm} />;
  return <GovernedRowActions vm={vm} id={vm.id} />;
}

function NotGovernedHint({ vm }: { vm: VmListItem }) {
  const t = useTranslations("vm.list");
  return (
    <Link
      href={{ pathname: "/admin/adoptions", query: { cluster_id: vm.cluster_id, namespace: vm.namespace } }}
      className="text-xs font-medium text-accent hover:text-accent-strong hover:underline"
      aria-label={t("adoptHintLabel", { name: vm.name })}
    >
      {t("adoptHint")}
    </Link>
  );
}

function GovernedRowActions({ vm, id }: { vm: VmListItem; id: string }) {
  const t = useTranslations("vm.list");
  const labels = useVmActionLabels();
  const { run, sending, outcome } = useVmAction(id);
  const verbs = listRowActionsFor(vm.status);
  return (
    <div className="flex flex-col items-start gap-1">
      {verbs.length > 0 ? (
        <div className="flex flex-wrap gap-1.5">
          {verbs.map((verb) => (
            <Button
              key={verb}
              data-action={verb}
              className="px-2 py-1 text-xs"
              disabled={sending !== undefined}
              aria-label={t("rowAction", { action: labels[verb].run, name: vm.name })}
              onClick={() => void run(verb, {})}
            >
              {sending === verb ? <Spinner /> : null}
              {labels[verb].run}
            </Button>
          ))}
        </div>
      ) : null}
      <VmActionOutcomeNotice outcome={outcome} vmId={id} compact />
    </div>
  );
}
