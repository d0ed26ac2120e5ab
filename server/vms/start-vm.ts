// Start a VM (PUT .../start): refused while it runs, or when its run strategy is Always or Once.
import "server-only";
import type { VmActionAccepted } from "@/lib/vms/vm-views";
import { requestVmOperation, type VmOperationDeps, type VmOperationRequest } from "./request-vm-operation";

export function startVm(
  deps: VmOperationDeps,
  request: Omit<VmOperationRequest<"start">, "action">,
): Promise<VmActionAccepted> {
  return requestVmOperation(deps, { ...request, action: "start" });
}
