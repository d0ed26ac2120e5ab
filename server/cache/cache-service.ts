/**
 * CacheService: cluster state as the worker's watchers keep it in PostgreSQL ("local query, no Redis", SPEC §12).
 *
 * What a consumer may rely on:
 * - Rows of one (cluster, kind) are a snapshot at the resourceVersion stored beside them; a batch or a relist
 *   becomes visible all at once. During a relist after 410 reads return the previous snapshot marked STALE,
 *   never an empty or half-written list.
 * - Every read result carries the cache status of the clusters it covers (FRESH or STALE; `getCacheStatus` also
 *   tells REBUILDING apart), so a page can say "last synced …".
 * - Writes to a cluster go through `assertClusterWritable` first: CLUSTER_REBUILDING (503) while its cache is
 *   rebuilding, CLUSTER_UNHEALTHY while the cluster is down or its watchers' breaker is open. Reads degrade to
 *   stale data; writes stay strongly consistent (SPEC §11–§12).
 * - Filtering by what a user may see is the caller's: pass the namespaces, clusters or governed services
 *   (the VM's `kubevirt-shepherd.io/system` + `/service` labels) in scope.
 * - Changes are announced on the NOTIFY channel `shepherd_cache_changed` (change-notifier.ts) after commit.
 */
import "server-only";
import type { VM, VMStatus } from "@/lib/domain";
import { ShepherdLabel } from "@/lib/domain/labels";
import type { VMDevices } from "@/lib/domain/vm-devices";
import { AppError } from "@/lib/errors/app-error";
import { Prisma } from "../db/generated/prisma/client";
import type { ResourceKind } from "../db/generated/prisma/enums";
import type { PrismaClient } from "../db/prisma";
import {
  KNOWN_PRINTABLE_STATUSES,
  mapVM,
  mapVMDevices,
  printableStatusesFor,
  VM_TEMPLATE_LABELS_PATH,
} from "../provider/kubevirt/mapper";
import { CacheSink, type SinkFence } from "./cache-sink";
import { type ClusterCacheStatus, deriveCacheStatus, readStatus } from "./cache-status";
import type { ChangeNotifier } from "./change-notifier";

export type { CacheStatus, ClusterCacheStatus } from "./cache-status";

export const VM_SORT_FIELDS = ["name", "namespace", "cluster", "status", "created"] as const;
export type VmSortField = (typeof VM_SORT_FIELDS)[number];

export interface VmListQuery {
  clusterIds?: readonly string[];
  /** Namespaces to include (the caller intersects them with what the user may see). */
  namespaces?: readonly string[];
  /**
   * Only VMs whose governance labels name one of these (system, service) pairs: a user's scope (their
   * services). An empty list matches nothing; absent means no restriction.
   */
  services?: readonly { system: string; service: string }[];
  statuses?: readonly VMStatus[];
  /** Case-insensitive substring of the VM name. */
  search?: string;
  sort?: { field: VmSortField; direction: "asc" | "desc" };
  limit?: number;
  offset?: number;
}

export interface CachedVM {
  vm: VM;
  clusterName: string;
  resourceVersion: string;
}

/** A cached VM with its uid and devices: what adoption snapshots. */
export interface GovernedCachedVM {
  uid: string;
  vm: VM;
  devices: VMDevices;
}

export interface VmListResult {
  items: CachedVM[];
  total: number;
  /** STALE when any cluster in the result is not FRESH (SPEC §11: rebuilding reads are STALE). */
  cacheStatus: "FRESH" | "STALE";
  /** Per cluster of the query (or every enabled cluster): its status and last sync. */
  clusters: Record<string, ClusterCacheStatus>;
}

export interface CacheServiceOptions {
  prisma: PrismaClient;
  /** A watcher row not refreshed for longer marks its cluster STALE (WATCH_HEARTBEAT_STALE_MS). */
  staleAfterMs: number;
  now?: () => Date;
}

const MAX_LIMIT = 500;
const DEFAULT_LIMIT = 50;

