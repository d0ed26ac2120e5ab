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
 *
 * In the same transaction: the check joins the cluster's health history (`cluster_health_checks`, the newest
 * HEALTH_HISTORY_LIMIT kept), a version change revalidates the enabled instance sizes against the new
 * capabilities (the result goes into the drift audit; sizes that stopped fitting are logged at warn after the
 * commit), and `NOTIFY shepherd_cluster_changed` (change `checked`) is queued for the commit.
 */
import "server-only";
import { hardwareCapabilities } from "@/lib/capabilities/cluster-capability-set";
import type { ClusterStatus } from "@/lib/domain/cluster";
import type { ClusterCapabilities } from "@/lib/domain/cluster-capabilities";
import { formatStatusReason, type HealthCheckResult } from "@/lib/domain/cluster-health";
import { type AuditActor, recordAudit } from "../audit/record-audit";
import type { Prisma } from "../db/generated/prisma/client";
import type { PrismaClient } from "../db/prisma";
import type { Logger } from "../log";
import { capabilitySetOfRow } from "./cluster-capability-row";
import { instanceSizeFits, loadEnabledInstanceSizes } from "./instance-size-fits";
import { notifyClusterChanged } from "./notify-cluster-changed";

/** Checks kept per cluster; older ones are pruned by the check that pushes them out. */
export const HEALTH_HISTORY_LIMIT = 100;

/** "schedule": the worker's loop; "manual": check now, or the test before registration or rotation. */
export type CheckTrigger = "schedule" | "manual";

export interface PersistOptions {
  actor?: AuditActor;
  trigger?: CheckTrigger;
  /** Queue the `checked` notice (default true; registration and rotation send their own). */
  notify?: boolean;
}

/** Instance sizes checked against the new capabilities after a KubeVirt version change. */
export interface SizeRevalidation {
  compatible: string[];
  incompatible: { instance_size: string; missing: string[] }[];
  /** Fitted before the change and no longer do. */
  became_incompatible: { instance_size: string; missing: string[] }[];
}

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
  /** Present when the version changed. */
  revalidation?: SizeRevalidation;
}

interface LockedRow {
  name: string;
  environment: string;
  status: ClusterStatus;
  kubevirt_version: string | null;
  last_checked_at: Date | null;
  enabled_features: string[];
  hardware_capabilities: unknown;
  admin_declared_capabilities: unknown;
}

export async function persistCheckResult(
  prisma: PrismaClient,
  clusterId: string,
  result: HealthCheckResult,
  opts: PersistOptions & { log?: Pick<Logger, "warn"> } = {},
): Promise<PersistOutcome> {
  const outcome = await prisma.$transaction((tx) => persistCheckResultIn(tx, clusterId, result, opts));
  if (opts.log) logRevalidation(opts.log, clusterId, outcome);
  return outcome;
}

/** Sizes that stopped fitting after a version change: worth an operator's attention (after the commit). */
export function logRevalidation(log: Pick<Logger, "warn">, clusterId: string, outcome: PersistOutcome): void {
  const lost = outcome.revalidation?.became_incompatible ?? [];
  if (lost.length === 0) return;
  log.warn(
    { cluster: clusterId, from: outcome.previousVersion, sizes: lost },
    "instance sizes no longer compatible with the cluster after its KubeVirt version changed",
  );
}

/**
 * The one log line of a stored check that changed a cluster's status or KubeVirt version (the worker's loop,
 * check now, registration and rotation all log it the same way); a check that changed nothing, or was not
 * stored, logs nothing.
 */
export function logCheckOutcome(
  log: Pick<Logger, "info">,
  cluster: { id: string; name: string },
  result: Pick<HealthCheckResult, "status" | "version">,
  outcome: PersistOutcome | undefined,
): void {
  if (!outcome?.persisted || !(outcome.statusChanged || outcome.versionChanged)) return;
  log.info(
    {
      cluster: cluster.name,
      id: cluster.id,
      status: result.status,
      from: outcome.previousStatus,
      version: result.version,
      previousVersion: outcome.previousVersion,
    },
    "cluster health changed",
  );
}

