// Clone a VM, or one of its ready snapshots, into a new VM of the same service (VirtualMachineClone; the new
// name and instance are taken when the clone runs, SPEC §3). Governed as CREATE_VM.
import "server-only";
import type { VmActionAccepted } from "@/lib/vms/vm-views";
import { requestVmOperation, type VmOperationDeps, type VmOperationRequest } from "./request-vm-operation";

export function cloneVm(
  deps: VmOperationDeps,
  request: Omit<VmOperationRequest<"clone">, "action">,
): Promise<VmActionAccepted> {
  return requestVmOperation(deps, { ...request, action: "clone" }, (_facts, input) =>
    input.snapshot === undefined
      ? {}
      : { target: { snapshot: input.snapshot }, payload: { snapshot: input.snapshot } },
  );
}
