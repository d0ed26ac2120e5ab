/**
 * The six collections each cluster's watchers follow, all namespaces (issue 6), with the resource kind their
 * rows carry in cached_resources. Paths come from the provider's api-paths (one door for KubeVirt URLs).
 */
import "server-only";
import type { ResourceKind } from "../db/generated/prisma/enums";
import {
  type ApiResource,
  CLONE,
  MIGRATION,
  RESTORE,
  SNAPSHOT,
  VIRTUAL_MACHINE,
  VIRTUAL_MACHINE_INSTANCE,
} from "../provider/kubevirt/api-paths";

export interface WatchedResource {
  kind: ResourceKind;
  api: ApiResource;
}

export const WATCHED_RESOURCES: readonly WatchedResource[] = [
  { kind: "VirtualMachine", api: VIRTUAL_MACHINE },
  { kind: "VirtualMachineInstance", api: VIRTUAL_MACHINE_INSTANCE },
  { kind: "VirtualMachineInstanceMigration", api: MIGRATION },
  { kind: "VirtualMachineSnapshot", api: SNAPSHOT },
  { kind: "VirtualMachineRestore", api: RESTORE },
  { kind: "VirtualMachineClone", api: CLONE },
];

/** The all-namespaces collection path, e.g. /apis/kubevirt.io/v1/virtualmachines. */
export function collectionPath(api: ApiResource): string {
  return `/apis/${api.group}/${api.version}/${api.plural}`;
}
