/**
 * The VM page's data (`GET /api/v1/vms/{id}`, VmDetail in lib/vms/vm-views.ts): the cached VM and VMI
 * (status, conditions, addresses, node, guest OS, agent), its snapshots, restores, clones and migrations,
 * its recent events, its tickets and tasks from the database, the cluster's cache freshness, and every verb
 * with whether it is allowed now and whether it needs approval. Scope as everywhere (vm-scope.ts): out of
 * scope or unknown → VM_NOT_FOUND.
 *
 * A VM Shepherd does not govern has no id: admins reach it by (cluster, namespace, name) through
 * `getUngovernedVmDetail` (governed: false, its pending adoption item, no actions); anyone else gets 404.
 */
import "server-only";
import { AppError } from "@/lib/errors/app-error";
import type { ErrorCode } from "@/lib/errors/codes";
import { vmActionAvailability } from "@/lib/vms/vm-action-availability";
import type { VmAction } from "@/lib/vms/vm-actions";
import { VM_AGGREGATE } from "@/lib/vms/vm-operation";
import type { TaskView, TicketSummary, VmActionState, VmCondition, VmDetail } from "@/lib/vms/vm-views";
import { requireRole } from "../auth/require-role";
import type { SessionUser } from "../auth/session";
import type { CacheService } from "../cache/cache-service";
import type { PrismaClient } from "../db/prisma";
import { approvalByAction, loadVmFacts, type VmFacts, type VmLocation } from "./load-vm-facts";
import { taskViewSelect, toTaskView } from "./task-view";
import { toTicketSummary } from "./ticket-summary";
import { listRecentVmEvents } from "./vm-recent-events";
import { findVmInScope, type ScopedVm, vmScopeOf } from "./vm-scope";

export interface VmDetailDeps {
  prisma: PrismaClient;
  cache: Pick<CacheService, "getVMDetail" | "listVMObjects" | "assertClusterWritable" | "getCacheStatus">;
}

const RECENT = 20;
const EVENTS = 50;

export async function getVmDetail(deps: VmDetailDeps, user: SessionUser, vmId: string): Promise<VmDetail> {
  requireRole(user, "vm.read");
  const row = await findVmInScope(deps.prisma, vmScopeOf(user), vmId);
  const facts = await loadVmFacts(deps, row);
  return buildDetail(deps, facts, row);
}

/** An admin's view of a cached VM without a governance row (a governed one answers its normal detail). */
export async function getUngovernedVmDetail(
  deps: VmDetailDeps,
  user: SessionUser,
  at: { clusterId: string; namespace: string; name: string },
): Promise<VmDetail> {
  requireRole(user, "vm.read");
  const notFound = new AppError("VM_NOT_FOUND", { name: at.name, namespace: at.namespace });
  if (user.role !== "admin") throw notFound;
  const governed = await deps.prisma.vm.findFirst({
    where: { namespace: at.namespace, name: at.name, clusterId: at.clusterId },
    select: { id: true },
  });
  if (governed) return getVmDetail(deps, user, governed.id);
  const location: VmLocation = { id: null, ...at };
  const facts = await loadVmFacts(deps, location);
  return buildDetail(deps, facts, null);
}

async function buildDetail(deps: VmDetailDeps, facts: VmFacts, row: ScopedVm | null): Promise<VmDetail> {
  const { prisma, cache } = deps;
  const { cached, clusterId } = facts;
  const vm = cached.vm;
  const vmi = readVmi(cached.rawVmi);
  const objects = [
    { kind: "VirtualMachine", name: vm.name },
    // Always: the events of past instances (ShuttingDown, Stopped …) outlive them.
    { kind: "VirtualMachineInstance", name: vm.name },
    ...facts.migrations.map((m) => ({ kind: "VirtualMachineInstanceMigration", name: m.name })),
    ...facts.snapshots.map((s) => ({ kind: "VirtualMachineSnapshot", name: s.name })),
    ...facts.restores.map((r) => ({ kind: "VirtualMachineRestore", name: r.name })),
    ...facts.clones.map((c) => ({ kind: "VirtualMachineClone", name: c.name })),
  ];
  const [cacheStatus, events, tickets, tasks, adoption, actions] = await Promise.all([
    cache.getCacheStatus(clusterId),
    listRecentVmEvents(prisma, { clusterId, namespace: vm.namespace, objects, limit: EVENTS }),
    row ? recentTickets(prisma, row.id) : Promise.resolve([]),
    row ? recentTasks(prisma, row.id) : Promise.resolve([]),
    row
      ? Promise.resolve(null)
      : prisma.pendingAdoption.findFirst({
          where: { clusterId, k8sUid: cached.uid, status: "PENDING" },
          select: { id: true },
        }),
    row ? actionsOf(deps, facts, row.id) : Promise.resolve({}),
  ]);

  return {
    id: row?.id ?? null,
    governed: row !== null,
    adoption_item_id: adoption?.id ?? null,
    cluster_id: clusterId,
    cluster_name: facts.cluster.name,
    namespace: vm.namespace,
    name: vm.name,
    environment: facts.environment,
    status: vm.status,
    raw_status: vm.rawStatus ?? null,
    status_reason: vm.statusReason ?? null,
    status_message: vm.statusMessage ?? null,
    run_strategy: vm.runStrategy ?? null,
    conditions: [...conditionsOf("vm", cached.rawVm), ...conditionsOf("vmi", cached.rawVmi)],
    ip_addresses: vmi.ips,
    node: vm.nodeName ?? null,
    guest_os: vmi.guestOs,
    agent_connected:
      cached.rawVmi === undefined
        ? null
        : conditionsOf("vmi", cached.rawVmi).some((c) => c.type === "AgentConnected" && c.status === "True"),
    cpu: vm.cpu,
    memory_mb: vm.memoryMb,
    instance_type: vm.instanceType ?? null,
    preference: vm.preference ?? null,
    labels: vm.labels ?? {},
    governance: row
      ? {
          system: row.service.system.name,
          service: row.service.name,
          service_id: row.serviceId,
          instance: row.instance,
          ticket_id: row.ticketId,
          created_by: row.createdBy,
        }
      : null,
    created_at: iso(vm.createdAt),
    snapshots: facts.snapshots.map((s) => ({
      name: s.name,
      status: s.status,
      ready_to_use: s.readyToUse,
      created_at: iso(s.createdAt),
      error_message: s.errorMessage ?? null,
    })),
    restores: facts.restores.map((r) => ({
      name: r.name,
      snapshot_name: r.snapshotName,
      status: r.status,
      complete: r.complete,
      created_at: iso(r.createdAt),
      error_message: r.errorMessage ?? null,
    })),
    clones: facts.clones.map((c) => ({
      name: c.name,
      source_kind: c.source.kind,
      source_name: c.source.name,
      target_name: c.targetVm || null,
      status: c.status,
      created_at: iso(c.createdAt),
    })),
    migrations: facts.migrations.map((m) => ({
      name: m.name,
      phase: m.status,
      source_node: m.sourceNode ?? null,
      target_node: m.targetNode ?? null,
      created_at: iso(m.createdAt),
      completed_at: m.completedAt ? iso(m.completedAt) : null,
      error_message: m.errorMessage ?? null,
    })),
    events,
    tickets,
    tasks,
    cache: { status: cacheStatus.status, last_synced_at: cacheStatus.lastSyncedAt?.toISOString() ?? null },
    actions,
  };
}

