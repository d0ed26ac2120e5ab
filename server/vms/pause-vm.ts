// Pause a running VM's instance (PUT VMI .../pause).
import "server-only";
import type { VmActionAccepted } from "@/lib/vms/vm-views";
import { requestVmOperation, type VmOperationDeps, type VmOperationRequest } from "./request-vm-operation";

export function pauseVm(
  deps: VmOperationDeps,
  request: Omit<VmOperationRequest<"pause">, "action">,
): Promise<VmActionAccepted> {
  return requestVmOperation(deps, { ...request, action: "pause" });
}
