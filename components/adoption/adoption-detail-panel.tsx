"use client";

// One adoption item in a panel at the right edge: what the scan saw (specification, labels, annotations) side
// by side with the governance record adopting it would create, and the decisions its status allows, each
// behind a confirmation. A refusal (someone decided first: 409 ADOPTION_NOT_PENDING) shows translated, and the
// item and the lists refetch so the panel shows what the item is now.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { type ReactNode, useState } from "react";
import { ApiRequestError } from "@/components/api/request-json";
import { Button } from "@/components/ui/button";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { RelativeTime } from "@/components/ui/relative-time";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { Spinner } from "@/components/ui/spinner";
import { StatusPill } from "@/components/ui/status-pill";
import { useVmStatusLabels } from "@/components/vm/use-vm-status-labels";
import type {
  AdoptionStatusView,
  PendingAdoptionDetailView,
  ResourceSpecView,
} from "@/lib/adoption/adoption-views";
import { VMStatus } from "@/lib/domain/vm";
import { useErrorMessage } from "@/lib/i18n/use-error-message";
import { ADOPTION_STATUS_TONE } from "./adoption-vocabulary";
import { DecisionDialog } from "./decision-dialog";
import type { InboxNotice } from "./inbox-notice";
import {
  type AdoptionDecision,
  adoptionKeys,
  decideAdoption,
  pendingAdoptionQueryOptions,
  reflectDecisions,
} from "./queries";
import { useAdoptionStatusLabels } from "./use-adoption-labels";

/** The snapshot's status is the mapper's VMStatus; a value from an older build shows as it is. */
function isVMStatus(value: string): value is VMStatus {
  return Object.hasOwn(VMStatus, value);
}

export function AdoptionDetailPanel({
  id,
  onClose,
  onNotice,
}: {
  id: string;
  onClose: () => void;
  onNotice: (notice: InboxNotice) => void;
}) {
  const t = useTranslations("adoption.detail");
  const tInbox = useTranslations("adoption.inbox");
  const tOutcome = useTranslations("adoption.outcome");
  const errorMessage = useErrorMessage();
  const client = useQueryClient();
  const query = useQuery(pendingAdoptionQueryOptions(id));
  const item = query.data;
  const [confirming, setConfirming] = useState<AdoptionDecision | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const decide = useMutation({
    mutationFn: (input: { decision: AdoptionDecision; reason?: string }) =>
      decideAdoption(id, input.decision, input.reason),
    onSuccess: async (updated, { decision }) => {
      setConfirming(null);
      const name = updated.resource_name;
      const texts: Record<AdoptionDecision, string> = {
        adopt: tOutcome("adopted", { name }),
        ignore: tOutcome("ignored", { name }),
        reopen: tOutcome("reopened", { name }),
      };
      onNotice({ tone: "ok", text: texts[decision] });
      onClose();
      await reflectDecisions(client, new Map([[id, updated.status]]));
    },
    onError: async (error) => {
      setConfirming(null);
      setFailure(errorMessage(error instanceof ApiRequestError ? error : undefined));
      // Someone may have decided first, or the VM went away: show the item and the lists as they are now.
      await Promise.all([
        client.invalidateQueries({ queryKey: adoptionKeys.detail(id) }),
        client.invalidateQueries({ queryKey: adoptionKeys.lists() }),
      ]);
    },
  });

  const start = (decision: AdoptionDecision) => {
    setFailure(null);
    setConfirming(decision);
  };

  return (
    <ModalDialog
      open
      placement="side"
      busy={decide.isPending}
      onClose={onClose}
      title={item ? t("label", { name: item.resource_name }) : t("loading")}
      description={item ? <ItemStatus status={item.status} /> : undefined}
      headerAction={
        <Button onClick={onClose} disabled={decide.isPending}>
          {t("close")}
        </Button>
      }
      footer={item ? <Actions item={item} busy={decide.isPending} onStart={start} /> : undefined}
    >
      {failure ? (
        <p
          role="alert"
          className="mb-4 rounded-md border border-danger/30 bg-danger-soft px-4 py-3 text-sm text-danger"
        >
          {failure}
        </p>
      ) : null}
      {item ? (
        <ItemBody item={item} />
      ) : query.isError ? (
        <div role="alert" className="flex flex-col items-start gap-3 text-sm">
          <p className="text-danger">
            {t("loadError")}{" "}
            {query.error instanceof ApiRequestError && query.error.code ? errorMessage(query.error) : null}
          </p>
          <Button onClick={() => void query.refetch()} disabled={query.isFetching}>
            {tInbox("retry")}
          </Button>
        </div>
      ) : (
        <Spinner label={t("loading")} />
      )}
      {item ? (
        <DecisionDialog
          key={confirming ?? "closed"}
          item={item}
          decision={confirming}
          busy={decide.isPending}
          onCancel={() => setConfirming(null)}
          onConfirm={(reason) => {
            if (confirming) decide.mutate({ decision: confirming, reason });
          }}
        />
      ) : null}
    </ModalDialog>
  );
}

