"use client";

// Keeps the adoption inbox live over `/api/events`: an adoption notice (a scan changed a cluster's inbox, or
// an admin decided an item — in this tab or anywhere else) refetches the lists, the open item and the scan
// summaries, coalesced so a burst costs one refetch at a time. The periodic refetch in queries.ts stays as
// the fallback for a stream that is down.
import { type LiveState, useCacheEvents } from "@/components/live/use-cache-events";
import { useCoalescedInvalidation } from "@/components/live/use-coalesced-invalidation";
import { adoptionKeys } from "./queries";

export function useAdoptionLiveUpdates(): LiveState {
  const refetch = useCoalescedInvalidation(adoptionKeys.all);
  return useCacheEvents({ onAdoptionNotice: refetch, onResync: refetch });
}
