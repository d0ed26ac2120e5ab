/**
 * The admin cluster API's views (lib/clusters/cluster-views.ts) built from the database: the cluster row, its
 * watchers' rows in cache_sync_states (cache status by CacheService's freshness rules, deriveCacheStatus), VM
 * counts, the health history, declared capabilities and the fit of every enabled instance size against the
 * cluster's capabilities (detected ∪ declared). Never reads or returns the credential columns.
 */
import "server-only";
import { readDeclaredCapabilities } from "@/lib/capabilities/declared-capabilities";
import { parseKubeVirtVersion } from "@/lib/capabilities/kubevirt-version";
import type { ClusterListQuery } from "@/lib/clusters/cluster-list-params";
import type {
  CacheStatusView,
  ClusterDetailView,
  ClusterListPage,
  ClusterSummaryView,
  FeatureView,
  GpuDeviceView,
  HealthCheckView,
  ReasonView,
  SriovNetworkView,
  WatcherStateView,
} from "@/lib/clusters/cluster-views";
import { type HealthReasonCode, parseStatusReason } from "@/lib/domain/cluster-health";
import { AppError } from "@/lib/errors/app-error";
import { paginationOf } from "@/lib/pagination";
import { deriveCacheStatus, type SyncStateRow } from "../cache/cache-status";
import type { Prisma } from "../db/generated/prisma/client";
import type { PrismaClient } from "../db/prisma";
import { capabilitySetOfRow } from "./cluster-capability-row";
import { instanceSizeFits, loadEnabledInstanceSizes } from "./instance-size-fits";

/** Checks shown on the detail view (the table keeps more, see HEALTH_HISTORY_LIMIT). */
export const DETAIL_HISTORY_LENGTH = 20;

export interface ViewDeps {
  prisma: PrismaClient;
  /** WATCH_HEARTBEAT_STALE_MS: watcher rows older than this read as STALE / stopped. */
  staleAfterMs: number;
  now?: () => Date;
}

/** Every column but the credentials. */
const ROW = {
  id: true,
  name: true,
  displayName: true,
  apiServerUrl: true,
  environment: true,
  enabled: true,
  status: true,
  statusReason: true,
  lastCheckedAt: true,
  kubevirtVersion: true,
  enabledFeatures: true,
  capabilitiesDetectedAt: true,
  hardwareCapabilities: true,
  detectedCapabilities: true,
  adminDeclaredCapabilities: true,
  storageClasses: true,
  defaultStorageClass: true,
  createdAt: true,
} as const satisfies Prisma.ClusterSelect;

type ClusterRow = Prisma.ClusterGetPayload<{ select: typeof ROW }>;

export async function listClusterViews(deps: ViewDeps, query: ClusterListQuery): Promise<ClusterListPage> {
  const order = query.sort_order;
  const orderBy: Prisma.ClusterOrderByWithRelationInput[] =
    query.sort_by === "name"
      ? [{ name: order }]
      : query.sort_by === "status"
        ? [{ status: order }, { name: "asc" }]
        : [{ createdAt: order }, { name: "asc" }];
  const [total, rows] = await Promise.all([
    deps.prisma.cluster.count(),
    deps.prisma.cluster.findMany({
      select: ROW,
      orderBy,
      skip: (query.page - 1) * query.per_page,
      take: query.per_page,
    }),
  ]);
  const extras = await summaryExtras(
    deps,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((row) => summaryOf(row, extras, deps)),
    pagination: paginationOf(query.page, query.per_page, total),
  };
}

export async function clusterSummaryView(deps: ViewDeps, clusterId: string): Promise<ClusterSummaryView> {
  const row = await loadRow(deps, clusterId);
  return summaryOf(row, await summaryExtras(deps, [row.id]), deps);
}