function ItemStatus({ status }: { status: AdoptionStatusView }) {
  const labels = useAdoptionStatusLabels();
  return (
    <StatusPill tone={ADOPTION_STATUS_TONE[status]} data-adoption-status={status}>
      {labels[status]}
    </StatusPill>
  );
}

function Actions({
  item,
  busy,
  onStart,
}: {
  item: PendingAdoptionDetailView;
  busy: boolean;
  onStart: (decision: AdoptionDecision) => void;
}) {
  const t = useTranslations("adoption.detail");
  if (item.status === "PENDING")
    return (
      <>
        <Button onClick={() => onStart("ignore")} disabled={busy}>
          {t("ignore")}
        </Button>
        <Button variant="primary" onClick={() => onStart("adopt")} disabled={busy || !item.proposed}>
          {t("adopt")}
        </Button>
      </>
    );
  if (item.status === "IGNORED")
    return (
      <Button onClick={() => onStart("reopen")} disabled={busy}>
        {t("reopen")}
      </Button>
    );
  return null;
}

function ItemBody({ item }: { item: PendingAdoptionDetailView }) {
  const t = useTranslations("adoption.detail");
  const tInbox = useTranslations("adoption.inbox");
  const none = tInbox("none");
  const stateText: Record<Exclude<AdoptionStatusView, "PENDING">, string> = {
    ADOPTED: t("state.ADOPTED"),
    IGNORED: t("state.IGNORED"),
    GONE: t("state.GONE"),
  };
  return (
    <div className="flex flex-col gap-6">
      {item.status !== "PENDING" ? (
        <p className="rounded-md border border-line bg-canvas px-4 py-3 text-sm">{stateText[item.status]}</p>
      ) : null}
      <Facts>
        <Fact term={t("facts.cluster")}>{item.cluster_name}</Fact>
        <Fact term={t("facts.namespace")}>{item.namespace}</Fact>
        <Fact term={t("facts.kind")}>{item.resource_type}</Fact>
        <Fact term={t("facts.uid")}>
          <span className="font-mono text-xs">{item.k8s_uid}</span>
        </Fact>
        <Fact term={t("facts.firstSeen")}>
          <RelativeTime iso={item.first_seen_at} />
        </Fact>
        <Fact term={t("facts.lastSeen")}>
          <RelativeTime iso={item.last_seen_at} />
        </Fact>
        {item.decided_at ? (
          <>
            <Fact term={t("facts.decidedBy")}>{item.decided_by ?? none}</Fact>
            <Fact term={t("facts.decidedAt")}>
              <RelativeTime iso={item.decided_at} />
            </Fact>
            <Fact term={t("facts.reason")}>{item.decision_reason ?? none}</Fact>
          </>
        ) : null}
      </Facts>
      <SpecSection spec={item.resource_spec} />
      <div className="grid gap-6 md:grid-cols-2">
        <section aria-labelledby="adoption-on-cluster" className="min-w-0">
          <h3 id="adoption-on-cluster" className="mb-2 font-semibold">
            {t("onCluster")}
          </h3>
          <KeyValues title={t("labels")} entries={item.labels} />
          <KeyValues title={t("annotations")} entries={item.annotations} />
        </section>
        <ProposedSection item={item} />
      </div>
    </div>
  );
}

function Facts({ children }: { children: ReactNode }) {
  // A long term (e.g. the next instance number's) wraps instead of squeezing its value to nothing.
  return (
    <dl className="grid grid-cols-[fit-content(45%)_minmax(0,1fr)] gap-x-4 gap-y-1.5 text-sm">{children}</dl>
  );
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="contents">
      <dt className="text-ink-muted">{term}</dt>
      <dd className="break-words">{children}</dd>
    </div>
  );
}

