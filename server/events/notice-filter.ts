/**
 * Which change notices a subscriber may receive, and in what form. Admins get every notice as it is. A user
 * gets a notice only when it touches a namespace (of that cluster) holding VMs of their services, with the
 * namespace list cut down to those: another team's namespace names never reach them. A notice for "any
 * namespace" (null) reaches every user with at least one service.
 *
 * The visible namespaces are read once at subscription and then learnt as notices name new ones (one small
 * indexed query per unknown namespace set). Once learnt, a namespace stays visible for the subscription, so
 * the deletion of a user's last VM there is still announced to them.
 */
import "server-only";
import type { CacheService } from "../cache/cache-service";
import type { CacheChangeNotice } from "../cache/change-notifier";
import type { VmScope } from "../vms/vm-scope";

export type NoticeFilter = (notice: CacheChangeNotice) => Promise<CacheChangeNotice | undefined>;

export async function createNoticeFilter(
  cache: Pick<CacheService, "namespacesOfServices">,
  scope: VmScope,
): Promise<NoticeFilter> {
  if (scope.kind === "all") return async (notice) => notice;
  const { services } = scope;
  if (services.length === 0) return async () => undefined;

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
  learn(await cache.namespacesOfServices(services));

  return async (notice) => {
    if (notice.namespaces === null) return notice;
    const visible = known.get(notice.cluster);
    const unknown = notice.namespaces.filter((ns) => !visible?.has(ns));
    if (unknown.length > 0)
      learn(await cache.namespacesOfServices(services, { clusterId: notice.cluster, namespaces: unknown }));
    const now = known.get(notice.cluster);
    const namespaces = notice.namespaces.filter((ns) => now?.has(ns));
    return namespaces.length > 0 ? { ...notice, namespaces } : undefined;
  };
}
