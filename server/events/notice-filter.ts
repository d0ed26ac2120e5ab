/**
 * Which change notices a subscriber may receive, and in what form — by the one VM scope (server/vms/vm-scope.ts).
 *
 * Cache notices: admins get every notice as it is. A user gets a notice only when it touches a namespace (of
 * that cluster) holding a governed VM of their services (the `vms` rows, never cluster labels), with the
 * namespace list cut down to those: another team's namespace names never reach them. A notice for "any
 * namespace" (null) reaches every user; it names nothing. The visible namespaces are read once at
 * subscription and then learnt as notices name new ones (one small indexed query per unknown namespace set).
 * Once learnt, a namespace stays visible for the subscription, so the deletion of a user's last VM there is
 * still announced to them.
 *
 * Task notices (`{task_id, vm_id}`, lib/vms/task-change-notice.ts): relayed when the VM is in scope.
 */
import "server-only";
import type { TaskChangeNotice } from "@/lib/vms/task-change-notice";
import type { CacheService } from "../cache/cache-service";
import type { CacheChangeNotice } from "../cache/change-notifier";
import type { PrismaClient } from "../db/prisma";
import { canSeeVm, type VmScope } from "../vms/vm-scope";

export type NoticeFilter = (notice: CacheChangeNotice) => Promise<CacheChangeNotice | undefined>;

export async function createNoticeFilter(
  cache: Pick<CacheService, "governedNamespaces">,
  scope: VmScope,
): Promise<NoticeFilter> {
  if (scope.kind === "all") return async (notice) => notice;
  const { userId } = scope;

  const known = new Map<string, Set<string>>();
  const learn = (rows: { clusterId: string; namespace: string }[]) => {
    for (const { clusterId, namespace } of rows) {
      let set = known.get(clusterId);
      if (!set) {
        set = new Set();
        known.set(clusterId, set);
      }
      set.add(namespace);
    }
  };
  learn(await cache.governedNamespaces(userId));

  return async (notice) => {
    if (notice.namespaces === null) return notice;
    const visible = known.get(notice.cluster);
    const unknown = notice.namespaces.filter((ns) => !visible?.has(ns));
    if (unknown.length > 0)
      learn(await cache.governedNamespaces(userId, { clusterId: notice.cluster, namespaces: unknown }));
    const now = known.get(notice.cluster);
    const namespaces = notice.namespaces.filter((ns) => now?.has(ns));
    return namespaces.length > 0 ? { ...notice, namespaces } : undefined;
  };
}

/** True when the task notice's VM is in the subscriber's scope (admins: always, without a query). */
export function taskNoticeVisible(
  prisma: Pick<PrismaClient, "vm">,
  scope: VmScope,
  notice: TaskChangeNotice,
): Promise<boolean> {
  return canSeeVm(prisma, scope, notice.vm_id);
}

export type TaskNoticeFilter = (notice: TaskChangeNotice) => Promise<boolean>;

/** `taskNoticeVisible` bound to one subscription. */
export function createTaskNoticeFilter(prisma: Pick<PrismaClient, "vm">, scope: VmScope): TaskNoticeFilter {
  return (notice) => taskNoticeVisible(prisma, scope, notice);
}
