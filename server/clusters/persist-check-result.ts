/**
 * Writes one health check onto its cluster row (SPEC §13, §14.3, §15) and reports what changed, for the
 * worker to log and NOTIFY. Health polling itself is not audited; a KubeVirt version change is, as
 * `cluster.version_drift` (SPEC §15: "version drift → audit only").
 *
 * The previous status and version are read under a row lock in the same transaction, not passed in: a loop
 * check and a "check now" of the same cluster may race, and then exactly one of them sees (and audits) the
 * drift, and an older result never overwrites a newer one.
 *
 * When the check could not talk to the cluster (no capabilities), the last detected version and capabilities
 * stay: the cluster is unreachable, not changed (SPEC §15 "keep the old version").
 */
import "server-only";
import { hardwareCapabilities } from "@/lib/capabilities/cluster-capability-set";
import type { ClusterStatus } from "@/lib/domain/cluster";
import type { ClusterCapabilities } from "@/lib/domain/cluster-capabilities";
import { formatStatusReason, type HealthCheckResult } from "@/lib/domain/cluster-health";
import { type AuditActor, recordAudit } from "../audit/record-audit";
import type { Prisma } from "../db/generated/prisma/client";
import type { PrismaClient } from "../db/prisma";

export const HEALTH_CHECKER_ACTOR: AuditActor = {
  id: "system:health-checker",
  name: "cluster health checker",
};

export interface PersistOutcome {
  /** False when the cluster is gone, or a newer check was already stored. */
  persisted: boolean;
  statusChanged: boolean;
  versionChanged: boolean;
  previousStatus?: ClusterStatus;
  previousVersion?: string;
}

interface LockedRow {
  name: string;
  environment: string;
  status: ClusterStatus;
  kubevirt_version: string | null;
  last_checked_at: Date | null;
}

export async function persistCheckResult(
  prisma: PrismaClient,
  clusterId: string,
  result: HealthCheckResult,
  opts: { actor?: AuditActor } = {},
): Promise<PersistOutcome> {
  return prisma.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<LockedRow[]>`
      SELECT name, environment::text AS environment, status::text AS status, kubevirt_version, last_checked_at
      FROM clusters WHERE id = ${clusterId} FOR UPDATE`;
    const none: PersistOutcome = { persisted: false, statusChanged: false, versionChanged: false };
    if (!row) return none;
    if (row.last_checked_at && row.last_checked_at > result.checkedAt) return none;

    const previousVersion = row.kubevirt_version ?? undefined;
    const versionChanged =
      result.version !== undefined && previousVersion !== undefined && result.version !== previousVersion;
    await tx.cluster.update({
      where: { id: clusterId },
      data: {
        status: result.status,
        statusReason: result.reason ? formatStatusReason(result.reason) : null,
        lastCheckedAt: result.checkedAt,
        ...(result.version !== undefined ? { kubevirtVersion: result.version } : {}),
        ...(result.capabilities ? capabilityColumns(result.capabilities, result.warnings) : {}),
      },
    });
    if (versionChanged) {
      await recordAudit(tx, {
        action: "cluster.version_drift",
        actor: opts.actor ?? HEALTH_CHECKER_ACTOR,
        resource: { type: "cluster", id: clusterId, name: row.name },
        environment: row.environment,
        details: { from: previousVersion, to: result.version },
      });
    }
    return {
      persisted: true,
      statusChanged: row.status !== result.status,
      versionChanged,
      previousStatus: row.status,
      ...(previousVersion !== undefined ? { previousVersion } : {}),
    };
  });
}

/** The capability columns of SPEC §14.3 / §18.1; detected_capabilities keeps the detail the UI explains. */
function capabilityColumns(
  caps: ClusterCapabilities,
  warnings: HealthCheckResult["warnings"],
): Prisma.ClusterUpdateInput {
  const detected = {
    kubevirt_version: caps.kubevirtVersion ?? null,
    version_source: caps.versionSource ?? null,
    version_known: caps.versionKnown,
    feature_gates: caps.featureGates,
    uncertain_features: caps.uncertainFeatures,
    verified_by_dry_run: caps.verifiedByDryRun,
    apis: caps.apis,
    gpu_devices: caps.gpuDevices,
    hugepages: caps.hugepages,
    sriov_networks: caps.sriovNetworks,
    storage_classes: caps.storageClasses,
    default_storage_class: caps.defaultStorageClass ?? null,
    schedulable_nodes: caps.schedulableNodes,
    warnings,
  };
  return {
    enabledFeatures: caps.enabledFeatures,
    capabilitiesDetectedAt: caps.detectedAt,
    hardwareCapabilities: hardwareCapabilities(caps),
    // A JSON round trip: plain data only, whatever the types allow.
    detectedCapabilities: JSON.parse(JSON.stringify(detected)) as Prisma.InputJsonValue,
    storageClasses: caps.storageClasses,
    defaultStorageClass: caps.defaultStorageClass ?? null,
    storageClassesUpdatedAt: caps.detectedAt,
  };
}
