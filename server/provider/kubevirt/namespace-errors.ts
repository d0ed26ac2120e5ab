import "server-only";
import { AppError } from "@/lib/errors/app-error";
import { appErrorFromKube } from "@/server/k8s/app-error-from-kube";
import { KubeApiError } from "@/server/k8s/kube-api-error";

/** A ResourceQuota refusal is a 403 whose Status.message says so (apiserver admission/resourcequota). */
const QUOTA_MESSAGE = /exceeded quota/i;

/** Kinds the API server never answered with a decision about the namespace: kept as the generic K8S_* codes. */
const TRANSPORT_KINDS = new Set(["unauthorized", "unreachable", "timeout", "too-many-requests"]);

/**
 * The failure of a namespace create → SPEC §6's NAMESPACE_* codes (ADR-0017). AppErrors (CLUSTER_NOT_FOUND,
 * gate errors) pass unchanged; a refusal the cluster answered becomes PERMISSION_DENIED, QUOTA_EXCEEDED or
 * CREATION_FAILED, with the API server's message kept as `cause`.
 */
export function namespaceCreateError(error: unknown, cluster: string, namespace: string): unknown {
  if (!(error instanceof KubeApiError)) return error;
  const params = { namespace, cluster };
  const opts = (summary: string) => ({
    message: `${summary} (namespace ${namespace} on cluster ${cluster}${error.status === undefined ? "" : `, HTTP ${error.status}`})`,
    cause: error,
  });
  if (TRANSPORT_KINDS.has(error.kind) || (error.kind === "unknown" && error.status === undefined)) {
    return appErrorFromKube(error, { cluster });
  }
  if (error.kind === "forbidden" && QUOTA_MESSAGE.test(error.message)) {
    return new AppError("NAMESPACE_QUOTA_EXCEEDED", params, opts("quota refuses the namespace"));
  }
  if (error.kind === "forbidden") {
    return new AppError(
      "NAMESPACE_PERMISSION_DENIED",
      { ...params, hint: "the cluster credentials need RBAC create on namespaces" },
      opts("namespace create forbidden"),
    );
  }
  return new AppError("NAMESPACE_CREATION_FAILED", params, opts("namespace create failed"));
}
