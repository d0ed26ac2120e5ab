// GET /api/v1/tasks/{id}: a VM operation and its outcome (server/vms/get-task.ts); 404 TASK_NOT_FOUND out of scope.
import { defineRoute } from "@/server/auth/define-route";
import { getTask } from "@/server/vms/get-task";
import { IdParams } from "@/server/vms/vm-action-route";

export const GET = defineRoute({ permission: "vm.read", params: IdParams }, ({ ctx, user, params }) =>
  getTask(ctx, user, params.id),
);
