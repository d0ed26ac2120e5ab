/**
 * The command path of every VM verb (issue 12 §3), shared by the one-file-per-verb use cases:
 *
 *   scope (VM_NOT_FOUND, 404) → governed (VM_NOT_GOVERNED) → the verb's own input checks → allowed in the
 *   cached state (vm-action-availability.ts, throwing its reason) → cluster writable (503 CLUSTER_REBUILDING /
 *   CLUSTER_UNHEALTHY) → approval policy (environment: the namespace's registered one, else the cluster's) →
 *   one transaction: either the event PROCESSING + its job (202 {task_id}), or the event PENDING + a
 *   PENDING_APPROVAL ticket (202 {ticket_id, event_id}); `vm.request` audited and the task notice sent on
 *   commit, either way.
 *
 * Duplicates are refused atomically by the `dedupe_key` partial unique index (one unfinished event per VM and
 * verb): the losing transaction rolls back whole, and the existing task or ticket is looked up afterwards for
 * the 409 (VM_OPERATION_IN_PROGRESS / DUPLICATE_PENDING_REQUEST). Nothing here calls a cluster.
 */
import "server-only";
import { AppError } from "@/lib/errors/app-error";
import type { ErrorCode } from "@/lib/errors/codes";
import { duplicateOf, type VmActionTarget, vmActionRefusal } from "@/lib/vms/vm-action-availability";
import { VM_ACTION_OPERATION, type VmAction, type VmActionInput } from "@/lib/vms/vm-actions";
import {
  dedupeKey,
  requestedEventType,
  VM_AGGREGATE,
  VM_OPERATION_JOB,
  type VmOperationPayload,
} from "@/lib/vms/vm-operation";
import type { CodedError, VmActionAccepted } from "@/lib/vms/vm-views";
import { type AuditActor, recordAudit } from "../audit/record-audit";
import { requireRole } from "../auth/require-role";
import type { SessionUser } from "../auth/session";
import type { CacheService } from "../cache/cache-service";
import type { Prisma } from "../db/generated/prisma/client";
import type { PrismaClient } from "../db/prisma";
import { mapUniqueViolation } from "../db/unique-violation";
import { enqueueJob } from "../jobs/enqueue-job";
import { approvalByAction, loadVmFacts, type VmFacts } from "./load-vm-facts";
import { notifyTaskChanged } from "./notify-task-changed";
import { findVmInScope, vmScopeOf } from "./vm-scope";

export interface VmOperationDeps {
  prisma: PrismaClient;
  cache: Pick<CacheService, "getVMDetail" | "listVMObjects" | "assertClusterWritable">;
  now?: () => Date;
}

export interface VmOperationRequest<A extends VmAction> {
  user: SessionUser;
  actor: AuditActor;
  vmId: string;
  action: A;
  input: VmActionInput<A>;
}

/** What a verb adds to the shared path: its own checks and the payload fields it carries. */
export interface VerbPlan {
  target?: VmActionTarget;
  payload?: Pick<VmOperationPayload, "snapshot" | "migration">;
}

export type PlanVerb<A extends VmAction> = (facts: VmFacts, input: VmActionInput<A>, now: Date) => VerbPlan;

/** A burst of requests may queue for a pooled connection longer than Prisma's 2 s default; the work is short. */
const TX_OPTIONS = { maxWait: 10_000, timeout: 10_000 };

export function throwCoded(error: CodedError): never {
  throw new AppError(error.code as ErrorCode, error.params as never);
}

