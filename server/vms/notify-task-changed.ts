/**
 * NOTIFY `shepherd_tasks_changed` with a TaskChangeNotice (lib/vms/task-change-notice.ts). Call it inside the
 * transaction that changed the task (the VM operation's domain event): PostgreSQL delivers it on commit only,
 * so a page never re-queries for an outcome that was rolled back.
 */
import "server-only";
import { TASKS_CHANGED_CHANNEL, type TaskChangeNotice } from "@/lib/vms/task-change-notice";
import type { Prisma } from "../db/generated/prisma/client";

export async function notifyTaskChanged(
  db: Pick<Prisma.TransactionClient, "$executeRaw">,
  notice: TaskChangeNotice,
): Promise<void> {
  const payload: TaskChangeNotice = { task_id: notice.task_id, vm_id: notice.vm_id };
  // $executeRaw: pg_notify returns void, a column type $queryRaw cannot deserialize.
  await db.$executeRaw`SELECT pg_notify(${TASKS_CHANGED_CHANNEL}, ${JSON.stringify(payload)})`;
}
