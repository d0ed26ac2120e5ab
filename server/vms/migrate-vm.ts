// Live-migrate a running VM (PUT .../migrate); refused with the LiveMigratable condition's message when KubeVirt says it cannot be.
import "server-only";
import type { VmActionAccepted } from "@/lib/vms/vm-views";
import { requestVmOperation, type VmOperationDeps, type VmOperationRequest } from "./request-vm-operation";

export function migrateVm(
  deps: VmOperationDeps,
  request: Omit<VmOperationRequest<"migrate">, "action">,
): Promise<VmActionAccepted> {
  return requestVmOperation(deps, { ...request, action: "migrate" });
}