async function actionsOf(
  deps: VmDetailDeps,
  facts: VmFacts,
  vmId: string,
): Promise<Partial<Record<VmAction, VmActionState>>> {
  const writeRefusal = await deps.cache.assertClusterWritable(facts.clusterId).then(
    () => null,
    (error: unknown) => {
      if (error instanceof AppError)
        return { code: error.code as ErrorCode, params: error.params as Record<string, unknown> };
      throw error;
    },
  );
  return vmActionAvailability({
    vmId,
    vm: facts.state,
    cluster: { name: facts.cluster.name, enabledFeatures: facts.cluster.enabledFeatures, writeRefusal },
    unfinished: facts.unfinished,
    requiresApproval: await approvalByAction(deps.prisma, facts.environment),
  });
}

async function recentTickets(prisma: PrismaClient, vmId: string): Promise<TicketSummary[]> {
  const rows = await prisma.approvalTicket.findMany({
    where: { resourceId: vmId },
    orderBy: { createdAt: "desc" },
    take: RECENT,
  });
  return rows.map(toTicketSummary);
}

async function recentTasks(prisma: PrismaClient, vmId: string): Promise<TaskView[]> {
  const rows = await prisma.domainEvent.findMany({
    where: { aggregateType: VM_AGGREGATE, aggregateId: vmId },
    orderBy: { createdAt: "desc" },
    take: RECENT,
    select: taskViewSelect,
  });
  return rows.flatMap((r) => toTaskView(r) ?? []);
}

function iso(d: Date): string | null {
  return Number.isNaN(d.getTime()) || d.getTime() === 0 ? null : d.toISOString();
}

// --- raw VM/VMI reads the domain mappers do not carry (transition times, guest OS) --------------------------

function rec(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
const str = (value: unknown): string | null => (typeof value === "string" && value !== "" ? value : null);

function conditionsOf(source: "vm" | "vmi", raw: unknown): VmCondition[] {
  const list = rec(rec(raw).status).conditions;
  if (!Array.isArray(list)) return [];
  return list.flatMap((c) => {
    const type = str(rec(c).type);
    if (!type) return [];
    return [
      {
        source,
        type,
        status: str(rec(c).status) ?? "Unknown",
        reason: str(rec(c).reason),
        message: str(rec(c).message),
        last_transition_time: str(rec(c).lastTransitionTime),
      },
    ];
  });
}

function readVmi(raw: unknown): { ips: string[]; guestOs: VmDetail["guest_os"] } {
  if (raw === undefined) return { ips: [], guestOs: null };
  const status = rec(rec(raw).status);
  const ips = new Set<string>();
  for (const i of Array.isArray(status.interfaces) ? status.interfaces : []) {
    const primary = str(rec(i).ipAddress);
    if (primary) ips.add(primary);
    const all = rec(i).ipAddresses;
    for (const a of Array.isArray(all) ? all : []) if (str(a)) ips.add(a as string);
  }
  const os = rec(status.guestOSInfo);
  const guestOs =
    Object.keys(os).length === 0
      ? null
      : { name: str(os.prettyName) ?? str(os.name), version: str(os.version), kernel: str(os.kernelRelease) };
  return { ips: [...ips], guestOs };
}
