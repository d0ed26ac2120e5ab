"use client";

// Keeps a VM's page live over `/api/events`: a cache notice of its cluster and namespace (the VM, its
// instance, snapshots, migrations, events …) refetches the detail; a task notice about this VM refetches the
// detail and the tasks the page follows. Coalesced, so a burst costs one refetch at a time.
import { type LiveState, useCacheEvents } from "@/components/live/use-cache-events";
import { useCoalescedInvalidation } from "@/components/live/use-coalesced-invalidation";
import { affectsVmDetail, affectsVmTasks, vmKeys } from "./queries";

export function useVmLiveUpdates(
  vmId: string,
  vm: { cluster_id: string; namespace: string } | undefined,
): LiveState {
  const refetchDetail = useCoalescedInvalidation(vmKeys.detail(vmId));
  const refetchTasks = useCoalescedInvalidation(vmKeys.tasks());
  return useCacheEvents({
    onNotice: (notice) => {
      if (affectsVmDetail(notice, vm)) refetchDetail();
    },
    onTaskNotice: (notice) => {
      if (!affectsVmTasks(notice, vmId)) return;
      refetchDetail();
      refetchTasks();
    },
    onResync: () => {
      refetchDetail();
      refetchTasks();
    },
  });
}
