/**
 * Everything the command path and the VM page know about one governed VM, read once: its cached VM and VMI,
 * its snapshots, restores, clones and migrations (cached rows with vm_name = the VM), its cluster (name,
 * environment, detected feature gates), the environment the approval policy uses (the namespace's registered
 * environment when one exists, else the cluster's) and its unfinished tasks. No cluster call.
 */
import "server-only";
import { requiresApproval } from "@/lib/approvals/default-policies";
import type { Clone } from "@/lib/domain/clone";
import type { Environment } from "@/lib/domain/environment";
import type { Migration } from "@/lib/domain/migration";
import type { Restore, Snapshot } from "@/lib/domain/snapshot";
import { AppError } from "@/lib/errors/app-error";
import type { UnfinishedOperation, VmStateFacts } from "@/lib/vms/vm-action-availability";
import { VM_ACTION_OPERATION, VM_ACTIONS, type VmAction } from "@/lib/vms/vm-actions";
import { VM_AGGREGATE, VmOperationPayload } from "@/lib/vms/vm-operation";
import type { CachedVMDetail, CacheService } from "../cache/cache-service";
import type { PrismaClient } from "../db/prisma";
import { mapClone, mapMigration, mapRestore, mapSnapshot, mapVMI } from "../provider/kubevirt/mapper";

export interface VmFactsDeps {
  prisma: PrismaClient;
  cache: Pick<CacheService, "getVMDetail" | "listVMObjects">;
}

/** Where a VM is: its governance row's id (null for a VM Shepherd does not govern) and its coordinates. */
export interface VmLocation {
  id: string | null;
  name: string;
  namespace: string;
  clusterId: string | null;
}

export interface VmFacts {
  location: VmLocation;
  clusterId: string;
  cluster: { id: string; name: string; environment: Environment; enabledFeatures: string[] | null };
  environment: Environment;
  cached: CachedVMDetail;
  snapshots: Snapshot[];
  restores: Restore[];
  clones: Clone[];
  migrations: Migration[];
  unfinished: UnfinishedOperation[];
  state: VmStateFacts;
}

const FINISHED_MIGRATION = new Set(["SUCCEEDED", "FAILED", "UNKNOWN"]);

/**
 * The facts of a governed VM. VM_NOT_GOVERNED when its governance row names no cluster (Shepherd cannot tell
 * where it runs); VM_NOT_FOUND when its cluster is gone or disabled or the cache no longer holds it.
 */
export async function loadVmFacts(deps: VmFactsDeps, row: VmLocation): Promise<VmFacts> {
  const { prisma, cache } = deps;
  if (row.clusterId === null) throw new AppError("VM_NOT_GOVERNED", { name: row.name });
  const clusterId = row.clusterId;
  const [cluster, registered, cached, objects, events] = await Promise.all([
    prisma.cluster.findUnique({
      where: { id: clusterId },
      select: {
        id: true,
        name: true,
        enabled: true,
        environment: true,
        enabledFeatures: true,
        capabilitiesDetectedAt: true,
      },
    }),
    prisma.namespaceRegistry.findUnique({ where: { name: row.namespace }, select: { environment: true } }),
    cache.getVMDetail(clusterId, row.namespace, row.name),
    cache.listVMObjects(clusterId, row.namespace, row.name, [
      "VirtualMachineSnapshot",
      "VirtualMachineRestore",
      "VirtualMachineClone",
      "VirtualMachineInstanceMigration",
    ]),
    row.id === null ? [] : unfinishedEvents(prisma, row.id),
  ]);
  if (!cluster?.enabled || !cached)
    throw new AppError("VM_NOT_FOUND", { name: row.name, namespace: row.namespace });

  const ctx = { cluster: clusterId };
  const of = <T>(kind: string, map: (o: unknown, c: typeof ctx) => T): T[] =>
    objects.flatMap((o) => {
      if (o.kind !== kind) return [];
      try {
        return [map(o.object, ctx)];
      } catch {
        return []; // a malformed object is not shown; the watcher reports it
      }
    });
  const snapshots = of("VirtualMachineSnapshot", mapSnapshot);
  const migrations = of("VirtualMachineInstanceMigration", mapMigration);
  const vmi = cached.rawVmi === undefined ? undefined : safe(() => mapVMI(cached.rawVmi, ctx));
  const condition = (type: string) => vmi?.conditions.find((c) => c.type === type);
  const lm = condition("LiveMigratable");
  const active = migrations.find((m) => !FINISHED_MIGRATION.has(m.status));

  return {
    location: row,
    clusterId,
    cluster: {
      id: cluster.id,
      name: cluster.name,
      environment: cluster.environment,
      enabledFeatures: cluster.capabilitiesDetectedAt ? cluster.enabledFeatures : null,
    },
    environment: registered?.environment ?? cluster.environment,
    cached,
    snapshots,
    restores: of("VirtualMachineRestore", mapRestore),
    clones: of("VirtualMachineClone", mapClone),
    migrations,
    unfinished: events,
    state: {
      name: row.name,
      status: cached.vm.status,
      runStrategy: cached.vm.runStrategy ?? null,
      vmi: vmi
        ? {
            phase: vmi.phase,
            paused: condition("Paused")?.status === "True",
            liveMigratable: lm
              ? { status: lm.status, message: lm.message ?? null, reason: lm.reason ?? null }
              : null,
          }
        : null,
      activeMigration: active?.name ?? null,
      snapshots: snapshots.map((s) => ({ name: s.name, readyToUse: s.readyToUse })),
    },
  };
}

function safe<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}

/** The VM's PENDING / PROCESSING operation events, with their ticket. */
export async function unfinishedEvents(
  prisma: Pick<PrismaClient, "domainEvent">,
  vmId: string,
): Promise<UnfinishedOperation[]> {
  const rows = await prisma.domainEvent.findMany({
    where: { aggregateType: VM_AGGREGATE, aggregateId: vmId, status: { in: ["PENDING", "PROCESSING"] } },
    select: { id: true, status: true, payload: true, approvalTickets: { select: { id: true }, take: 1 } },
    orderBy: { createdAt: "desc" },
  });
  return rows.flatMap((r) => {
    const payload = VmOperationPayload.safeParse(r.payload);
    if (!payload.success) return [];
    return [
      {
        action: payload.data.action,
        ...(payload.data.snapshot === undefined ? {} : { snapshot: payload.data.snapshot }),
        task_id: r.id,
        ticket_id: r.approvalTickets[0]?.id ?? null,
        status: r.status as "PENDING" | "PROCESSING",
      },
    ];
  });
}

/** The policy's answer for every verb in one environment, from the enabled `approval_policies` rows. */
export async function approvalByAction(
  prisma: Pick<PrismaClient, "approvalPolicy">,
  environment: Environment,
): Promise<Record<VmAction, boolean>> {
  const policies = await prisma.approvalPolicy.findMany({
    where: { enabled: true },
    select: { environment: true, operation: true, requiresApproval: true, priority: true, enabled: true },
  });
  return Object.fromEntries(
    VM_ACTIONS.map((a) => [a, requiresApproval(policies, environment, VM_ACTION_OPERATION[a])]),
  ) as Record<VmAction, boolean>;
}
