// Query keys and options for VMs. Keys come from one factory so the live-update listener invalidates by
// prefix (`vmKeys.lists()`) exactly what the list components subscribed to (STYLE item 15).
import { queryOptions } from "@tanstack/react-query";
import { requestJson } from "@/components/api/request-json";
import type { CacheChangeNotice } from "@/lib/cache/cache-change-notice";
import { type VmListParams, vmListSearchParams } from "@/lib/vms/vm-list-params";
import type { VmListPage } from "@/lib/vms/vm-list-view";

export const vmKeys = {
  all: ["vms"] as const,
  lists: () => [...vmKeys.all, "list"] as const,
  list: (params: VmListParams) => [...vmKeys.lists(), vmListSearchParams(params).toString()] as const,
};

/** The kinds of cached object whose changes show in the VM list (status comes from the VMI, too). */
const VM_LIST_KINDS = new Set(["VirtualMachine", "VirtualMachineInstance"]);

/** A change notice (`/api/events`, event `cache`) as the browser receives it. */
export type CacheNotice = CacheChangeNotice;

/** Whether a notice can change what a VM list shows. */
export function affectsVmLists(notice: CacheNotice): boolean {
  return notice.kinds.some((k) => VM_LIST_KINDS.has(k));
}

export function fetchVmList(params: VmListParams, signal?: AbortSignal): Promise<VmListPage> {
  const query = vmListSearchParams(params).toString();
  return requestJson<VmListPage>("GET", `/api/v1/vms${query ? `?${query}` : ""}`, undefined, signal);
}

export function vmListQueryOptions(params: VmListParams) {
  return queryOptions({
    queryKey: vmKeys.list(params),
    queryFn: ({ signal }) => fetchVmList(params, signal),
  });
}
