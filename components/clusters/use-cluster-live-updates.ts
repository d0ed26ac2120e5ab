"use client";

// Keeps the clusters page live over `/api/events`: a cluster notice (registered, updated, checked …) or a
// change of a cluster's cached VMs (its counts and cache status) refetches what the page shows — the list,
// or on a detail page only that cluster — coalesced so a burst costs one refetch at a time.
import { type LiveState, useCacheEvents } from "@/components/live/use-cache-events";
import { useCoalescedInvalidation } from "@/components/live/use-coalesced-invalidation";
import { affectsClusterView, clusterKeys } from "./cluster-queries";

/** `clusterId`: the detail page's cluster; omitted on the list. */
export function useClusterLiveUpdates(clusterId?: string): LiveState {
  const refetch = useCoalescedInvalidation(clusterId ? clusterKeys.detail(clusterId) : clusterKeys.lists());
  return useCacheEvents({
    onClusterNotice: (notice) => {
      if (affectsClusterView(notice, clusterId)) refetch();
    },
    onNotice: (notice) => {
      if (affectsClusterView(notice, clusterId)) refetch();
    },
    onResync: refetch,
  });
}