const SORT_COLUMNS: Record<VmSortField, Prisma.Sql> = {
  name: Prisma.sql`vm.name`,
  namespace: Prisma.sql`vm.namespace`,
  cluster: Prisma.sql`c.name`,
  status: Prisma.sql`vm.status`,
  created: Prisma.sql`vm.k8s_created_at`,
};

interface VmRow {
  cluster_id: string;
  cluster_name: string;
  object: unknown;
  vmi: unknown;
  resource_version: string;
  total: bigint | number;
}

/** What the reads below need of a client: the service's own, or a caller's transaction (e.g. an adoption scan). */
export type CacheReader = Pick<Prisma.TransactionClient, "cacheSyncState" | "$queryRaw">;

export class CacheService {
  readonly #o: CacheServiceOptions;
  readonly #now: () => Date;

  constructor(opts: CacheServiceOptions) {
    this.#o = opts;
    this.#now = opts.now ?? (() => new Date());
  }

  /** The WatchSink of one watcher (worker side). */
  sink(
    clusterId: string,
    kind: ResourceKind,
    opts: {
      fence?: SinkFence;
      notifier?: ChangeNotifier;
      onSkip?: (error: unknown, raw: unknown) => void;
    } = {},
  ): CacheSink {
    return new CacheSink({ prisma: this.#o.prisma, clusterId, kind, ...opts });
  }

  async getCacheStatus(clusterId: string, client?: CacheReader): Promise<ClusterCacheStatus> {
    return (
      (await this.getCacheStatuses([clusterId], client))[clusterId] ?? { status: "STALE", lastSyncedAt: null }
    );
  }

  async getCacheStatuses(
    clusterIds: readonly string[],
    client: CacheReader = this.#o.prisma,
  ): Promise<Record<string, ClusterCacheStatus>> {
    const rows = await client.cacheSyncState.findMany({
      where: { clusterId: { in: [...clusterIds] } },
    });
    const out: Record<string, ClusterCacheStatus> = {};
    for (const id of clusterIds) {
      out[id] = deriveCacheStatus(
        rows.filter((r) => r.clusterId === id),
        this.#now(),
        this.#o.staleAfterMs,
      );
    }
    return out;
  }

  async isClusterRebuilding(clusterId: string): Promise<boolean> {
    const count = await this.#o.prisma.cacheSyncState.count({ where: { clusterId, rebuilding: true } });
    return count > 0;
  }

  /**
   * Throws unless a write to the cluster may go ahead: CLUSTER_NOT_FOUND (unknown or disabled),
   * CLUSTER_REBUILDING (its cache relists after a 410), CLUSTER_UNHEALTHY (health check says so, or its
   * watchers' breaker is open: the API server is not answering).
   */
  async assertClusterWritable(clusterId: string): Promise<void> {
    const { prisma } = this.#o;
    const cluster = await prisma.cluster.findUnique({
      where: { id: clusterId },
      select: { name: true, enabled: true, status: true, cacheSyncStates: true },
    });
    if (!cluster?.enabled) throw new AppError("CLUSTER_NOT_FOUND", { cluster: clusterId });
    const params = { cluster: cluster.name };
    if (cluster.cacheSyncStates.some((s) => s.rebuilding))
      throw new AppError("CLUSTER_REBUILDING", params, {
        message: `cluster ${cluster.name}: cache rebuilding after 410 Gone; retry shortly`,
      });
    if (cluster.status === "UNHEALTHY" || cluster.status === "UNREACHABLE")
      throw new AppError("CLUSTER_UNHEALTHY", { ...params, status: cluster.status });
    const now = this.#now().getTime();
    const breakerOpen = cluster.cacheSyncStates.some(
      (s) => s.state === "breaker-open" && now - s.updatedAt.getTime() <= this.#o.staleAfterMs,
    );
    if (breakerOpen)
      throw new AppError(
        "CLUSTER_UNHEALTHY",
        { ...params, status: "UNREACHABLE" },
        { message: `cluster ${cluster.name}: watchers' circuit breaker is open` },
      );
  }

  /** Cached VMs across clusters, with their VMI joined in (status, IP, node), filtered, sorted and paged. */
  async listVMs(query: VmListQuery = {}): Promise<VmListResult> {
    const { prisma } = this.#o;
    const where: Prisma.Sql[] = [Prisma.sql`vm.kind = 'VirtualMachine'`, Prisma.sql`c.enabled`];
    if (query.clusterIds) where.push(inList(Prisma.sql`vm.cluster_id`, query.clusterIds));
    if (query.namespaces) where.push(inList(Prisma.sql`vm.namespace`, query.namespaces));
    if (query.services) where.push(serviceFilter(query.services));
    if (query.statuses) where.push(statusFilter(query.statuses));
    const search = query.search?.trim();
    if (search) where.push(Prisma.sql`vm.name ILIKE ${`%${escapeLike(search)}%`}`);
    const sort = query.sort ?? { field: "name", direction: "asc" };
    const dir = sort.direction === "desc" ? Prisma.sql`DESC` : Prisma.sql`ASC`;
    const order = Prisma.sql`${SORT_COLUMNS[sort.field]} ${dir} NULLS LAST, c.name ${dir}, vm.namespace ${dir}, vm.name ${dir}, vm.uid`;
    const limit = Math.min(Math.max(query.limit ?? DEFAULT_LIMIT, 1), MAX_LIMIT);
    const offset = Math.max(query.offset ?? 0, 0);

    // Page first (indexed columns only), then join each page row's VMI through the (cluster, kind, ns, name) index.
    const rows = await prisma.$queryRaw<VmRow[]>`
      WITH page AS (
        SELECT vm.cluster_id, c.name AS cluster_name, vm.namespace, vm.name, vm.object, vm.resource_version,
               count(*) OVER () AS total, row_number() OVER (ORDER BY ${order}) AS position
        FROM cached_resources vm JOIN clusters c ON c.id = vm.cluster_id
        WHERE ${Prisma.join(where, " AND ")}
        ORDER BY ${order}
        LIMIT ${limit} OFFSET ${offset}
      )
      SELECT page.cluster_id, page.cluster_name, page.object, page.resource_version, page.total, vmi.object AS vmi
      FROM page
      LEFT JOIN cached_resources vmi ON vmi.cluster_id = page.cluster_id AND vmi.kind = 'VirtualMachineInstance'
        AND vmi.namespace = page.namespace AND vmi.name = page.name
      ORDER BY page.position`;

    const clusterIds =
      query.clusterIds ??
      (await prisma.cluster.findMany({ where: { enabled: true }, select: { id: true } })).map((c) => c.id);
    const clusters = await this.getCacheStatuses(clusterIds);
    const items = rows.map((r) => ({
      vm: mapVM(r.object, r.vmi ?? undefined, { cluster: r.cluster_id }),
      clusterName: r.cluster_name,
      resourceVersion: r.resource_version,
    }));
    const statuses = Object.values(clusters).map((c) => c.status);
    return {
      items,
      total: Number(rows[0]?.total ?? (offset > 0 ? await this.#count(where) : 0)),
      cacheStatus: statuses.every((s) => readStatus(s) === "FRESH") ? "FRESH" : "STALE",
      clusters,
    };
  }

  /**
   * The (cluster, namespace) pairs holding at least one cached VM of these services, optionally only within
   * one cluster and some namespaces: what a user's live notices are limited to.
   */
  async namespacesOfServices(
    services: readonly { system: string; service: string }[],
    within: { clusterId?: string; namespaces?: readonly string[] } = {},
  ): Promise<{ clusterId: string; namespace: string }[]> {
    const where: Prisma.Sql[] = [Prisma.sql`vm.kind = 'VirtualMachine'`, serviceFilter(services)];
    if (within.clusterId !== undefined) where.push(Prisma.sql`vm.cluster_id = ${within.clusterId}`);
    if (within.namespaces) where.push(inList(Prisma.sql`vm.namespace`, within.namespaces));
    const rows = await this.#o.prisma.$queryRaw<{ cluster_id: string; namespace: string }[]>`
      SELECT DISTINCT vm.cluster_id, vm.namespace FROM cached_resources vm
      WHERE ${Prisma.join(where, " AND ")}`;
    return rows.map((r) => ({ clusterId: r.cluster_id, namespace: r.namespace }));
  }

  /**
   * Every cached VM of one cluster that carries a `kubevirt-shepherd.io/*` label on itself or its template
   * (what `readGovernance` reads), with its VMI joined for the status. Adoption scans read this.
   */
  async listLabelledVMs(clusterId: string, client?: CacheReader): Promise<GovernedCachedVM[]> {
    const keys = Prisma.join(
      Object.values(ShepherdLabel).filter((k) => k.startsWith("kubevirt-shepherd.io/")),
    );
    const templatePath = `{${VM_TEMPLATE_LABELS_PATH.join(",")}}`;
    return this.#governedVMs(
      Prisma.sql`vm.cluster_id = ${clusterId}
      AND (vm.labels ?| ARRAY[${keys}]::text[] OR (vm.object #> ${templatePath}::text[]) ?| ARRAY[${keys}]::text[])`,
      client,
    );
  }

  /** One cached VM by uid, or undefined when the cache no longer holds it. */
  async getVMByUid(clusterId: string, uid: string): Promise<GovernedCachedVM | undefined> {
    const [found] = await this.#governedVMs(Prisma.sql`vm.cluster_id = ${clusterId} AND vm.uid = ${uid}`);
    return found;
  }

  async #governedVMs(where: Prisma.Sql, client: CacheReader = this.#o.prisma): Promise<GovernedCachedVM[]> {
    const rows = await client.$queryRaw<{ cluster_id: string; uid: string; object: unknown; vmi: unknown }[]>`
      SELECT vm.cluster_id, vm.uid, vm.object, vmi.object AS vmi
      FROM cached_resources vm
      LEFT JOIN cached_resources vmi ON vmi.cluster_id = vm.cluster_id AND vmi.kind = 'VirtualMachineInstance'
        AND vmi.namespace = vm.namespace AND vmi.name = vm.name
      WHERE vm.kind = 'VirtualMachine' AND ${where}
      ORDER BY vm.namespace, vm.name`;
    return rows.map((r) => ({
      uid: r.uid,
      vm: mapVM(r.object, r.vmi ?? undefined, { cluster: r.cluster_id }),
      devices: mapVMDevices(r.object),
    }));
  }

  /** Total matches when the page is past the end (no row carries the window count). */
  async #count(where: Prisma.Sql[]): Promise<number> {
    const [row] = await this.#o.prisma.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM cached_resources vm JOIN clusters c ON c.id = vm.cluster_id
      WHERE ${Prisma.join(where, " AND ")}`;
    return Number(row?.n ?? 0);
  }
}

function inList(column: Prisma.Sql, values: readonly string[]): Prisma.Sql {
  if (values.length === 0) return Prisma.sql`false`;
  return Prisma.sql`${column} IN (${Prisma.join([...values])})`;
}

/** Label containment per pair, so the GIN index on labels serves it. */
function serviceFilter(services: readonly { system: string; service: string }[]): Prisma.Sql {
  if (services.length === 0) return Prisma.sql`false`;
  const parts = services.map(
    ({ system, service }) =>
      Prisma.sql`vm.labels @> ${JSON.stringify({ [ShepherdLabel.system]: system, [ShepherdLabel.service]: service })}::jsonb`,
  );
  return Prisma.sql`(${Prisma.join(parts, " OR ")})`;
}

/** Domain statuses → the printableStatus values that read as them (the mapper's table). */
function statusFilter(statuses: readonly VMStatus[]): Prisma.Sql {
  const { values, includeUnrecognised } = printableStatusesFor(statuses);
  const parts: Prisma.Sql[] = [];
  if (values.length > 0) parts.push(inList(Prisma.sql`vm.status`, values));
  if (includeUnrecognised)
    parts.push(
      Prisma.sql`(vm.status IS NULL OR vm.status NOT IN (${Prisma.join([...KNOWN_PRINTABLE_STATUSES])}))`,
    );
  if (parts.length === 0) return Prisma.sql`false`;
  return Prisma.sql`(${Prisma.join(parts, " OR ")})`;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