/** persistCheckResult inside the caller's transaction (registration and rotation record their test). */
export async function persistCheckResultIn(
  tx: Prisma.TransactionClient,
  clusterId: string,
  result: HealthCheckResult,
  opts: PersistOptions = {},
): Promise<PersistOutcome> {
  const [row] = await tx.$queryRaw<LockedRow[]>`
    SELECT name, environment::text AS environment, status::text AS status, kubevirt_version, last_checked_at,
      enabled_features, hardware_capabilities, admin_declared_capabilities
    FROM clusters WHERE id = ${clusterId} FOR UPDATE`;
  const none: PersistOutcome = { persisted: false, statusChanged: false, versionChanged: false };
  if (!row) return none;
  if (row.last_checked_at && row.last_checked_at > result.checkedAt) return none;

  const previousVersion = row.kubevirt_version ?? undefined;
  const versionChanged =
    result.version !== undefined && previousVersion !== undefined && result.version !== previousVersion;
  const updated = await tx.cluster.update({
    where: { id: clusterId },
    data: {
      status: result.status,
      statusReason: result.reason ? formatStatusReason(result.reason) : null,
      lastCheckedAt: result.checkedAt,
      ...(result.version !== undefined ? { kubevirtVersion: result.version } : {}),
      ...(result.capabilities ? capabilityColumns(result.capabilities, result.warnings) : {}),
    },
    select: { enabledFeatures: true, hardwareCapabilities: true, adminDeclaredCapabilities: true },
  });
  await recordHistory(tx, clusterId, result, opts.trigger ?? "schedule");

  let revalidation: SizeRevalidation | undefined;
  if (versionChanged) {
    revalidation = await revalidateSizes(tx, row, updated);
    await recordAudit(tx, {
      action: "cluster.version_drift",
      actor: opts.actor ?? HEALTH_CHECKER_ACTOR,
      resource: { type: "cluster", id: clusterId, name: row.name },
      environment: row.environment,
      details: { from: previousVersion, to: result.version, instance_sizes: revalidation },
    });
  }
  if (opts.notify ?? true) await notifyClusterChanged(tx, clusterId, "checked");
  return {
    persisted: true,
    statusChanged: row.status !== result.status,
    versionChanged,
    previousStatus: row.status,
    ...(previousVersion !== undefined ? { previousVersion } : {}),
    ...(revalidation ? { revalidation } : {}),
  };
}

async function recordHistory(
  tx: Prisma.TransactionClient,
  clusterId: string,
  result: HealthCheckResult,
  trigger: CheckTrigger,
): Promise<void> {
  await tx.clusterHealthCheck.create({
    data: {
      clusterId,
      checkedAt: result.checkedAt,
      status: result.status,
      reason: result.reason ? formatStatusReason(result.reason) : null,
      warnings: result.warnings.map((w) => ({ code: w.code, detail: w.detail })),
      kubevirtVersion: result.version ?? null,
      durationMs: Math.max(0, Math.round(result.durationMs)),
      trigger,
    },
  });
  await tx.$executeRaw`
    DELETE FROM cluster_health_checks WHERE id IN (
      SELECT id FROM cluster_health_checks WHERE cluster_id = ${clusterId}
      ORDER BY checked_at DESC, id DESC OFFSET ${HEALTH_HISTORY_LIMIT})`;
}

async function revalidateSizes(
  tx: Prisma.TransactionClient,
  before: LockedRow,
  after: { enabledFeatures: string[]; hardwareCapabilities: unknown; adminDeclaredCapabilities: unknown },
): Promise<SizeRevalidation> {
  const sizes = await loadEnabledInstanceSizes(tx);
  const was = instanceSizeFits(
    sizes,
    capabilitySetOfRow({
      enabledFeatures: before.enabled_features,
      hardwareCapabilities: before.hardware_capabilities,
      adminDeclaredCapabilities: before.admin_declared_capabilities,
    }),
  );
  const now = instanceSizeFits(sizes, capabilitySetOfRow(after));
  const fittedBefore = new Set(was.filter((f) => f.compatible).map((f) => f.instance_size));
  const incompatible = now
    .filter((f) => !f.compatible)
    .map((f) => ({ instance_size: f.instance_size, missing: f.missing }));
  return {
    compatible: now.filter((f) => f.compatible).map((f) => f.instance_size),
    incompatible,
    became_incompatible: incompatible.filter((f) => fittedBefore.has(f.instance_size)),
  };
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
