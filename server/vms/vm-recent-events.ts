/**
 * The recent Kubernetes Events of a VM and its objects, for the VM page. The cached Events (kind `Event`) and
 * their reader (`listVmEvents(prisma, {clusterId, namespace, objects, limit})` in
 * server/cache/cached-vm-events.ts) are being added by another engineer; until that lands this answers no
 * events. NOTE for the lead: connect it here — this is the only caller.
 */
import "server-only";
import type { VmEventView } from "@/lib/vms/vm-views";
import type { PrismaClient } from "../db/prisma";

export interface VmEventsQuery {
  clusterId: string;
  namespace: string;
  /** The objects whose events count: the VM, its VMI, migrations, snapshots, restores, clones. */
  objects: { kind: string; name: string }[];
  limit: number;
}

export async function listRecentVmEvents(
  _prisma: PrismaClient,
  _query: VmEventsQuery,
): Promise<VmEventView[]> {
  return [];
}
