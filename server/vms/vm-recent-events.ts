/**
 * The recent Kubernetes Events of a VM and its objects (VM, VMI, migrations, snapshots, restores, clones), for
 * the VM page: the Events the worker caches (kind `Event`, only those about KubeVirt objects), newest first.
 */
import "server-only";
import type { VmEventView } from "@/lib/vms/vm-views";
import { listVmEvents, type VmEventsQuery } from "../cache/cached-vm-events";
import type { PrismaClient } from "../db/prisma";

export type { VmEventsQuery };

export async function listRecentVmEvents(prisma: PrismaClient, query: VmEventsQuery): Promise<VmEventView[]> {
  const events = await listVmEvents(prisma, query);
  return events.map((e) => ({
    type: e.type,
    reason: e.reason,
    message: e.message,
    object_kind: e.involvedObject.kind,
    object_name: e.involvedObject.name,
    count: e.count,
    last_seen: (e.lastSeen ?? e.firstSeen)?.toISOString() ?? null,
  }));
}
