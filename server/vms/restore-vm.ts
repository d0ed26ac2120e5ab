// Restore a VM from one of its own snapshots (VirtualMachineRestore): the VM must be stopped
// (VM_MUST_BE_STOPPED) and the snapshot cached for this VM and ready (SNAPSHOT_NOT_FOUND / SNAPSHOT_NOT_READY).
// Governed as MODIFY_VM.
import "server-only";
import type { VmActionAccepted } from "@/lib/vms/vm-views";
import { requestVmOperation, type VmOperationDeps, type VmOperationRequest } from "./request-vm-operation";

export function restoreVm(
  deps: VmOperationDeps,
  request: Omit<VmOperationRequest<"restore">, "action">,
): Promise<VmActionAccepted> {
  return requestVmOperation(deps, { ...request, action: "restore" }, (_facts, input) => ({
    target: { snapshot: input.snapshot },
    payload: { snapshot: input.snapshot },
  }));
}
