// `GET /api/v1/tasks/{id}`: one VM operation and its outcome, when its VM is in the caller's scope
// (vm-scope.ts). Unknown, not a VM operation, or out of scope: TASK_NOT_FOUND (404), all alike.
import "server-only";
import { AppError } from "@/lib/errors/app-error";
import { VM_AGGREGATE } from "@/lib/vms/vm-operation";
import type { TaskView } from "@/lib/vms/vm-views";
import { requireRole } from "../auth/require-role";
import type { SessionUser } from "../auth/session";
import type { PrismaClient } from "../db/prisma";
import { taskViewSelect, toTaskView } from "./task-view";
import { canSeeVm, vmScopeOf } from "./vm-scope";

export async function getTask(
  deps: { prisma: PrismaClient },
  user: SessionUser,
  taskId: string,
): Promise<TaskView> {
  requireRole(user, "vm.read");
  const notFound = new AppError("TASK_NOT_FOUND", { task_id: taskId });
  const row = await deps.prisma.domainEvent.findFirst({
    where: { id: taskId, aggregateType: VM_AGGREGATE },
    select: taskViewSelect,
  });
  const view = row ? toTaskView(row) : undefined;
  if (!view || !(await canSeeVm(deps.prisma, vmScopeOf(user), view.vm_id))) throw notFound;
  return view;
}
