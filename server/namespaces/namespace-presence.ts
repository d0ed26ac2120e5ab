/**
 * On which clusters each registered namespace is known to exist. The worker does not watch Namespace objects,
 * and pages never call clusters (provider contract: pages read the cache), so presence comes from what
 * Shepherd already holds: cached VirtualMachines in that namespace, and successful "create on cluster" calls
 * (audit `namespace.create`, outcome success, which also covers "already existed"). A namespace someone made
 * by hand and left empty is therefore not shown until it holds a VM or is "created" through Shepherd, which
 * answers "already exists" without a second create.
 */
import "server-only";
import type { NamespacePresenceView } from "@/lib/namespaces/namespace-views";
import type { PrismaClient } from "../db/prisma";

export const NAMESPACE_AUDIT_RESOURCE = "namespace";

export async function namespacePresence(
  prisma: PrismaClient,
  namespaces: readonly { id: string; name: string }[],
): Promise<Map<string, NamespacePresenceView[]>> {
  const out = new Map<string, NamespacePresenceView[]>(namespaces.map((n) => [n.id, []]));
  if (namespaces.length === 0) return out;
  const names = namespaces.map((n) => n.name);
  const ids = namespaces.map((n) => n.id);
  const [cached, created, clusters] = await Promise.all([
    prisma.$queryRaw<{ cluster_id: string; namespace: string; vms: bigint }[]>`
      SELECT cluster_id, namespace, count(*) AS vms FROM cached_resources
      WHERE kind = 'VirtualMachine' AND namespace = ANY(${names}::text[])
      GROUP BY cluster_id, namespace`,
    prisma.$queryRaw<{ resource_id: string; cluster_id: string }[]>`
      SELECT DISTINCT resource_id, details->>'cluster_id' AS cluster_id FROM audit_logs
      WHERE resource_type = ${NAMESPACE_AUDIT_RESOURCE} AND resource_id = ANY(${ids}::text[])
        AND action = 'namespace.create' AND outcome = 'success'`,
    prisma.cluster.findMany({ select: { id: true, name: true } }),
  ]);
  const clusterName = new Map(clusters.map((c) => [c.id, c.name]));
  const idByName = new Map(namespaces.map((n) => [n.name, n.id]));
  const cells = new Map<string, NamespacePresenceView>();
  const cell = (nsId: string, clusterId: string): NamespacePresenceView | undefined => {
    const name = clusterName.get(clusterId);
    if (name === undefined) return undefined; // a deleted cluster's audit rows
    const key = `${nsId}/${clusterId}`;
    let view = cells.get(key);
    if (!view) {
      view = { cluster_id: clusterId, cluster_name: name, vm_count: 0, created_by_shepherd: false };
      cells.set(key, view);
      out.get(nsId)?.push(view);
    }
    return view;
  };
  for (const row of cached) {
    const nsId = idByName.get(row.namespace);
    const view = nsId ? cell(nsId, row.cluster_id) : undefined;
    if (view) view.vm_count = Number(row.vms);
  }
  for (const row of created) {
    const view = cell(row.resource_id, row.cluster_id);
    if (view) view.created_by_shepherd = true;
  }
  for (const list of out.values()) list.sort((a, b) => a.cluster_name.localeCompare(b.cluster_name));
  return out;
}
