// Cancel the VM's unfinished live migration (KubeVirt: delete the VirtualMachineInstanceMigration, found in
// the cache and carried in the payload so the worker deletes exactly that one).
import "server-only";
import type { VmActionAccepted } from "@/lib/vms/vm-views";
import { requestVmOperation, type VmOperationDeps, type VmOperationRequest } from "./request-vm-operation";

export function cancelMigration(
  deps: VmOperationDeps,
  request: Omit<VmOperationRequest<"cancel-migration">, "action">,
): Promise<VmActionAccepted> {
  return requestVmOperation(deps, { ...request, action: "cancel-migration" }, (facts) =>
    facts.state.activeMigration === null ? {} : { payload: { migration: facts.state.activeMigration } },
  );
}