export async function clusterDetailView(deps: ViewDeps, clusterId: string): Promise<ClusterDetailView> {
  const row = await loadRow(deps, clusterId);
  const [extras, history, sizes] = await Promise.all([
    summaryExtras(deps, [row.id]),
    deps.prisma.clusterHealthCheck.findMany({
      where: { clusterId },
      orderBy: [{ checkedAt: "desc" }, { id: "desc" }],
      take: DETAIL_HISTORY_LENGTH,
    }),
    loadEnabledInstanceSizes(deps.prisma),
  ]);
  const detected = asRecord(row.detectedCapabilities);
  const declared = readDeclaredCapabilities(row.adminDeclaredCapabilities);
  return {
    ...summaryOf(row, extras, deps),
    capabilities_detected_at: row.capabilitiesDetectedAt?.toISOString() ?? null,
    features: featuresOf(row.enabledFeatures, detected),
    apis: apisOf(detected.apis),
    gpu_devices: gpuDevicesOf(detected.gpu_devices),
    hugepages: strings(detected.hugepages),
    sriov_networks: sriovNetworksOf(detected.sriov_networks),
    storage_classes: row.storageClasses,
    default_storage_class: row.defaultStorageClass,
    schedulable_nodes: typeof detected.schedulable_nodes === "number" ? detected.schedulable_nodes : null,
    warnings: reasonsOf(detected.warnings),
    declared,
    health_history: history.map(
      (h): HealthCheckView => ({
        checked_at: h.checkedAt.toISOString(),
        status: h.status as HealthCheckView["status"], // the table's CHECK rules UNKNOWN out
        reason: h.reason ? reasonOf(h.reason) : null,
        warnings: reasonsOf(h.warnings),
        kubevirt_version: h.kubevirtVersion,
        duration_ms: h.durationMs,
        trigger: h.trigger as HealthCheckView["trigger"], // CHECK: schedule or manual
      }),
    ),
    instance_sizes: instanceSizeFits(sizes, capabilitySetOfRow(row)),
  };
}

async function loadRow(deps: ViewDeps, clusterId: string): Promise<ClusterRow> {
  const row = await deps.prisma.cluster.findUnique({ where: { id: clusterId }, select: ROW });
  if (!row) throw new AppError("CLUSTER_NOT_FOUND", { cluster: clusterId });
  return row;
}

interface Extras {
  syncRows: Map<string, SyncStateRow[]>;
  governed: Map<string, number>;
  cached: Map<string, number>;
}

async function summaryExtras(deps: ViewDeps, ids: string[]): Promise<Extras> {
  if (ids.length === 0) return { syncRows: new Map(), governed: new Map(), cached: new Map() };
  const [sync, governed, cached] = await Promise.all([
    deps.prisma.cacheSyncState.findMany({
      where: { clusterId: { in: ids } },
      select: {
        clusterId: true,
        resourceKind: true,
        state: true,
        rebuilding: true,
        syncedAt: true,
        lastEventAt: true,
        updatedAt: true,
        lastError: true,
      },
    }),
    deps.prisma.vm.groupBy({ by: ["clusterId"], where: { clusterId: { in: ids } }, _count: { _all: true } }),
    deps.prisma.cachedResource.groupBy({
      by: ["clusterId"],
      where: { clusterId: { in: ids }, kind: "VirtualMachine" },
      _count: { _all: true },
    }),
  ]);
  const syncRows = new Map<string, SyncStateRow[]>();
  for (const { clusterId, ...row } of sync) {
    const list = syncRows.get(clusterId) ?? [];
    list.push(row);
    syncRows.set(clusterId, list);
  }
  return {
    syncRows,
    governed: new Map(governed.map((g) => [g.clusterId ?? "", g._count._all])),
    cached: new Map(cached.map((c) => [c.clusterId, c._count._all])),
  };
}

