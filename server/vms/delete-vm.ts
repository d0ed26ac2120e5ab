// Delete a VM: the caller types its name again (CONFIRMATION_NAME_MISMATCH otherwise, checked before anything
// else about the VM's state). Governed as DELETE_VM.
import "server-only";
import { AppError } from "@/lib/errors/app-error";
import type { VmActionAccepted } from "@/lib/vms/vm-views";
import { requestVmOperation, type VmOperationDeps, type VmOperationRequest } from "./request-vm-operation";

export function deleteVm(
  deps: VmOperationDeps,
  request: Omit<VmOperationRequest<"delete">, "action">,
): Promise<VmActionAccepted> {
  return requestVmOperation(deps, { ...request, action: "delete" }, (facts, input) => {
    if (input.confirm_name !== facts.state.name)
      throw new AppError("CONFIRMATION_NAME_MISMATCH", { expected: facts.state.name });
    return {};
  });
}
