/**
 * The collections each cluster's watchers follow, all namespaces (issue 6: KubeVirt's six kinds; issue 12:
 * core/v1 Events), with the resource kind their rows carry in cached_resources. Paths come from the provider's
 * api-paths (one door for the URLs). `accept` keeps only the objects worth caching: the sink drops the rest
 * before writing, for watch batches and relists alike (a real cluster has far more pod Events than KubeVirt's).
 */
import "server-only";
import type { ResourceKind } from "../db/generated/prisma/enums";
import {
  type ApiResource,
  CLONE,
  EVENT,
  MIGRATION,
  RESTORE,
  SNAPSHOT,
  VIRTUAL_MACHINE,
  VIRTUAL_MACHINE_INSTANCE,
} from "../provider/kubevirt/api-paths";
import { isKubeVirtEvent } from "./kubevirt-event-filter";

export interface WatchedResource {
  kind: ResourceKind;
  api: ApiResource;
  /** Which listed/watched objects are cached; absent = all of them. */
  accept?: (object: unknown) => boolean;
}

export const WATCHED_RESOURCES: readonly WatchedResource[] = [
  { kind: "VirtualMachine", api: VIRTUAL_MACHINE },
  { kind: "VirtualMachineInstance", api: VIRTUAL_MACHINE_INSTANCE },
  { kind: "VirtualMachineInstanceMigration", api: MIGRATION },
  { kind: "VirtualMachineSnapshot", api: SNAPSHOT },
  { kind: "VirtualMachineRestore", api: RESTORE },
  { kind: "VirtualMachineClone", api: CLONE },
  { kind: "Event", api: EVENT, accept: isKubeVirtEvent },
];

/** The watched resource of a kind (every ResourceKind the worker caches has one). */
export function watchedResource(kind: ResourceKind): WatchedResource | undefined {
  return WATCHED_RESOURCES.find((r) => r.kind === kind);
}

/** The all-namespaces collection path, e.g. /apis/kubevirt.io/v1/virtualmachines or /api/v1/events. */
export function collectionPath(api: ApiResource): string {
  return api.group === ""
    ? `/api/${api.version}/${api.plural}`
    : `/apis/${api.group}/${api.version}/${api.plural}`;
}
