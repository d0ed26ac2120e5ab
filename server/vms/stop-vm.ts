// Stop a VM gracefully (PUT .../stop).
import "server-only";
import type { VmActionAccepted } from "@/lib/vms/vm-views";
import { requestVmOperation, type VmOperationDeps, type VmOperationRequest } from "./request-vm-operation";

export function stopVm(
  deps: VmOperationDeps,
  request: Omit<VmOperationRequest<"stop">, "action">,
): Promise<VmActionAccepted> {
  return requestVmOperation(deps, { ...request, action: "stop" });
}
