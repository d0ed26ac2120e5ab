/**
 * One health round over every enabled cluster (SPEC §13), for the worker's 60 s loop and its "check now".
 * Clusters are checked concurrently, each with its own deadline, so one cluster's failure or slowness never
 * delays another's; a failure to persist one cluster is reported and the others go on.
 */
import "server-only";
import { type HealthCheckResult, HealthReasonCode } from "@/lib/domain/cluster-health";
import { isAppError } from "@/lib/errors/app-error";
import type { AuditActor } from "../audit/record-audit";
import type { PrismaClient } from "../db/prisma";
import type { ClusterConnections } from "../k8s/cluster-connections";
import type { KubeTransport } from "../k8s/kube-client";
import type { Logger } from "../log";
import type { DryRunPolicy } from "./capability-detector";
import { checkClusterHealth, DEFAULT_CHECK_TIMEOUT_MS, unreachable } from "./health-checker";
import { type CheckTrigger, type PersistOutcome, persistCheckResult } from "./persist-check-result";

export interface CheckAllDeps {
  prisma: PrismaClient;
  connections: Pick<ClusterConnections, "get">;
}

export interface CheckAllOptions {
  signal?: AbortSignal;
  /** Per-cluster deadline (default 20 s). */
  timeoutMs?: number;
  /** Only these clusters ("check now"); default every enabled cluster. */
  clusterIds?: readonly string[];
  /** Check disabled clusters too (an admin's "check now" of a disabled cluster); default false. */
  includeDisabled?: boolean;
  /** Recorded in the health history; default "schedule". */
  trigger?: CheckTrigger;
  /** Audit actor of a version drift (default the health checker; an admin's "check now" names the admin). */
  actor?: AuditActor;
  /** Where sizes that stopped fitting after a version change are reported (warn). */
  log?: Pick<Logger, "warn">;
  dryRun?: DryRunPolicy;
  now?: () => Date;
}

export interface ClusterCheckOutcome {
  clusterId: string;
  name: string;
  result: HealthCheckResult;
  /** Absent when persisting failed (see `error`). */
  persisted?: PersistOutcome;
  error?: unknown;
}

export async function checkAllClusters(
  deps: CheckAllDeps,
  opts: CheckAllOptions = {},
): Promise<ClusterCheckOutcome[]> {
  const { signal } = opts;
  if (signal?.aborted) throw signal.reason;
  const clusters = await deps.prisma.cluster.findMany({
    where: {
      ...(opts.includeDisabled ? {} : { enabled: true }),
      ...(opts.clusterIds ? { id: { in: [...opts.clusterIds] } } : {}),
    },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
  const outcomes = await Promise.all(clusters.map((c) => checkOne(deps, c, opts)));
  if (signal?.aborted) throw signal.reason;
  return outcomes.filter((o): o is ClusterCheckOutcome => o !== undefined);
}

/** Undefined when the caller aborted or the cluster vanished meanwhile: nothing to report. */
async function checkOne(
  deps: CheckAllDeps,
  cluster: { id: string; name: string },
  opts: CheckAllOptions,
): Promise<ClusterCheckOutcome | undefined> {
  const { signal } = opts;
  const now = opts.now ?? (() => new Date());
  let result: HealthCheckResult;
  try {
    const transport = await transportOf(deps, cluster.id, signal);
    if (transport === "gone") return undefined;
    result =
      "failure" in transport
        ? { ...transport.failure, checkedAt: now(), durationMs: 0 }
        : await checkClusterHealth(transport.client, {
            ...(signal ? { signal } : {}),
            timeoutMs: opts.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS,
            ...(opts.dryRun ? { dryRun: opts.dryRun } : {}),
            now,
          });
  } catch (error) {
    if (signal?.aborted) return undefined;
    // A bug in one check must not end the round; it is reported like a persisting failure.
    return {
      clusterId: cluster.id,
      name: cluster.name,
      result: {
        status: "UNHEALTHY",
        reason: { code: HealthReasonCode.API_ERROR, detail: "health check failed unexpectedly" },
        warnings: [],
        checkedAt: now(),
        durationMs: 0,
      },
      error,
    };
  }
  try {
    const persisted = await persistCheckResult(deps.prisma, cluster.id, result, {
      trigger: opts.trigger ?? "schedule",
      ...(opts.actor ? { actor: opts.actor } : {}),
      ...(opts.log ? { log: opts.log } : {}),
    });
    return { clusterId: cluster.id, name: cluster.name, result, persisted };
  } catch (error) {
    return { clusterId: cluster.id, name: cluster.name, result, error };
  }
}

type TransportOutcome = { client: KubeTransport } | { failure: ReturnType<typeof unreachable> } | "gone";

/** Credentials that cannot be used are the cluster's problem (UNREACHABLE), not the round's. */
async function transportOf(
  deps: CheckAllDeps,
  clusterId: string,
  signal: AbortSignal | undefined,
): Promise<TransportOutcome> {
  try {
    return { client: await deps.connections.get(clusterId, signal ? { signal } : {}) };
  } catch (e) {
    if (signal?.aborted) throw signal.reason;
    if (isAppError(e, "CLUSTER_NOT_FOUND")) return "gone";
    if (
      isAppError(e, "CREDENTIALS_UNREADABLE") ||
      isAppError(e, "KUBECONFIG_INVALID") ||
      isAppError(e, "KUBECONFIG_AUTH_UNSUPPORTED")
    ) {
      return {
        failure: unreachable(
          HealthReasonCode.CREDENTIALS_UNUSABLE,
          `stored credentials cannot be used (${e.code})`,
        ),
      };
    }
    throw e;
  }
}
