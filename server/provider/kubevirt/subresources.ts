import "server-only";
import type { KubeTransport } from "@/server/k8s/kube-client";
import { SUBRESOURCES_GROUP, SUBRESOURCES_VERSION } from "./api-paths";

/**
 * KubeVirt's aggregated subresource API (KUBEVIRT-API.md §4.3): one generic PUT and the verbs as one-liners.
 * Success is 202 with an empty body; a 409 means the VM's state (run strategy, VMI phase) refuses the action.
 */

export type SubresourceKind = "virtualmachines" | "virtualmachineinstances";

export type SubresourceAction = "start" | "stop" | "restart" | "migrate" | "pause" | "unpause";

export interface ObjectRef {
  namespace: string;
  name: string;
}

/** Path of a subresource; every segment is URL-encoded. Pure, so it is tested on its own. */
export function subresourcePath(ref: ObjectRef, kind: SubresourceKind, action: SubresourceAction): string {
  const segments = [
    "apis",
    SUBRESOURCES_GROUP,
    SUBRESOURCES_VERSION,
    "namespaces",
    ref.namespace,
    kind,
    ref.name,
    action,
  ];
  return `/${segments.map(encodeURIComponent).join("/")}`;
}

/** Bound to one cluster's transport and one call's signal. */
export interface SubresourceTarget {
  transport: KubeTransport;
  signal?: AbortSignal;
}

export async function putSubresource(
  target: SubresourceTarget,
  ref: ObjectRef,
  kind: SubresourceKind,
  action: SubresourceAction,
  body: Record<string, unknown> = {},
): Promise<void> {
  await target.transport.request({
    method: "PUT",
    path: subresourcePath(ref, kind, action),
    body,
    ...(target.signal ? { signal: target.signal } : {}),
  });
}

const DRY_RUN = { dryRun: ["All"] };

export const startVM = (t: SubresourceTarget, ref: ObjectRef) =>
  putSubresource(t, ref, "virtualmachines", "start");
/** `gracePeriod: 0` skips the guest's shutdown (and force-ends a VM stuck in Stopping). */
export const stopVM = (t: SubresourceTarget, ref: ObjectRef, force = false) =>
  putSubresource(t, ref, "virtualmachines", "stop", force ? { gracePeriod: 0 } : {});
export const restartVM = (t: SubresourceTarget, ref: ObjectRef) =>
  putSubresource(t, ref, "virtualmachines", "restart");
/** Dry run only: validates that the VM can migrate now (the provider then creates the VMIM itself). */
export const checkMigrateVM = (t: SubresourceTarget, ref: ObjectRef) =>
  putSubresource(t, ref, "virtualmachines", "migrate", DRY_RUN);
export const pauseVMI = (t: SubresourceTarget, ref: ObjectRef) =>
  putSubresource(t, ref, "virtualmachineinstances", "pause");
export const unpauseVMI = (t: SubresourceTarget, ref: ObjectRef) =>
  putSubresource(t, ref, "virtualmachineinstances", "unpause");
