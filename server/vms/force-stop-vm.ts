// Force-stop a VM (PUT .../stop with gracePeriod 0): also while a graceful stop is under way.
import "server-only";
import type { VmActionAccepted } from "@/lib/vms/vm-views";
import { requestVmOperation, type VmOperationDeps, type VmOperationRequest } from "./request-vm-operation";

export function forceStopVm(
  deps: VmOperationDeps,
  request: Omit<VmOperationRequest<"force-stop">, "action">,
): Promise<VmActionAccepted> {
  return requestVmOperation(deps, { ...request, action: "force-stop" });
}
