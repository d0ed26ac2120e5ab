// Delete one of the VM's snapshots: it must be in the cache as a snapshot of this VM (SNAPSHOT_NOT_FOUND).
import "server-only";
import type { VmActionAccepted } from "@/lib/vms/vm-views";
import { requestVmOperation, type VmOperationDeps, type VmOperationRequest } from "./request-vm-operation";

export function deleteSnapshot(
  deps: VmOperationDeps,
  request: Omit<VmOperationRequest<"delete-snapshot">, "action">,
): Promise<VmActionAccepted> {
  return requestVmOperation(deps, { ...request, action: "delete-snapshot" }, (_facts, input) => ({
    target: { snapshot: input.snapshot },
    payload: { snapshot: input.snapshot },
  }));
}
