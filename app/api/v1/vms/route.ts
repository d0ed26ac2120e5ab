// GET /api/v1/vms: the VMs the caller may see, from the cache (server/vms/list-vms.ts; the page calls it too).
import { vmListParamsSchema } from "@/lib/vms/vm-list-params";
import { defineRoute } from "@/server/auth/define-route";
import { listVms } from "@/server/vms/list-vms";
import { getWebContext } from "@/server/web-context";

export const GET = defineRoute({ permission: "vm.read", query: vmListParamsSchema }, ({ user, query }) =>
  listVms(user, query, getWebContext()),
);
