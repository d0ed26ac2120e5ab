/**
 * One VM operation's cluster side: what the job runs between "the event is PROCESSING and the cluster is
 * writable" and "record the outcome". Executors run outside any transaction and must be idempotent: on a
 * retry (`retry`), and after a refusal that may mean "already done" (409 wrong state, AlreadyExists,
 * NotFound on a delete), they read the live state and count an effect that is already there as success.
 */
import "server-only";
import type { KubeVirtProvider } from "@/lib/domain/provider";
import { isAppError } from "@/lib/errors/app-error";
import type { ErrorCode } from "@/lib/errors/codes";
import type { VmOperationPayload } from "@/lib/vms/vm-operation";
import type { PrismaClient } from "../../db/prisma";
import type { Logger } from "../../log";

export interface VmOperationContext {
  eventId: string;
  /** When the operation was requested (the event row's created_at): what a retry compares the cluster to. */
  requestedAt: Date;
  payload: VmOperationPayload;
  /** The ticket that approved the operation, if it needed one (for the clone's ticket-id label). */
  ticketId: string | undefined;
  provider: KubeVirtProvider;
  prisma: PrismaClient;
  /** True from the second attempt on: the previous one may have acted before it crashed. */
  retry: boolean;
  signal: AbortSignal;
  log: Logger;
}

/** Facts about what was done, for the audit record (e.g. the clone's target name). */
export type VmOperationDetails = Record<string, unknown>;

export type VmOperationExecutor = (ctx: VmOperationContext) => Promise<VmOperationDetails>;

/** Refusals that can mean the effect is already there; anything else is never re-read. */
const MAYBE_DONE: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  "VM_WRONG_STATE",
  "K8S_CONFLICT",
  "K8S_NOT_FOUND",
  "VM_NOT_FOUND",
]);

/**
 * Acts at most once in effect: on a retry, skips `act` when `done` says the effect is there; when `act` is
 * refused in a way that may mean "already done", asks `done` and succeeds if so, else rethrows the refusal.
 */
export async function actOnce(
  ctx: VmOperationContext,
  step: { done: () => Promise<boolean>; act: () => Promise<unknown> },
): Promise<void> {
  if (ctx.retry && (await step.done())) {
    ctx.log.info("operation already in effect on the cluster; not sent again");
    return;
  }
  try {
    await step.act();
  } catch (e) {
    if (isAppError(e) && MAYBE_DONE.has(e.code) && (await step.done().catch(() => false))) {
      ctx.log.info({ code: e.code }, "cluster refused the operation because it is already in effect");
      return;
    }
    throw e;
  }
}

/** True when the call fails with one of `codes` (a missing object), false when it resolves. */
export async function isMissing(call: Promise<unknown>, codes: ErrorCode[]): Promise<boolean> {
  try {
    await call;
    return false;
  } catch (e) {
    if (isAppError(e) && codes.includes(e.code)) return true;
    throw e;
  }
}
