// Query keys and options for the system status. Keys come from one factory so invalidation by prefix
// (`systemKeys.all`) always matches what the components subscribed to.
import { queryOptions } from "@tanstack/react-query";
import { requestJson } from "@/components/api/request-json";
import type { SystemStatus } from "@/lib/system/system-status-view";

export const systemKeys = {
  all: ["system"] as const,
  status: () => [...systemKeys.all, "status"] as const,
};

/** Often enough that a stopped worker shows within seconds, rare enough to cost nothing. */
export const SYSTEM_STATUS_POLL_MS = 5_000;

export function fetchSystemStatus(signal?: AbortSignal): Promise<SystemStatus> {
  return requestJson<SystemStatus>("GET", "/api/v1/system/status", undefined, signal);
}

export function systemStatusQueryOptions() {
  return queryOptions({
    queryKey: systemKeys.status(),
    queryFn: ({ signal }) => fetchSystemStatus(signal),
    refetchInterval: SYSTEM_STATUS_POLL_MS,
  });
}
