// Query keys and options for the system status. Keys come from one factory so invalidation by prefix
// (`systemKeys.all`) always matches what the components subscribed to.
import { queryOptions } from "@tanstack/react-query";
import type { SystemStatus } from "@/server/system/system-status";

export const systemKeys = {
  all: ["system"] as const,
  status: () => [...systemKeys.all, "status"] as const,
};

/** Often enough that a stopped worker shows within seconds, rare enough to cost nothing. */
export const SYSTEM_STATUS_POLL_MS = 5_000;

/** A non-2xx answer from /api/v1, carrying the body's error code for translation. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    readonly params: Record<string, unknown> | undefined,
  ) {
    super(`HTTP ${status}${code ? ` ${code}` : ""}`);
    this.name = "ApiRequestError";
  }
}

export async function readErrorBody(
  response: Response,
): Promise<{ code?: string; params?: Record<string, unknown> }> {
  try {
    const body: unknown = await response.json();
    if (typeof body !== "object" || body === null) return {};
    const code = "code" in body && typeof body.code === "string" ? body.code : undefined;
    const params =
      "params" in body && typeof body.params === "object" && body.params !== null
        ? (body.params as Record<string, unknown>)
        : undefined;
    return { code, params };
  } catch {
    return {}; // not JSON (a proxy's HTML page, an empty 502): the UI shows its generic message
  }
}

export async function fetchSystemStatus(signal?: AbortSignal): Promise<SystemStatus> {
  const response = await fetch("/api/v1/system/status", {
    cache: "no-store",
    headers: { accept: "application/json" },
    signal,
  });
  if (!response.ok) {
    const { code, params } = await readErrorBody(response);
    throw new ApiRequestError(response.status, code, params);
  }
  return (await response.json()) as SystemStatus;
}

export function systemStatusQueryOptions() {
  return queryOptions({
    queryKey: systemKeys.status(),
    queryFn: ({ signal }) => fetchSystemStatus(signal),
    refetchInterval: SYSTEM_STATUS_POLL_MS,
  });
}
