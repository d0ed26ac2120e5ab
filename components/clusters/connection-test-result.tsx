"use client";

// What a connection test found, before anything is saved: status and translated reason (with the English
// detail), the API server, KubeVirt version, enabled features and warnings.
import { useTranslations } from "next-intl";
import { asApiRequestError } from "@/components/api/request-json";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import type { ConnectionTestView } from "@/lib/clusters/cluster-views";
import { useErrorMessage } from "@/lib/i18n/use-error-message";
import { ClusterStatusPill, HealthReason } from "./cluster-status";

/** The "Test connection" button with what the test found or why it failed: registration and rotation. */
export function ConnectionTest({
  test,
  onTest,
  disabled,
}: {
  test: { isPending: boolean; data?: ConnectionTestView; isError: boolean; error: unknown };
  onTest: () => void;
  disabled: boolean;
}) {
  const tc = useTranslations("adminClusters.connectionTest");
  const errorMessage = useErrorMessage();
  return (
    <>
      <div className="flex flex-wrap items-center gap-3">
        <Button onClick={onTest} disabled={disabled}>
          {test.isPending ? <Spinner /> : null}
          {test.isPending ? tc("testing") : tc("test")}
        </Button>
      </div>
      {test.data ? <ConnectionTestResult result={test.data} /> : null}
      {test.isError ? (
        <p role="alert" className="text-sm text-danger">
          {tc("failed")} {errorMessage(asApiRequestError(test.error))}
        </p>
      ) : null}
    </>
  );
}

export function ConnectionTestResult({ result }: { result: ConnectionTestView }) {
  const t = useTranslations("adminClusters.connectionTest");
  const common = useTranslations("adminClusters");
  return (
    <section
      aria-label={t("heading")}
      data-connection-test={result.status}
      className="rounded-md border border-line bg-canvas p-4 text-sm"
    >
      <h3 className="mb-2 font-semibold">{t("heading")}</h3>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-2">
        <dt className="text-ink-muted">{t("result")}</dt>
        <dd className="flex flex-col items-start gap-1">
          <ClusterStatusPill status={result.status} />
          {result.reason ? <HealthReason reason={result.reason} detail="inline" /> : null}
          <span className="text-xs text-ink-muted">{t("duration", { ms: result.duration_ms })}</span>
        </dd>
        <dt className="text-ink-muted">{t("server")}</dt>
        <dd className="font-mono text-xs break-all">{result.api_server_url}</dd>
        <dt className="text-ink-muted">{t("version")}</dt>
        <dd data-test-version>{result.kubevirt_version ?? common("none")}</dd>
        <dt className="text-ink-muted">{t("features")}</dt>
        <dd>
          {result.enabled_features.length === 0 ? (
            t("noFeatures")
          ) : (
            <ul className="flex flex-wrap gap-1.5">
              {result.enabled_features.map((f) => (
                <li key={f} className="rounded bg-accent-soft px-1.5 py-0.5 text-xs text-accent-strong">
                  {f}
                </li>
              ))}
            </ul>
          )}
        </dd>
        {result.warnings.length > 0 ? (
          <>
            <dt className="text-ink-muted">{t("warnings")}</dt>
            <dd>
              <ul className="flex flex-col gap-1">
                {result.warnings.map((w) => (
                  <li key={`${w.code}:${w.detail}`}>
                    <HealthReason reason={w} detail="inline" className="text-warn" />
                  </li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}
