// POST /api/v1/vms/{id}/start → 202 with the task or the ticket (server/vms/vm-action-route.ts).
import { vmActionRoute } from "@/server/vms/vm-action-route";

export const POST = vmActionRoute("start");