export async function requestVmOperation<A extends VmAction>(
  deps: VmOperationDeps,
  request: VmOperationRequest<A>,
  plan: PlanVerb<A> = () => ({}),
): Promise<VmActionAccepted> {
  const { prisma, cache } = deps;
  const { user, action, input } = request;
  requireRole(user, "vm.operate");
  const row = await findVmInScope(prisma, vmScopeOf(user), request.vmId);
  const facts = await loadVmFacts(deps, row);
  const verb = plan(facts, input, (deps.now ?? (() => new Date()))());

  const facts_ = {
    vmId: row.id,
    vm: facts.state,
    cluster: { name: facts.cluster.name, enabledFeatures: facts.cluster.enabledFeatures, writeRefusal: null },
    unfinished: facts.unfinished,
    requiresApproval: {} as Record<VmAction, boolean>, // not consulted by the refusal
  };
  const refused = vmActionRefusal(facts_, action, verb.target);
  if (refused) throwCoded(refused);
  await cache.assertClusterWritable(facts.clusterId);

  const operation = VM_ACTION_OPERATION[action];
  const needsApproval = (await approvalByAction(prisma, facts.environment))[action];
  const reason = input.reason;
  const payload: VmOperationPayload = {
    action,
    vm_id: row.id,
    cluster_id: facts.clusterId,
    namespace: row.namespace,
    name: row.name,
    requested_by: user.id,
    ...verb.payload,
    ...(reason === undefined ? {} : { reason }),
  };
  const key = dedupeKey(payload);

  try {
    return await prisma.$transaction(async (tx) => {
      const event = await tx.domainEvent.create({
        data: {
          eventType: requestedEventType(action),
          aggregateType: VM_AGGREGATE,
          aggregateId: row.id,
          payload: payload as unknown as Prisma.InputJsonValue,
          status: needsApproval ? "PENDING" : "PROCESSING",
          createdBy: user.id,
          operation,
          dedupeKey: key,
        },
        select: { id: true },
      });
      let accepted: VmActionAccepted;
      if (needsApproval) {
        const ticket = await tx.approvalTicket.create({
          data: {
            eventId: event.id,
            operationType: operation,
            requester: user.id,
            resourceId: row.id,
            reason: reason ?? null,
            selectedClusterId: facts.clusterId,
          },
          select: { id: true },
        });
        accepted = { ticket_id: ticket.id, event_id: event.id, status: "PENDING_APPROVAL" };
      } else {
        await enqueueJob(tx, VM_OPERATION_JOB, { event_id: event.id });
        accepted = { task_id: event.id, status: "PROCESSING" };
      }
      await recordAudit(tx, {
        action: "vm.request",
        actor: request.actor,
        resource: { type: "vm", id: row.id, name: row.name },
        environment: facts.environment,
        details: {
          action,
          operation,
          task_id: event.id,
          ticket_id: "ticket_id" in accepted ? accepted.ticket_id : null,
          requires_approval: needsApproval,
          cluster_id: facts.clusterId,
          namespace: row.namespace,
          ...verb.payload,
          ...(reason === undefined ? {} : { reason }),
        },
      });
      await notifyTaskChanged(tx, { task_id: event.id, vm_id: row.id });
      return accepted;
    }, TX_OPTIONS);
  } catch (error) {
    const unique = mapUniqueViolation(error);
    if (unique?.params.fields.includes("dedupe_key"))
      throwCoded(await duplicateRefusal(prisma, row.id, action, key));
    throw error;
  }
}

/** The 409 of a request that lost the dedupe race, naming the unfinished task or ticket that won. */
async function duplicateRefusal(
  prisma: PrismaClient,
  vmId: string,
  action: VmAction,
  key: string,
): Promise<CodedError> {
  const existing = await prisma.domainEvent.findFirst({
    where: { dedupeKey: key, status: { in: ["PENDING", "PROCESSING"] } },
    select: { id: true, status: true, approvalTickets: { select: { id: true }, take: 1 } },
  });
  // The winner finished between the violation and this read: it is still the reason this one was refused.
  return duplicateOf(vmId, action, {
    status: existing?.status === "PENDING" ? "PENDING" : "PROCESSING",
    task_id: existing?.id ?? "",
    ticket_id: existing?.approvalTickets[0]?.id ?? null,
  });
}
