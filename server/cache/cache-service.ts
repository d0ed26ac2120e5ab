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
 * - Filtering by what a user may see is the caller's: pass `governedFor` (a user id), which joins the cached
 *   VMs with their `vms` governance rows and keeps those of the user's services (server/vms/vm-scope.ts).
 *   Scope is never decided from labels set in the cluster.
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
   * Only VMs that have a `vms` governance row (same cluster, namespace and name) whose service this user is
   * a member of: a non-admin's scope. Absent means every cached VM, governed or not (admins).
   */
  governedFor?: string;
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
  /** The VM's governance row (joined on cluster, namespace and name), or null when Shepherd does not govern it. */
  governance: { vmId: string; system: string; service: string } | null;
  /** The PENDING adoption item of an ungoverned VM (cluster, uid), when there is one. */
  adoptionItemId: string | null;
}

/** A cached object of one of a VM's kinds, as stored (mappers in server/provider/kubevirt turn it into domain). */
export interface CachedObjectRow {
  kind: ResourceKind;
  name: string;
  object: unknown;
}

/** One cached VM with its raw objects, for the VM page and the action checks. */
export interface CachedVMDetail {
  uid: string;
  vm: VM;
  clusterName: string;
  /** The raw VirtualMachine and VirtualMachineInstance (conditions, guest OS …); vmi undefined when none. */
  rawVm: unknown;
  rawVmi: unknown;
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
  vm_id: string | null;
  system_name: string | null;
  service_name: string | null;
  adoption_item_id: string | null;
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

