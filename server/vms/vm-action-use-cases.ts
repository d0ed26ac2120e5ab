// Every verb's use case by name, for the route handlers and server actions that dispatch on the verb.
import "server-only";
import type { VmAction } from "@/lib/vms/vm-actions";
import type { VmActionAccepted } from "@/lib/vms/vm-views";
import { cancelMigration } from "./cancel-migration";
import { cloneVm } from "./clone-vm";
import { createSnapshot } from "./create-snapshot";
import { deleteSnapshot } from "./delete-snapshot";
import { deleteVm } from "./delete-vm";
import { forceStopVm } from "./force-stop-vm";
import { migrateVm } from "./migrate-vm";
import { pauseVm } from "./pause-vm";
import type { VmOperationDeps, VmOperationRequest } from "./request-vm-operation";
import { restartVm } from "./restart-vm";
import { restoreVm } from "./restore-vm";
import { startVm } from "./start-vm";
import { stopVm } from "./stop-vm";
import { unpauseVm } from "./unpause-vm";

// Same keys and names as VM_OPERATION_EXECUTORS (server/jobs/vm-operations), but not the same table: these
// use cases check and record a request in the web process; the executors do the cluster work in the worker.
// Both are keyed by VmAction, so the compiler keeps each complete.
export const VM_ACTION_USE_CASES: {
  [A in VmAction]: (
    deps: VmOperationDeps,
    request: Omit<VmOperationRequest<A>, "action">,
  ) => Promise<VmActionAccepted>;
} = {
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
