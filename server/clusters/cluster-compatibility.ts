/**
 * ClusterCompatibilityService.filterCompatibleClusters (SPEC §14.4, issue 7): the enabled, HEALTHY clusters of
 * the request's environment that meet every requirement — and, for every other cluster, all the reasons it is
 * not offered, so the UI can say why. Pure: callers load the clusters (compatibilityClusterOf reads a row).
 */
import "server-only";
import { missingCapabilities, normalizeRequirements } from "@/lib/capabilities/requirements";
import type { ClusterStatus } from "@/lib/domain/cluster";
import type { Environment } from "@/lib/domain/environment";
import { capabilitySetOfRow, type StoredCapabilityColumns } from "./cluster-capability-row";

export interface CompatibilityCluster {
  id: string;
  name: string;
  environment: Environment;
  status: ClusterStatus;
  enabled: boolean;
  /** Normalised capability keys (cluster-capability-set.ts). */
  capabilities: ReadonlySet<string>;
}

export type IncompatibilityReason =
  | { code: "DISABLED" }
  | { code: "WRONG_ENVIRONMENT"; environment: Environment; required: Environment }
  | { code: "UNHEALTHY"; status: ClusterStatus }
  | { code: "MISSING_CAPABILITIES"; missing: string[] };

export interface CompatibilityResult<C extends CompatibilityCluster = CompatibilityCluster> {
  compatible: C[];
  incompatible: { cluster: C; reasons: IncompatibilityReason[] }[];
}

export function filterCompatibleClusters<C extends CompatibilityCluster>(
  clusters: readonly C[],
  requirements: readonly string[],
  opts: { environment: Environment },
): CompatibilityResult<C> {
  const required = normalizeRequirements(requirements);
  const result: CompatibilityResult<C> = { compatible: [], incompatible: [] };
  for (const cluster of clusters) {
    const reasons: IncompatibilityReason[] = [];
    if (!cluster.enabled) reasons.push({ code: "DISABLED" });
    if (cluster.environment !== opts.environment) {
      reasons.push({
        code: "WRONG_ENVIRONMENT",
        environment: cluster.environment,
        required: opts.environment,
      });
    }
    if (cluster.status !== "HEALTHY") reasons.push({ code: "UNHEALTHY", status: cluster.status });
    const missing = missingCapabilities(cluster.capabilities, required);
    if (missing.length > 0) reasons.push({ code: "MISSING_CAPABILITIES", missing });
    if (reasons.length === 0) result.compatible.push(cluster);
    else result.incompatible.push({ cluster, reasons });
  }
  return result;
}

export interface CompatibilityRow extends StoredCapabilityColumns {
  id: string;
  name: string;
  environment: Environment;
  status: ClusterStatus;
  enabled: boolean;
}

export function compatibilityClusterOf(row: CompatibilityRow): CompatibilityCluster {
  return {
    id: row.id,
    name: row.name,
    environment: row.environment,
    status: row.status,
    enabled: row.enabled,
    capabilities: capabilitySetOfRow(row),
  };
}
