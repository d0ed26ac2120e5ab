import "server-only";
import { AppError } from "@/lib/errors/app-error";
import { appErrorFromKube } from "@/server/k8s/app-error-from-kube";
import { KubeApiError } from "@/server/k8s/kube-api-error";

/**
 * Kubernetes failures → the AppError codes of lib/domain/provider.ts (one policy switch). The API server's
 * `Status.message` travels as `k8s_message` where the code has that param, and the KubeApiError is always
 * the `cause`, so logs keep the upstream text while `message` stays a short English summary.
 */

export interface KubeErrorContext {
  cluster: string;
  /** Kind named by K8S_NOT_FOUND, e.g. "VirtualMachineSnapshot". */
  kind: string;
  /** The named object, absent for list calls. */
  name?: string;
  namespace?: string;
  /** The object is a VM (or a VM subresource): a missing object is VM_NOT_FOUND. */
  vm?: boolean;
  /** A power/migrate subresource: its 409 is VM_WRONG_STATE for this action. */
  action?: string;
  /** Reported as PROVIDER_NOT_SUPPORTED `capability` when the API group-version is not served. */
  capability: string;
}

/**
 * The error a provider call throws for `error`; AppErrors (CLUSTER_NOT_FOUND, gate errors) pass unchanged.
 * Only what is particular to the provider is decided here (which "not found", a refused power action);
 * everything else is the shared policy of server/k8s/app-error-from-kube.ts.
 */
export function toAppError(error: unknown, ctx: KubeErrorContext): unknown {
  if (!(error instanceof KubeApiError)) return error;
  const { cluster } = ctx;
  const opts = (summary: string) => ({
    message: `${summary} (${describeTarget(ctx)}${error.status === undefined ? "" : `, HTTP ${error.status}`})`,
    cause: error,
  });
  if (error.kind === "not-found") {
    if (!isObjectNotFound(error, ctx)) {
      return new AppError(
        "PROVIDER_NOT_SUPPORTED",
        { capability: ctx.capability, cluster },
        opts("API not served by the cluster"),
      );
    }
    if (ctx.vm) {
      return new AppError(
        "VM_NOT_FOUND",
        { name: ctx.name ?? "", namespace: ctx.namespace ?? "", cluster },
        opts("virtual machine not found"),
      );
    }
  }
  if (error.kind === "conflict" && ctx.action !== undefined) {
    return new AppError(
      "VM_WRONG_STATE",
      { action: ctx.action, k8s_message: error.message },
      opts(`VM state refuses ${ctx.action}`),
    );
  }
  const object =
    ctx.name !== undefined
      ? { kind: ctx.kind, name: ctx.name, ...(ctx.namespace ? { namespace: ctx.namespace } : {}) }
      : undefined;
  return appErrorFromKube(error, { cluster, ...(object ? { object } : {}) });
}

/**
 * A missing object carries its name in `Status.details` (apimachinery NewNotFound); a path the cluster does
 * not serve (group-version absent, KubeVirt not installed) has no details, or a plain-text "404 page not found".
 */
function isObjectNotFound(error: KubeApiError, ctx: KubeErrorContext): boolean {
  if (ctx.name === undefined) return false;
  const details = error.details;
  if (typeof details === "object" && details !== null && "name" in details) {
    const name = (details as { name?: unknown }).name;
    if (typeof name === "string" && name !== "") return true;
  }
  return error.message.includes(`"${ctx.name}"`);
}

function describeTarget(ctx: KubeErrorContext): string {
  const where = ctx.namespace ? `${ctx.namespace}/` : "";
  const what = ctx.name !== undefined ? `${ctx.kind} ${where}${ctx.name}` : `${ctx.kind} list`;
  return `${what} on cluster ${ctx.cluster}`;
}
