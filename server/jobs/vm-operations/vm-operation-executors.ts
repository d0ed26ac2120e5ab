/** The executor of each verb (lib/vms/vm-actions.ts): the whole cluster side of a VM operation. */
import "server-only";
import type { VmAction } from "@/lib/vms/vm-actions";
import { cloneVm } from "./clone-vm";
import { deleteVm } from "./delete-vm";
import { cancelMigration, migrateVm } from "./migration-operations";
import { forceStopVm, pauseVm, restartVm, startVm, stopVm, unpauseVm } from "./power-operations";
import { createSnapshot, deleteSnapshot, restoreVm } from "./snapshot-operations";
import type { VmOperationExecutor } from "./vm-operation-executor";

export const VM_OPERATION_EXECUTORS: Readonly<Record<VmAction, VmOperationExecutor>> = {
  start: startVm,
  stop: stopVm,
  "force-stop": forceStopVm,
  restart: restartVm,
  pause: pauseVm,
  unpause: unpauseVm,
  migrate: migrateVm,
  "cancel-migration": cancelMigration,
  snapshot: createSnapshot,
  "delete-snapshot": deleteSnapshot,
  restore: restoreVm,
  clone: cloneVm,
  delete: deleteVm,
};

/** The audit action of each verb's outcome (SPEC §19 `{domain}.{action}`). */
export const VM_OPERATION_AUDIT_ACTION: Readonly<Record<VmAction, string>> = {
  start: "vm.start",
  stop: "vm.stop",
  "force-stop": "vm.force_stop",
  restart: "vm.restart",
  pause: "vm.pause",
  unpause: "vm.unpause",
  migrate: "vm.migrate",
  "cancel-migration": "vm.cancel_migration",
  snapshot: "vm.snapshot_create",
  "delete-snapshot": "vm.snapshot_delete",
  restore: "vm.restore",
  clone: "vm.clone",
  delete: "vm.delete_executed",
};
