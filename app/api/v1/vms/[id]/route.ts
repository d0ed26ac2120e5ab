// GET /api/v1/vms/{id}: the VM page's data (server/vms/get-vm-detail.ts); 404 VM_NOT_FOUND out of scope.
import { defineRoute } from "@/server/auth/define-route";
import { getVmDetail } from "@/server/vms/get-vm-detail";
import { IdParams } from "@/server/vms/vm-action-route";
import { getWebContext } from "@/server/web-context";

export const GET = defineRoute({ permission: "vm.read", params: IdParams }, ({ user, params }) =>
  getVmDetail(getWebContext(), user, params.id),
);
