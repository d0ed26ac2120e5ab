/**
 * The `vm-operation` job: executes one VM operation recorded as a domain event (claim-check: the job carries
 * only `event_id`).
 * 1. Load the event; one that is no longer PROCESSING (COMPLETED, FAILED, CANCELLED, or never approved) is
 *    left alone, so a duplicate or late job is harmless.
 * 2. An APPROVED ticket of the event moves to EXECUTING (conditional update).
 * 3. `assertClusterWritable`: while the cluster's cache rebuilds or the cluster is down, the job fails with a
 *    transient error and the queue retries it with backoff; it never writes blind.
 * 4. The verb's executor calls the provider, outside any transaction, idempotently (vm-operations/).
 * 5. One transaction records the outcome: event COMPLETED / FAILED (code + params), ticket SUCCESS / FAILED,
 *    verb-specific rows (delete: the governance row goes; a failed clone's reserved row is FAILED), the audit
 *    record `vm.<verb>` with outcome success|failure, and NOTIFY shepherd_tasks_changed.
 * Transient failures are rethrown for a retry until the job's last attempt, which records FAILED with the
 * last code; permanent ones are recorded at once (vm-operation-failure.ts).
 */
import "server-only";
import { assertTransition } from "@/lib/approvals/ticket-state-machine";
import { TicketStatus } from "@/lib/approvals/ticket-status";
import type { KubeVirtProvider } from "@/lib/domain/provider";
import { VmOperationPayload } from "@/lib/vms/vm-operation";
import { recordAudit } from "../audit/record-audit";
import type { CacheService } from "../cache/cache-service";
import type { Prisma } from "../db/generated/prisma/client";
import type { PrismaClient } from "../db/prisma";
import { notifyTaskChanged } from "../vms/notify-task-changed";
import type { JobContext } from "./job-registry";
import { classifyVmOperationFailure, type RecordedFailure, recordedFailureOf } from "./vm-operation-failure";
import type { VmOperationContext, VmOperationDetails } from "./vm-operations/vm-operation-executor";
import { VM_OPERATION_AUDIT_ACTION, VM_OPERATION_EXECUTORS } from "./vm-operations/vm-operation-executors";

export interface VmOperationJobDeps {
  prisma: PrismaClient;
  provider: KubeVirtProvider;
  cache: Pick<CacheService, "assertClusterWritable">;
  /**
   * Called after the provider call succeeded and before the outcome is recorded. Tests throw from it to
   * simulate a crash in between (the job is then retried and must not act twice).
   */
  afterProviderCall?: (info: { eventId: string; attempt: number }) => void | Promise<void>;
}

const SYSTEM_ACTOR = { kind: "system" } as const;

export async function executeVmOperation(
  deps: VmOperationJobDeps,
  eventId: string,
  job: JobContext,
): Promise<void> {
  const { prisma } = deps;
  const log = job.log.child({ event_id: eventId });
  const event = await prisma.domainEvent.findUnique({
    where: { id: eventId },
    select: { id: true, status: true, payload: true, createdAt: true },
  });
  if (!event) {
    log.warn("VM operation job for an event that does not exist; nothing to do");
    return;
  }
  if (event.status !== "PROCESSING") {
    log.info({ status: event.status }, "VM operation not run: its task is no longer processing");
    return;
  }
  const parsed = VmOperationPayload.safeParse(event.payload);
  if (!parsed.success) {
    log.error({ issues: parsed.error.issues }, "VM operation event payload is invalid");
    await recordOutcome(deps, eventId, undefined, undefined, {
      code: "INTERNAL",
      params: {},
      message: "the task's stored request could not be read",
    });
    return;
  }
  const payload = parsed.data;
  const opLog = log.child({ action: payload.action, vm: `${payload.namespace}/${payload.name}` });
  const ticket = await startTicket(prisma, eventId);

  let details: VmOperationDetails;
  try {
    await deps.cache.assertClusterWritable(payload.cluster_id);
    const ctx: VmOperationContext = {
      eventId,
      requestedAt: event.createdAt,
      payload,
      ticketId: ticket?.id,
      provider: deps.provider,
      prisma,
      retry: job.attempt > 1,
      signal: job.signal,
      log: opLog,
    };
    details = await VM_OPERATION_EXECUTORS[payload.action](ctx);
    await deps.afterProviderCall?.({ eventId, attempt: job.attempt });
  } catch (e) {
    if (job.signal.aborted) throw e; // shutting down: the job is released and runs again later
    const failure = recordedFailureOf(e);
    if (classifyVmOperationFailure(e) === "transient" && job.attempt < job.maxAttempts) {
      opLog.warn(
        { code: failure.code, err: e, attempt: job.attempt, max_attempts: job.maxAttempts },
        "VM operation failed transiently; the queue retries it",
      );
      throw e;
    }
    opLog.warn({ code: failure.code, err: e }, "VM operation failed");
    await recordOutcome(deps, eventId, payload, ticket, failure);
    return;
  }
  await recordOutcome(deps, eventId, payload, ticket, undefined, details);
  opLog.info("VM operation completed");
}

