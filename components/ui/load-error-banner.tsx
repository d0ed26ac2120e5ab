"use client";

// A list that failed to load or refresh: what failed, the server's reason when it sent a code (translated),
// and a retry button. Above the last loaded data when there is some, so the page stays usable.
import { ApiRequestError } from "@/components/api/request-json";
import { useErrorMessage } from "@/lib/i18n/use-error-message";
import { Button } from "./button";

export function LoadErrorBanner({
  message,
  query,
  retryLabel,
}: {
  /** What failed ("could not be loaded" / "could not be refreshed"). */
  message: string;
  /** The failed query (TanStack Query's result): its error, and the retry refetches it. */
  query: { error: unknown; isFetching: boolean; refetch: () => Promise<unknown> };
  retryLabel: string;
}) {
  const errorMessage = useErrorMessage();
  const failure = query.error instanceof ApiRequestError ? query.error : undefined;
  return (
    <div
      role="alert"
      className="flex flex-wrap items-center justify-between gap-3 rounded-md border border-danger/30 bg-danger-soft px-4 py-3 text-sm text-danger"
    >
      <p>
        {message}
        {failure?.code ? ` ${errorMessage(failure)}` : null}
      </p>
      <Button onClick={() => void query.refetch()} disabled={query.isFetching}>
        {retryLabel}
      </Button>
    </div>
  );
}
