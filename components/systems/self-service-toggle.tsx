"use client";

// The admin's switch for "self-service systems": when on, every user may create systems and services (and
// becomes a member of the services they create). The server checks the setting on every create.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { asApiRequestError } from "@/components/api/request-json";
import { Spinner } from "@/components/ui/spinner";
import { useErrorMessage } from "@/lib/i18n/use-error-message";
import { selfServiceQueryOptions, setSelfService, systemKeys } from "./system-queries";

export function SelfServiceToggle() {
  const t = useTranslations("systems.selfService");
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const query = useQuery(selfServiceQueryOptions());
  const mutation = useMutation({
    mutationFn: setSelfService,
    onSuccess: (setting) => queryClient.setQueryData(systemKeys.selfService(), setting),
  });
  const enabled = query.data?.enabled ?? false;
  return (
    <div className="flex flex-col gap-1 rounded-lg border border-line bg-surface px-4 py-3 text-sm">
      <label className="flex items-center gap-3 font-medium">
        <input
          type="checkbox"
          role="switch"
          aria-checked={enabled}
          checked={enabled}
          disabled={!query.data || mutation.isPending}
          onChange={(e) => mutation.mutate(e.target.checked)}
          className="size-4"
        />
        {t("label")}
        {mutation.isPending ? <Spinner /> : null}
      </label>
      <p className="text-ink-muted">{t("hint")}</p>
      {mutation.isError || query.isError ? (
        <p role="alert" className="text-danger">
          {errorMessage(asApiRequestError(mutation.error ?? query.error))}
        </p>
      ) : null}
    </div>
  );
}
