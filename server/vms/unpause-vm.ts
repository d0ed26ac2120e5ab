// Unpause a paused VM's instance (PUT VMI .../unpause).
import "server-only";
import type { VmActionAccepted } from "@/lib/vms/vm-views";
import { requestVmOperation, type VmOperationDeps, type VmOperationRequest } from "./request-vm-operation";

export function unpauseVm(
  deps: VmOperationDeps,
  request: Omit<VmOperationRequest<"unpause">, "action">,
): Promise<VmActionAccepted> {
  return requestVmOperation(deps, { ...request, action: "unpause" });
}
