/**
 * The one policy switch from a KubeApiError kind to a catalogue code (lib/domain/provider.ts lists them). The
 * provider calls it for every failure it does not map more specifically (VM_NOT_FOUND, VM_WRONG_STATE).
 * The API server's Status.message travels as params.k8s_message and the KubeApiError as `cause`, for logs;
 * Invalid causes become field_errors.
 */
import "server-only";
import { AppError } from "@/lib/errors/app-error";
import type { FieldError } from "@/lib/errors/field-error";
import type { KubeApiError } from "./kube-api-error";

/** Status messages can quote a whole object back; the UI needs a sentence. */
const MAX_K8S_MESSAGE = 1000;

export interface KubeErrorContext {
  /** The cluster id. */
  cluster: string;
  /** The object the call was about, for K8S_NOT_FOUND (else taken from Status.details). */
  object?: { kind: string; name: string; namespace?: string };
}

export function appErrorFromKube(error: KubeApiError, ctx: KubeErrorContext): AppError {
  const { cluster } = ctx;
  const k8s_message =
    error.message.length > MAX_K8S_MESSAGE ? `${error.message.slice(0, MAX_K8S_MESSAGE)}…` : error.message;
  const options = {
    message: `Kubernetes call to cluster ${cluster} failed: ${error.kind}${error.status ? ` (${error.status}${error.reason ? ` ${error.reason}` : ""})` : ""}`,
    cause: error,
  };
  switch (error.kind) {
    case "not-found": {
      const details = detailsOf(error);
      const object = ctx.object ?? { kind: details.kind ?? "resource", name: details.name ?? "" };
      return new AppError(
        "K8S_NOT_FOUND",
        {
          cluster,
          kind: object.kind,
          name: object.name,
          ...(object.namespace !== undefined ? { namespace: object.namespace } : {}),
        },
        options,
      );
    }
    case "already-exists":
    case "conflict":
    case "gone":
      return new AppError("K8S_CONFLICT", { cluster, k8s_message }, options);
    case "invalid":
    case "bad-request":
      return new AppError(
        "K8S_INVALID",
        { cluster, k8s_message },
        { ...options, fieldErrors: fieldErrorsOf(error) },
      );
    case "unauthorized":
      return new AppError("K8S_UNAUTHORIZED", { cluster, k8s_message }, options);
    case "forbidden":
      return new AppError("K8S_FORBIDDEN", { cluster, k8s_message }, options);
    case "too-many-requests":
      return new AppError(
        "K8S_TOO_MANY_REQUESTS",
        {
          cluster,
          ...(error.retryAfterSeconds !== undefined ? { retry_after_seconds: error.retryAfterSeconds } : {}),
        },
        options,
      );
    case "unreachable":
      // Network detail (host, port, TLS) stays in the cause: params reach the client.
      return new AppError("K8S_UNREACHABLE", { cluster }, options);
    case "timeout":
      return new AppError("K8S_TIMEOUT", { cluster }, options);
    case "unknown":
      // Without an HTTP answer it is a transport failure we could not classify further.
      if (error.status === undefined) return new AppError("K8S_UNREACHABLE", { cluster }, options);
      return new AppError("K8S_SERVER_ERROR", { cluster, k8s_message }, options);
    case "server-error":
    case "unavailable":
      return new AppError("K8S_SERVER_ERROR", { cluster, k8s_message }, options);
  }
}

/** Kubernetes' field causes as field_errors (field "" when a cause names none). */
export function fieldErrorsOf(error: KubeApiError): FieldError[] {
  return error.causes.map((c) => ({
    field: c.field ?? "",
    code: c.reason ?? "Invalid",
    ...(c.message !== undefined ? { message: c.message } : {}),
  }));
}

function detailsOf(error: KubeApiError): { kind?: string; name?: string } {
  const d = error.details;
  if (typeof d !== "object" || d === null) return {};
  const { kind, name } = d as Record<string, unknown>;
  return {
    ...(typeof kind === "string" ? { kind } : {}),
    ...(typeof name === "string" ? { name } : {}),
  };
}
