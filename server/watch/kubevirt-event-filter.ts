/**
 * Which core/v1 Events the worker caches: those about KubeVirt's objects, i.e. whose `involvedObject.apiVersion`
 * is in the group kubevirt.io (VM, VMI, VMIM), snapshot.kubevirt.io (snapshots, restores) or clone.kubevirt.io.
 * Everything else (pods, nodes, PVCs… most of a real cluster's Events) is dropped before it is written.
 */
import "server-only";

export const KUBEVIRT_EVENT_GROUPS: ReadonlySet<string> = new Set([
  "kubevirt.io",
  "snapshot.kubevirt.io",
  "clone.kubevirt.io",
]);

export function isKubeVirtEvent(object: unknown): boolean {
  if (typeof object !== "object" || object === null || !("involvedObject" in object)) return false;
  const ref = object.involvedObject;
  if (typeof ref !== "object" || ref === null || !("apiVersion" in ref)) return false;
  const apiVersion = ref.apiVersion;
  if (typeof apiVersion !== "string") return false;
  // "group/version"; a bare "v1" is the core group.
  const slash = apiVersion.indexOf("/");
  return slash > 0 && KUBEVIRT_EVENT_GROUPS.has(apiVersion.slice(0, slash));
}