function summaryOf(row: ClusterRow, extras: Extras, deps: ViewDeps): ClusterSummaryView {
  const now = (deps.now ?? (() => new Date()))();
  const sync = extras.syncRows.get(row.id) ?? [];
  const cache = deriveCacheStatus(sync, now, deps.staleAfterMs);
  return {
    id: row.id,
    name: row.name,
    display_name: row.displayName ?? row.name,
    environment: row.environment,
    enabled: row.enabled,
    api_server_url: row.apiServerUrl,
    status: row.status,
    status_reason: row.statusReason ? reasonOf(row.statusReason) : null,
    last_checked_at: row.lastCheckedAt?.toISOString() ?? null,
    kubevirt_version: row.kubevirtVersion,
    // What the detector stores as detected.version_known, derived the one way it is.
    version_known: row.kubevirtVersion !== null && parseKubeVirtVersion(row.kubevirtVersion).known,
    watcher_state: deriveWatcherState(sync, now, deps.staleAfterMs),
    cache_status: cache.status satisfies CacheStatusView,
    last_synced_at: cache.lastSyncedAt?.toISOString() ?? null,
    governed_vm_count: extras.governed.get(row.id) ?? 0,
    cached_vm_count: extras.cached.get(row.id) ?? 0,
    created_at: row.createdAt.toISOString(),
  };
}

/**
 * One word for a cluster's six watchers: none yet → not_started; a 410 relist → rebuilding; every row stopped
 * or silent past `staleAfterMs` (no worker runs them) → stopped; refused by RBAC → forbidden; backing off or
 * breaker open → failing; otherwise (listing, watching, absent CRDs) → watching.
 */
export function deriveWatcherState(
  rows: readonly SyncStateRow[],
  now: Date,
  staleAfterMs: number,
): WatcherStateView {
  if (rows.length === 0) return "not_started";
  if (rows.some((r) => r.rebuilding)) return "rebuilding";
  const silent = (r: SyncStateRow) => now.getTime() - r.updatedAt.getTime() > staleAfterMs;
  if (rows.every((r) => r.state === "stopped" || silent(r))) return "stopped";
  if (rows.some((r) => r.state === "forbidden")) return "forbidden";
  if (rows.some((r) => r.state === "backoff" || r.state === "breaker-open")) return "failing";
  return "watching";
}

function reasonOf(text: string): ReasonView {
  const parsed = parseStatusReason(text);
  return { code: parsed.code ?? null, detail: parsed.detail };
}

/** `[{code, detail}]` as stored in detected_capabilities.warnings and the history's warnings. */
function reasonsOf(value: unknown): ReasonView[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((w) => {
    const r = asRecord(w);
    if (typeof r.detail !== "string") return [];
    return [{ code: typeof r.code === "string" ? (r.code as HealthReasonCode) : null, detail: r.detail }];
  });
}

function featuresOf(enabled: readonly string[], detected: Record<string, unknown>): FeatureView[] {
  const dryRun = asRecord(detected.verified_by_dry_run);
  const out = new Map<string, FeatureView>();
  for (const name of enabled) {
    out.set(name, { name, enabled: true, source: name in dryRun ? "dry_run" : "detected", detail: null });
  }
  for (const name of strings(detected.uncertain_features)) {
    if (!out.has(name)) out.set(name, { name, enabled: false, source: "uncertain", detail: null });
  }
  for (const [name, verdict] of Object.entries(dryRun)) {
    const v = asRecord(verdict);
    const detail = typeof v.detail === "string" ? v.detail : null;
    const existing = out.get(name);
    if (existing) existing.detail = detail;
    else out.set(name, { name, enabled: v.enabled === true, source: "dry_run", detail });
  }
  return [...out.values()].sort((a, b) => a.name.localeCompare(b.name));
}

function apisOf(value: unknown): Record<string, string[]> {
  return Object.fromEntries(Object.entries(asRecord(value)).map(([group, v]) => [group, strings(v)]));
}

function gpuDevicesOf(value: unknown): GpuDeviceView[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((d) => {
    const r = asRecord(d);
    if (typeof r.resourceName !== "string") return [];
    return [
      {
        resource_name: r.resourceName,
        total: typeof r.total === "number" ? r.total : 0,
        nodes: strings(r.nodes),
      },
    ];
  });
}

function sriovNetworksOf(value: unknown): SriovNetworkView[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((n) => {
    const r = asRecord(n);
    if (typeof r.namespace !== "string" || typeof r.name !== "string") return [];
    return [
      {
        namespace: r.namespace,
        name: r.name,
        resource_name: typeof r.resourceName === "string" ? r.resourceName : null,
      },
    ];
  });
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
