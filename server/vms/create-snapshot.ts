// Snapshot a VM (VirtualMachineSnapshot): named by the caller or `<vm>-snap-<yyyymmdd-hhmmss>` (UTC, ≤ 63).
import "server-only";
import { defaultSnapshotName } from "@/lib/vms/default-snapshot-name";
import type { VmActionAccepted } from "@/lib/vms/vm-views";
import { requestVmOperation, type VmOperationDeps, type VmOperationRequest } from "./request-vm-operation";

export function createSnapshot(
  deps: VmOperationDeps,
  request: Omit<VmOperationRequest<"snapshot">, "action">,
): Promise<VmActionAccepted> {
  return requestVmOperation(deps, { ...request, action: "snapshot" }, (facts, input, now) => ({
    payload: { snapshot: input.name ?? defaultSnapshotName(facts.state.name, now) },
  }));
}
