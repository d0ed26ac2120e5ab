// Query keys, fetchers and calls of the VM pages: the list, one VM's detail, its tasks, VM actions, and the
// caller's requests. Keys come from one factory so live notices invalidate by prefix exactly what the pages
// subscribed to (STYLE item 15).
import { queryOptions } from "@tanstack/react-query";
import { ApiRequestError, requestJson } from "@/components/api/request-json";
import type { CacheChangeNotice } from "@/lib/cache/cache-change-notice";
import type { PaginationView } from "@/lib/pagination";
import type { TaskChangeNotice } from "@/lib/vms/task-change-notice";
import type { VmAction, VmActionInput } from "@/lib/vms/vm-actions";
import { type VmListParams, vmListSearchParams } from "@/lib/vms/vm-list-params";
import type { VmListPage } from "@/lib/vms/vm-list-view";
import type { RequestListItem, TaskView, VmActionAccepted, VmDetail } from "@/lib/vms/vm-views";

export const vmKeys = {
  all: ["vms"] as const,
  lists: () => [...vmKeys.all, "list"] as const,
  list: (params: VmListParams) => [...vmKeys.lists(), vmListSearchParams(params).toString()] as const,
  details: () => [...vmKeys.all, "detail"] as const,
  detail: (id: string) => [...vmKeys.details(), id] as const,
  tasks: () => [...vmKeys.all, "task"] as const,
  task: (id: string) => [...vmKeys.tasks(), id] as const,
};

export interface RequestListParams {
  page: number;
  per_page: number;
}

export const DEFAULT_REQUEST_LIST_PARAMS: RequestListParams = { page: 1, per_page: 25 };

export const requestKeys = {
  all: ["requests"] as const,
  lists: () => [...requestKeys.all, "list"] as const,
  list: (params: RequestListParams) => [...requestKeys.lists(), params.page, params.per_page] as const,
};

/** The kinds of cached object whose changes show in the VM list (status comes from the VMI, too). */
const VM_LIST_KINDS = new Set(["VirtualMachine", "VirtualMachineInstance"]);

/** A change notice (`/api/events`, event `cache`) as the browser receives it. */
export type CacheNotice = CacheChangeNotice;

/** Whether a notice can change what a VM list shows. */
export function affectsVmLists(notice: CacheNotice): boolean {
  return notice.kinds.some((k) => VM_LIST_KINDS.has(k));
}

/**
 * Whether a cache notice can change a VM's detail page: any kind (its snapshots, migrations, events … are
 * cached objects too) in its cluster, and in its namespace unless the notice names none (`null`: any).
 */
export function affectsVmDetail(
  notice: CacheNotice,
  vm: { cluster_id: string; namespace: string } | undefined,
): boolean {
  if (!vm || notice.cluster !== vm.cluster_id) return false;
  return notice.namespaces === null || notice.namespaces.includes(vm.namespace);
}

/** Whether a task notice (`/api/events`, event `task`) is about this VM. */
export function affectsVmTasks(notice: TaskChangeNotice, vmId: string): boolean {
  return notice.vm_id === vmId;
}

const notFoundIsFinal = (count: number, error: unknown) =>
  !(error instanceof ApiRequestError && error.status === 404) && count < 1;

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

const vmUrl = (id: string) => `/api/v1/vms/${encodeURIComponent(id)}`;

export function vmDetailQueryOptions(id: string) {
  return queryOptions({
    queryKey: vmKeys.detail(id),
    queryFn: ({ signal }) => requestJson<VmDetail>("GET", vmUrl(id), undefined, signal),
    // A VM that is not there (or not the caller's) stays so; other failures get one retry.
    retry: notFoundIsFinal,
  });
}

export function taskQueryOptions(id: string) {
  return queryOptions({
    queryKey: vmKeys.task(id),
    queryFn: ({ signal }) =>
      requestJson<TaskView>("GET", `/api/v1/tasks/${encodeURIComponent(id)}`, undefined, signal),
    retry: notFoundIsFinal,
  });
}

/** Whether a task has reached its outcome (nothing more will change). */
export function isTaskFinished(task: Pick<TaskView, "status">): boolean {
  return task.status === "COMPLETED" || task.status === "FAILED" || task.status === "CANCELLED";
}

/** Asks for a verb on a VM: 202 with the task to follow or the ticket it became; refusals throw. */
export function runVmAction<A extends VmAction>(
  id: string,
  action: A,
  input: VmActionInput<A>,
): Promise<VmActionAccepted> {
  return requestJson<VmActionAccepted>("POST", `${vmUrl(id)}/${action}`, input);
}

export interface RequestListPage {
  items: RequestListItem[];
  pagination: PaginationView;
}

export function requestListSearch(params: RequestListParams): string {
  return new URLSearchParams({ page: String(params.page), per_page: String(params.per_page) }).toString();
}

export function requestListQueryOptions(params: RequestListParams) {
  return queryOptions({
    queryKey: requestKeys.list(params),
    queryFn: ({ signal }) =>
      requestJson<RequestListPage>("GET", `/api/v1/requests?${requestListSearch(params)}`, undefined, signal),
  });
}

/** Withdraws one of the caller's pending requests (204). */
export function cancelRequest(ticketId: string): Promise<void> {
  return requestJson("POST", `/api/v1/approvals/${encodeURIComponent(ticketId)}/cancel`);
}
