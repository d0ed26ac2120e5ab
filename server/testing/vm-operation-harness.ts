// Test helpers for VM operation jobs: a governed VM row, and a requested operation written the way the web
// use cases write it (a PROCESSING domain event + its job in one transaction, or an APPROVED ticket too).
import { TicketStatus } from "@/lib/approvals/ticket-status";
import { VM_ACTION_OPERATION, type VmAction } from "@/lib/vms/vm-actions";
import {
  dedupeKey,
  requestedEventType,
  VM_AGGREGATE,
  VM_OPERATION_JOB,
  type VmOperationPayload,
} from "@/lib/vms/vm-operation";
import type { PrismaClient } from "../db/prisma";
import { enqueueJob } from "../jobs/enqueue-job";

export interface GovernedVm {
  id: string;
  name: string;
  namespace: string;
  clusterId: string;
  serviceId: string;
}

/** A `vms` row (status RUNNING) in service `system/service`, both created when missing. */
export async function createGovernedVm(
  prisma: PrismaClient,
  vm: {
    clusterId: string;
    namespace: string;
    name: string;
    system: string;
    service: string;
    instance?: string;
  },
): Promise<GovernedVm> {
  const system = await prisma.system.upsert({
    where: { name: vm.system },
    create: { name: vm.system },
    update: {},
  });
  const service = await prisma.service.upsert({
    where: { systemId_name: { systemId: system.id, name: vm.service } },
    create: { systemId: system.id, name: vm.service },
    update: {},
  });
  const row = await prisma.vm.create({
    data: {
      name: vm.name,
      namespace: vm.namespace,
      clusterId: vm.clusterId,
      serviceId: service.id,
      status: "RUNNING",
      hostname: vm.name,
      ...(vm.instance ? { instance: vm.instance } : {}),
    },
  });
  return {
    id: row.id,
    name: row.name,
    namespace: row.namespace,
    clusterId: vm.clusterId,
    serviceId: service.id,
  };
}

export interface RequestOptions {
  action: VmAction;
  requestedBy: string;
  snapshot?: string;
  migration?: string;
  /** The event's status (default PROCESSING); a CANCELLED one shows a job that must not act. */
  status?: "PROCESSING" | "CANCELLED";
  /** Also an APPROVED ticket, as an approval would leave it (issue 14). */
  approved?: boolean;
}

/** Writes a requested VM operation and enqueues its job in one transaction; returns the event (task) id. */
export async function requestVmOperation(
  prisma: PrismaClient,
  vm: GovernedVm,
  opts: RequestOptions,
): Promise<string> {
  const payload: VmOperationPayload = {
    action: opts.action,
    vm_id: vm.id,
    cluster_id: vm.clusterId,
    namespace: vm.namespace,
    name: vm.name,
    requested_by: opts.requestedBy,
    ...(opts.snapshot ? { snapshot: opts.snapshot } : {}),
    ...(opts.migration ? { migration: opts.migration } : {}),
  };
  const status = opts.status ?? "PROCESSING";
  return prisma.$transaction(async (tx) => {
    const event = await tx.domainEvent.create({
      data: {
        eventType: requestedEventType(opts.action),
        aggregateType: VM_AGGREGATE,
        aggregateId: vm.id,
        payload,
        status,
        createdBy: opts.requestedBy,
        operation: VM_ACTION_OPERATION[opts.action],
        dedupeKey: dedupeKey(payload),
      },
    });
    if (opts.approved)
      await tx.approvalTicket.create({
        data: {
          eventId: event.id,
          operationType: VM_ACTION_OPERATION[opts.action],
          status: TicketStatus.APPROVED,
          requester: opts.requestedBy,
          resourceId: vm.id,
        },
      });
    await enqueueJob(tx, VM_OPERATION_JOB, { event_id: event.id });
    return event.id;
  });
}