  /**
   * Cached VMs across clusters, with their VMI joined in (status, IP, node) and their governance row
   * (`vms`, unique on namespace + name, so the join never multiplies rows), filtered, sorted and paged.
   */
  async listVMs(query: VmListQuery = {}): Promise<VmListResult> {
    const { prisma } = this.#o;
    const where: Prisma.Sql[] = [Prisma.sql`vm.kind = 'VirtualMachine'`, Prisma.sql`c.enabled`];
    if (query.clusterIds) where.push(inList(Prisma.sql`vm.cluster_id`, query.clusterIds));
    if (query.namespaces) where.push(inList(Prisma.sql`vm.namespace`, query.namespaces));
    if (query.statuses) where.push(statusFilter(query.statuses));
    const search = query.search?.trim();
    if (search) where.push(Prisma.sql`vm.name ILIKE ${`%${escapeLike(search)}%`}`);
    const join = governanceJoin(query.governedFor);
    const sort = query.sort ?? { field: "name", direction: "asc" };
    const dir = sort.direction === "desc" ? Prisma.sql`DESC` : Prisma.sql`ASC`;
    const order = Prisma.sql`${SORT_COLUMNS[sort.field]} ${dir} NULLS LAST, c.name ${dir}, vm.namespace ${dir}, vm.name ${dir}, vm.uid`;
    const limit = Math.min(Math.max(query.limit ?? DEFAULT_LIMIT, 1), MAX_LIMIT);
    const offset = Math.max(query.offset ?? 0, 0);

    // Page first (indexed columns only; for a user, only the VMs governed in their services), then join each
    // page row's VMI through the (cluster, kind, ns, name) index, its governance row through vms'
    // (namespace, name) index with its service and system names, and an ungoverned VM's pending adoption item.
    const rows = await prisma.$queryRaw<VmRow[]>`
      WITH page AS (
        SELECT vm.cluster_id, c.name AS cluster_name, vm.namespace, vm.name, vm.uid, vm.object,
               vm.resource_version, count(*) OVER () AS total, row_number() OVER (ORDER BY ${order}) AS position
        FROM cached_resources vm JOIN clusters c ON c.id = vm.cluster_id
        ${join}
        WHERE ${Prisma.join(where, " AND ")}
        ORDER BY ${order}
        LIMIT ${limit} OFFSET ${offset}
      )
      SELECT page.cluster_id, page.cluster_name, page.object, page.resource_version, page.total,
             vmi.object AS vmi, g.id AS vm_id, sys.name AS system_name, svc.name AS service_name,
             pa.id AS adoption_item_id
      FROM page
      LEFT JOIN cached_resources vmi ON vmi.cluster_id = page.cluster_id AND vmi.kind = 'VirtualMachineInstance'
        AND vmi.namespace = page.namespace AND vmi.name = page.name
      LEFT JOIN vms g ON g.namespace = page.namespace AND g.name = page.name AND g.cluster_id = page.cluster_id
      LEFT JOIN services svc ON svc.id = g.service_id
      LEFT JOIN systems sys ON sys.id = svc.system_id
      LEFT JOIN pending_adoptions pa ON g.id IS NULL AND pa.cluster_id = page.cluster_id
        AND pa.k8s_uid = page.uid AND pa.status = 'PENDING'
      ORDER BY page.position`;

    const clusterIds =
      query.clusterIds ??
      (await prisma.cluster.findMany({ where: { enabled: true }, select: { id: true } })).map((c) => c.id);
    const clusters = await this.getCacheStatuses(clusterIds);
    const items = rows.map((r) => ({
      vm: mapVM(r.object, r.vmi ?? undefined, { cluster: r.cluster_id }),
      clusterName: r.cluster_name,
      resourceVersion: r.resource_version,
      governance:
        r.vm_id === null
          ? null
          : { vmId: r.vm_id, system: r.system_name ?? "", service: r.service_name ?? "" },
      adoptionItemId: r.adoption_item_id,
    }));
    const statuses = Object.values(clusters).map((c) => c.status);
    return {
      items,
      total: Number(rows[0]?.total ?? (offset > 0 ? await this.#count(join, where) : 0)),
      cacheStatus: statuses.every((s) => readStatus(s) === "FRESH") ? "FRESH" : "STALE",
      clusters,
    };
  }

  /**
   * The (cluster, namespace) pairs holding at least one governed VM of a service this user is a member of,
   * optionally only within one cluster and some namespaces: what a user's live cache notices are limited to.
   * Read from the governance rows, not the cache: a governed VM not yet (or no longer) cached still counts.
   */
  async governedNamespaces(
    userId: string,
    within: { clusterId?: string; namespaces?: readonly string[] } = {},
  ): Promise<{ clusterId: string; namespace: string }[]> {
    const where: Prisma.Sql[] = [
      Prisma.sql`g.cluster_id IS NOT NULL`,
      Prisma.sql`g.service_id IN (SELECT m.service_id FROM service_memberships m WHERE m.user_id = ${userId})`,
    ];
    if (within.clusterId !== undefined) where.push(Prisma.sql`g.cluster_id = ${within.clusterId}`);
    if (within.namespaces) where.push(inList(Prisma.sql`g.namespace`, within.namespaces));
    const rows = await this.#o.prisma.$queryRaw<{ cluster_id: string; namespace: string }[]>`
      SELECT DISTINCT g.cluster_id, g.namespace FROM vms g WHERE ${Prisma.join(where, " AND ")}`;
    return rows.map((r) => ({ clusterId: r.cluster_id, namespace: r.namespace }));
  }

  /** One cached VM by (cluster, namespace, name) with its VMI and raw objects; undefined when not cached. */
  async getVMDetail(clusterId: string, namespace: string, name: string): Promise<CachedVMDetail | undefined> {
    const [row] = await this.#o.prisma.$queryRaw<
      { uid: string; object: unknown; vmi: unknown; cluster_name: string }[]
    >`
      SELECT vm.uid, vm.object, vmi.object AS vmi, c.name AS cluster_name
      FROM cached_resources vm JOIN clusters c ON c.id = vm.cluster_id
      LEFT JOIN cached_resources vmi ON vmi.cluster_id = vm.cluster_id AND vmi.kind = 'VirtualMachineInstance'
        AND vmi.namespace = vm.namespace AND vmi.name = vm.name
      WHERE vm.cluster_id = ${clusterId} AND vm.kind = 'VirtualMachine' AND vm.namespace = ${namespace}
        AND vm.name = ${name}
      LIMIT 1`;
    if (!row) return undefined;
    return {
      uid: row.uid,
      vm: mapVM(row.object, row.vmi ?? undefined, { cluster: clusterId }),
      clusterName: row.cluster_name,
      rawVm: row.object,
      rawVmi: row.vmi ?? undefined,
    };
  }

  /**
   * The cached objects of these kinds that belong to one VM (`vm_name`: a snapshot's or clone's source, a
   * restore's target, a migration's VMI), newest first, through the (cluster, namespace, vm_name) index.
   */
  async listVMObjects(
    clusterId: string,
    namespace: string,
    vmName: string,
    kinds: readonly ResourceKind[],
    limit = 200,
  ): Promise<CachedObjectRow[]> {
    if (kinds.length === 0) return [];
    return this.#o.prisma.$queryRaw<CachedObjectRow[]>`
      SELECT o.kind::text AS kind, o.name, o.object FROM cached_resources o
      WHERE o.cluster_id = ${clusterId} AND o.namespace = ${namespace} AND o.vm_name = ${vmName}
        AND o.kind::text IN (${Prisma.join([...kinds])})
      ORDER BY o.k8s_created_at DESC NULLS LAST, o.name
      LIMIT ${limit}`;
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
  async #count(join: Prisma.Sql, where: Prisma.Sql[]): Promise<number> {
    const [row] = await this.#o.prisma.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM cached_resources vm JOIN clusters c ON c.id = vm.cluster_id ${join}
      WHERE ${Prisma.join(where, " AND ")}`;
    return Number(row?.n ?? 0);
  }
}

function inList(column: Prisma.Sql, values: readonly string[]): Prisma.Sql {
  if (values.length === 0) return Prisma.sql`false`;
  return Prisma.sql`${column} IN (${Prisma.join([...values])})`;
}

/**
 * A user's scope as a join: only cached VMs with a governance row (same cluster, namespace and name) whose
 * service the user is a member of (read live, so a membership change applies at once). Admins: no join here
 * (the page rows get theirs afterwards). `vms` is unique on (namespace, name), which serves the join.
 */
function governanceJoin(userId: string | undefined): Prisma.Sql {
  if (userId === undefined) return Prisma.empty;
  return Prisma.sql`JOIN vms g ON g.namespace = vm.namespace AND g.name = vm.name AND g.cluster_id = vm.cluster_id
    AND g.service_id IN (SELECT m.service_id FROM service_memberships m WHERE m.user_id = ${userId})`;
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
