/**
 * A health check of a kubeconfig that is not (yet) stored: a throw-away KubeClient, the same
 * checkClusterHealth the worker runs, a bounded deadline, nothing written. Used by "test connection" and
 * before every registration and rotation through the API, whose result decides whether the kubeconfig is
 * saved (UNREACHABLE is refused unless the admin insists; UNHEALTHY is saved, its status says why).
 */
import "server-only";
import type { ConnectionTestView } from "@/lib/clusters/cluster-views";
import type { HealthCheckResult } from "@/lib/domain/cluster-health";
import { AppError } from "@/lib/errors/app-error";
import { KubeClient } from "../k8s/kube-client";
import type { ValidatedKubeconfig } from "../k8s/kubeconfig";
import { checkClusterHealth } from "./health-checker";

/** Long enough for a slow API server's discovery, short enough for an admin waiting on a form. */
export const CONNECTION_TEST_TIMEOUT_MS = 15_000;

export async function runConnectionTest(
  kubeconfig: ValidatedKubeconfig,
  opts: { timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<HealthCheckResult> {
  const client = new KubeClient(kubeconfig);
  try {
    return await checkClusterHealth(client, {
      timeoutMs: opts.timeoutMs ?? CONNECTION_TEST_TIMEOUT_MS,
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
  } finally {
    client.close();
  }
}

/** UNREACHABLE refuses the save (422) unless the caller allows it; nothing has been written at this point. */
export function assertReachable(result: HealthCheckResult, allowUnreachable: boolean): void {
  if (result.status !== "UNREACHABLE" || allowUnreachable) return;
  throw new AppError("CLUSTER_CONNECTION_FAILED", {
    reason_code: result.reason?.code ?? "API_UNREACHABLE",
    ...(result.reason ? { detail: result.reason.detail } : {}),
  });
}

export function connectionTestView(
  kubeconfig: ValidatedKubeconfig,
  result: HealthCheckResult,
): ConnectionTestView {
  return {
    status: result.status,
    reason: result.reason ? { code: result.reason.code, detail: result.reason.detail } : null,
    warnings: result.warnings.map((w) => ({ code: w.code, detail: w.detail })),
    api_server_url: kubeconfig.summary.server,
    kubevirt_version: result.version ?? null,
    enabled_features: result.capabilities?.enabledFeatures ?? [],
    duration_ms: result.durationMs,
  };
}
