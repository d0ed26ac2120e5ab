// GET /api/v1/vms/{id}: the VM page's data (server/vms/get-vm-detail.ts); 404 VM_NOT_FOUND out of scope.
import { defineRoute } from "@/server/auth/define-route";
import { getVmDetail } from "@/server/vms/get-vm-detail";
import { IdParams } from "@/server/vms/vm-action-route";

export const GET = defineRoute({ permission: "vm.read", params: IdParams }, ({ ctx, user, params }) =>
  getVmDetail(ctx, user, params.id),
);
