/**
 * The recent Kubernetes Events of one VM, read from the watcher-owned cache (kind Event, see
 * watched-resources.ts): one query over cached_resources that matches each Event's involved object (vm_name =
 * involvedObject.name, plus its kind) against the objects the caller names — the VM itself, its VMI, and its
 * migrations, snapshots, restores and clones. Newest first by the time each Event was last seen
 * (k8s_created_at, see cached-columns.ts); within one second (the API's timestamp granularity) the order is the
 * Event name's, which is only deterministic, not chronological.
 */
import "server-only";
import type { KubeEvent } from "@/lib/domain/kube-event";
import type { PrismaClient } from "../db/prisma";
import { mapKubeEvent } from "../provider/kubevirt/mapper-event";

export interface VmEventsQuery {
  clusterId: string;
  namespace: string;
  /** The involved objects, e.g. {kind: "VirtualMachine", name}, {kind: "VirtualMachineInstance", name}. */
  objects: readonly { kind: string; name: string }[];
  /** At most this many Events (clamped to 1…500). */
  limit: number;
}

export const MAX_VM_EVENTS = 500;

const SQL = `
SELECT object FROM cached_resources
WHERE cluster_id = $1 AND kind = 'Event'::"ResourceKind" AND namespace = $2
  AND (vm_name, object->'involvedObject'->>'kind') IN (
    SELECT x.name, x.kind FROM jsonb_to_recordset($3::jsonb) AS x(kind text, name text))
ORDER BY k8s_created_at DESC NULLS LAST, name DESC
LIMIT $4`;

export async function listVmEvents(prisma: PrismaClient, query: VmEventsQuery): Promise<KubeEvent[]> {
  const objects = query.objects.filter((o) => o.kind !== "" && o.name !== "");
  if (objects.length === 0) return [];
  const limit = Math.min(MAX_VM_EVENTS, Math.max(1, Math.floor(query.limit)));
  const rows = await prisma.$queryRawUnsafe<{ object: unknown }[]>(
    SQL,
    query.clusterId,
    query.namespace,
    JSON.stringify(objects.map((o) => ({ kind: o.kind, name: o.name }))),
    limit,
  );
  return rows.map((r) => mapKubeEvent(r.object));
}
