"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
// Capabilities an admin declares by hand (hardware detection cannot see, say, a GPU behind a custom device
// plugin). Shown and edited apart from detected ones; detection never overwrites them. The server validates
// each token (SPEC §14.4 spelling) and answers with a translated code when one is not a capability.
import { asApiRequestError } from "@/components/api/request-json";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/input-class";
import { Spinner } from "@/components/ui/spinner";
import { StatusPill } from "@/components/ui/status-pill";
import { formatCapabilityTokens, parseCapabilityTokens } from "@/lib/clusters/capability-tokens";
import type { ClusterDetailView } from "@/lib/clusters/cluster-views";
import { useErrorMessage } from "@/lib/i18n/use-error-message";
import { Section } from "./cluster-capability-sections";
import { clusterKeys, setDeclaredCapabilities } from "./cluster-queries";
import { FormField } from "./form-field";

export function DeclaredCapabilitiesEditor({ cluster }: { cluster: ClusterDetailView }) {
  const t = useTranslations("adminClusters.detail.declared");
  const format = useFormatter();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const declared = cluster.declared;
  // What the admin typed, while it differs from the saved values; until then (and after a save) the form
  // shows the cluster's, so a refetch updates an untouched form and never overwrites one being edited.
  const [draft, setDraft] = useState<{ text: string; note: string } | null>(null);
  const text = draft?.text ?? formatCapabilityTokens(declared.capabilities);
  const note = draft?.note ?? declared.note ?? "";
  const edit = (change: Partial<{ text: string; note: string }>) => setDraft({ text, note, ...change });
  const save = useMutation({
    mutationFn: () =>
      setDeclaredCapabilities(cluster.id, parseCapabilityTokens(text), note.trim() || undefined),
    onSuccess: (detail) => {
      queryClient.setQueryData(clusterKeys.detail(cluster.id), detail);
      setDraft(null);
      void queryClient.invalidateQueries({ queryKey: clusterKeys.lists() });
    },
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    save.mutate();
  };

  return (
    <Section id="declared" title={t("heading")} intro={t("intro")}>
      <div className="mb-4 flex flex-col gap-2">
        {declared.capabilities.length === 0 ? (
          <p className="text-sm text-ink-muted">{t("none")}</p>
        ) : (
          <ul aria-label={t("heading")} className="flex flex-wrap gap-2">
            {declared.capabilities.map((c) => (
              <li
                key={c}
                data-declared={c}
                className="flex items-center gap-1.5 rounded-md border border-dashed border-accent/50 px-2 py-1 text-sm"
              >
                <span className="font-mono text-xs">{c}</span>
                <StatusPill tone="info">{t("badge")}</StatusPill>
              </li>
            ))}
          </ul>
        )}
        {declared.updated_at ? (
          <p className="text-xs text-ink-muted">
            {t("updated", {
              time: format.dateTime(new Date(declared.updated_at), {
                dateStyle: "medium",
                timeStyle: "short",
              }),
              user: declared.updated_by ?? "—",
            })}
          </p>
        ) : null}
      </div>
      <form onSubmit={onSubmit} className="grid gap-3 sm:grid-cols-2">
        <FormField label={t("tokens")} hint={t("tokensHint")} invalid={save.isError}>
          {(control) => (
            <textarea
              {...control}
              value={text}
              onChange={(e) => {
                edit({ text: e.target.value });
                save.reset();
              }}
              rows={4}
              spellCheck={false}
              className={`${inputClass} font-mono text-xs`}
            />
          )}
        </FormField>
        <FormField label={t("note")} hint={t("noteHint")}>
          {(control) => (
            <input
              {...control}
              value={note}
              onChange={(e) => {
                edit({ note: e.target.value });
                save.reset();
              }}
              maxLength={500}
              className={inputClass}
            />
          )}
        </FormField>
        <div className="flex flex-wrap items-center gap-3 sm:col-span-2">
          <Button type="submit" disabled={save.isPending}>
            {save.isPending ? <Spinner /> : null}
            {t("save")}
          </Button>
          {save.isSuccess ? (
            <span role="status" className="text-sm text-ok">
              {t("saved")}
            </span>
          ) : null}
          {save.isError ? (
            <span role="alert" className="text-sm text-danger">
              {errorMessage(asApiRequestError(save.error))}
            </span>
          ) : null}
        </div>
      </form>
    </Section>
  );
}