interface TicketRef {
  id: string;
  operationType: Prisma.ApprovalTicketGetPayload<object>["operationType"];
  requester: string;
}

/** The event's ticket, moved APPROVED → EXECUTING when this is its first run (a retry finds it EXECUTING). */
async function startTicket(prisma: PrismaClient, eventId: string): Promise<TicketRef | undefined> {
  const ticket = await prisma.approvalTicket.findFirst({
    where: { eventId, status: { in: [TicketStatus.APPROVED, TicketStatus.EXECUTING] } },
    select: { id: true, status: true, operationType: true, requester: true },
  });
  if (!ticket) return undefined;
  if (ticket.status === TicketStatus.APPROVED) {
    assertTransition(TicketStatus.APPROVED, TicketStatus.EXECUTING, {
      operationType: ticket.operationType,
      requester: ticket.requester,
      actor: SYSTEM_ACTOR,
    });
    await prisma.approvalTicket.updateMany({
      where: { id: ticket.id, status: TicketStatus.APPROVED },
      data: { status: TicketStatus.EXECUTING },
    });
  }
  return { id: ticket.id, operationType: ticket.operationType, requester: ticket.requester };
}

/**
 * Event, ticket, verb rows, audit and notice in one transaction. The event update is conditional on
 * PROCESSING: if another run already recorded an outcome, this one records nothing.
 */
async function recordOutcome(
  deps: VmOperationJobDeps,
  eventId: string,
  payload: VmOperationPayload | undefined,
  ticket: TicketRef | undefined,
  failure: RecordedFailure | undefined,
  details: VmOperationDetails = {},
): Promise<void> {
  const { prisma } = deps;
  const [actor, cluster, namespaceEnv] = payload
    ? await Promise.all([
        prisma.user.findUnique({
          where: { id: payload.requested_by },
          select: { username: true, email: true, name: true },
        }),
        prisma.cluster.findUnique({
          where: { id: payload.cluster_id },
          select: { name: true, environment: true },
        }),
        prisma.namespaceRegistry.findUnique({
          where: { name: payload.namespace },
          select: { environment: true },
        }),
      ])
    : [null, null, null];
  await prisma.$transaction(async (tx) => {
    const now = new Date();
    const updated = await tx.domainEvent.updateMany({
      where: { id: eventId, status: "PROCESSING" },
      data: failure
        ? {
            status: "FAILED",
            processedAt: now,
            errorCode: failure.code,
            errorParams: failure.params as Prisma.InputJsonValue,
            errorMessage: failure.message,
          }
        : { status: "COMPLETED", processedAt: now },
    });
    if (updated.count === 0) return;
    if (ticket) {
      const to = failure ? TicketStatus.FAILED : TicketStatus.SUCCESS;
      assertTransition(TicketStatus.EXECUTING, to, {
        operationType: ticket.operationType,
        requester: ticket.requester,
        actor: SYSTEM_ACTOR,
      });
      await tx.approvalTicket.updateMany({
        where: { id: ticket.id, status: TicketStatus.EXECUTING },
        data: { status: to },
      });
    }
    if (!payload) return;
    if (payload.action === "delete" && !failure) await tx.vm.deleteMany({ where: { id: payload.vm_id } });
    if (payload.action === "clone" && failure)
      await tx.vm.updateMany({
        where: { originEventId: eventId, status: "CREATING" },
        data: { status: "FAILED" },
      });
    await recordAudit(tx, {
      action: VM_OPERATION_AUDIT_ACTION[payload.action],
      actor: {
        id: payload.requested_by,
        ...(actor ? { name: actor.username ?? actor.email ?? actor.name } : {}),
      },
      resource: { type: "vm", id: payload.vm_id, name: payload.name },
      environment: namespaceEnv?.environment ?? cluster?.environment,
      outcome: failure ? "failure" : "success",
      correlationId: eventId,
      details: {
        cluster: cluster?.name ?? payload.cluster_id,
        namespace: payload.namespace,
        ...(payload.snapshot ? { snapshot: payload.snapshot } : {}),
        ...(payload.migration ? { migration: payload.migration } : {}),
        ...(ticket ? { ticket_id: ticket.id } : {}),
        ...details,
        ...(failure ? { error_code: failure.code, error_params: failure.params } : {}),
      },
    });
    await notifyTaskChanged(tx, { task_id: eventId, vm_id: payload.vm_id });
  });
}