function SpecSection({ spec }: { spec: ResourceSpecView | null }) {
  const t = useTranslations("adoption.detail.spec");
  const tInbox = useTranslations("adoption.inbox");
  const none = tInbox("none");
  const vmStatusLabels = useVmStatusLabels();
  const text = (value: string | number | null) => (value === null || value === "" ? none : value);
  return (
    <section aria-labelledby="adoption-spec" className="flex flex-col gap-3">
      <h3 id="adoption-spec" className="font-semibold">
        {t("heading")}
      </h3>
      {spec === null ? (
        <p className="text-sm text-ink-muted">{t("none")}</p>
      ) : (
        <>
          <Facts>
            <Fact term={t("cpu")}>{text(spec.cpu_cores)}</Fact>
            <Fact term={t("memory")}>{text(spec.memory)}</Fact>
            <Fact term={t("instancetype")}>{text(spec.instancetype)}</Fact>
            <Fact term={t("preference")}>{text(spec.preference)}</Fact>
            <Fact term={t("runStrategy")}>{text(spec.run_strategy)}</Fact>
            <Fact term={t("status")}>
              {spec.status !== null && isVMStatus(spec.status)
                ? vmStatusLabels[spec.status]
                : text(spec.status)}
            </Fact>
          </Facts>
          <h4 className="text-sm font-medium">{t("disks")}</h4>
          {spec.disks.length === 0 ? (
            <p className="text-sm text-ink-muted">{t("noDisks")}</p>
          ) : (
            <ScrollRegion label={t("disks")} className="rounded-md border border-line">
              <table aria-label={t("disks")}>
                <thead>
                  <tr>
                    <th scope="col">{t("diskColumns.name")}</th>
                    <th scope="col">{t("diskColumns.type")}</th>
                    <th scope="col">{t("diskColumns.source")}</th>
                    <th scope="col">{t("diskColumns.size")}</th>
                  </tr>
                </thead>
                <tbody>
                  {spec.disks.map((disk) => (
                    <tr key={disk.name}>
                      <td className="font-mono text-xs">{disk.name}</td>
                      <td>{disk.type}</td>
                      <td className="break-all font-mono text-xs">{text(disk.source)}</td>
                      <td>{text(disk.size)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          )}
          <h4 className="text-sm font-medium">{t("networks")}</h4>
          {spec.networks.length === 0 ? (
            <p className="text-sm text-ink-muted">{t("noNetworks")}</p>
          ) : (
            <ScrollRegion label={t("networks")} className="rounded-md border border-line">
              <table aria-label={t("networks")}>
                <thead>
                  <tr>
                    <th scope="col">{t("networkColumns.name")}</th>
                    <th scope="col">{t("networkColumns.type")}</th>
                    <th scope="col">{t("networkColumns.network")}</th>
                  </tr>
                </thead>
                <tbody>
                  {spec.networks.map((network) => (
                    <tr key={network.name}>
                      <td className="font-mono text-xs">{network.name}</td>
                      <td>{network.type}</td>
                      <td className="font-mono text-xs">{text(network.network_name)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          )}
        </>
      )}
    </section>
  );
}

function KeyValues({ title, entries }: { title: string; entries: Record<string, string> }) {
  const t = useTranslations("adoption.detail");
  const sorted = Object.entries(entries).sort(([a], [b]) => a.localeCompare(b));
  return (
    <div className="mb-4">
      <h4 className="mb-1 text-sm font-medium text-ink-muted">{title}</h4>
      {sorted.length === 0 ? (
        <p className="text-sm text-ink-muted">{t("noEntries")}</p>
      ) : (
        <ul aria-label={title} className="flex flex-col gap-1 font-mono text-xs">
          {sorted.map(([key, value]) => (
            <li key={key} className="break-all rounded bg-canvas px-2 py-1">
              <span className="text-ink-muted">{key}=</span>
              {value}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function ProposedSection({ item }: { item: PendingAdoptionDetailView }) {
  const t = useTranslations("adoption.detail.proposed");
  const tInbox = useTranslations("adoption.inbox");
  const none = tInbox("none");
  const p = item.proposed;
  return (
    <section
      aria-labelledby="adoption-proposed"
      data-proposed={p ? "yes" : "no"}
      className="min-w-0 rounded-md border border-accent/30 bg-accent-soft/40 p-4"
    >
      <h3 id="adoption-proposed" className="mb-2 font-semibold">
        {t("heading")}
      </h3>
      {p ? (
        <Facts>
          <Fact term={t("name")}>{p.name}</Fact>
          <Fact term={t("namespace")}>{p.namespace}</Fact>
          <Fact term={t("cluster")}>{item.cluster_name}</Fact>
          <Fact term={t("system")}>{p.system}</Fact>
          <Fact term={t("service")}>{p.service}</Fact>
          <Fact term={t("instance")}>{p.instance ?? none}</Fact>
          <Fact term={t("createdBy")}>{p.created_by ?? none}</Fact>
          <Fact term={t("ticket")}>{p.ticket_id ?? none}</Fact>
          <Fact term={t("hostname")}>{p.hostname ?? none}</Fact>
          <Fact term={t("nextIndex")}>
            <span data-next-index>{p.next_instance_index_after}</span>
          </Fact>
        </Facts>
      ) : (
        <p className="text-sm text-ink-muted">{t("unavailable")}</p>
      )}
    </section>
  );
}
