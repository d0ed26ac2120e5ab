// Restart a running VM (PUT .../restart); refused for run strategies Halted and Once.
import "server-only";
import type { VmActionAccepted } from "@/lib/vms/vm-views";
import { requestVmOperation, type VmOperationDeps, type VmOperationRequest } from "./request-vm-operation";

export function restartVm(
  deps: VmOperationDeps,
  request: Omit<VmOperationRequest<"restart">, "action">,
): Promise<VmActionAccepted> {
  return requestVmOperation(deps, { ...request, action: "restart" });
}
