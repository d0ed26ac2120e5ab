/**
 * The WatchSink of one (cluster, kind) over PostgreSQL (contract in server/watch/watch-sink.ts): each batch and
 * each relist is one transaction that writes the rows and the resourceVersion in cache_sync_states together.
 * Batches are collapsed to the last event per uid (events arrive in order, so the last one is the state), then
 * upserted in one statement from a JSON array (jsonb_to_recordset) and deleted in another. A relist upserts
 * every object with observed_at = now() and sweeps the rows of that kind the list did not return (see the
 * comment on cached_resources). With a fence, every transaction first checks that this process still holds
 * the cluster's ownership lock, and throws SinkFencedError when it does not.
 * After each commit the change goes to the ChangeNotifier (debounced NOTIFY).
 * Objects the kind's `accept` predicate refuses (watched-resources.ts; e.g. Events about pods) are dropped
 * before anything is written, in batches and relists alike, so they never reach the table.
 */
import "server-only";
import type { ResourceKind } from "../db/generated/prisma/enums";
import type { PrismaClient } from "../db/prisma";
import type { WatchEvent } from "../watch/list-watch-source";
import { SinkFencedError } from "../watch/watch-failure";
import type { WatcherStatus, WatchSink } from "../watch/watch-sink";
import { watchedResource } from "../watch/watched-resources";
import { type CachedColumns, cachedColumns } from "./cached-columns";
import type { ChangeNotifier } from "./change-notifier";

/** How to prove, inside a transaction, that this process still owns the cluster (cluster-ownership.ts). */
export interface SinkFence {
  /** The two int4 keys of the session-level advisory lock. */
  key: readonly [number, number];
  /** Backend pid of the session that holds it. */
  sessionPid: number;
}

export interface CacheSinkOptions {
  prisma: PrismaClient;
  clusterId: string;
  kind: ResourceKind;
  fence?: SinkFence;
  notifier?: ChangeNotifier;
  /** Told about objects that cannot be cached (no uid or resourceVersion, no name). */
  onSkip?: (error: unknown, raw: unknown) => void;
  /** Which objects to cache; default: the kind's `accept` in WATCHED_RESOURCES, else all. */
  accept?: (object: unknown) => boolean;
}

type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

/** Rows per INSERT statement: bounds one statement's parameter size on a 10 000-object relist. */
const UPSERT_CHUNK = 1_000;
/** A relist of tens of thousands of objects is one transaction; Prisma's default 5 s would abort it. */
const TX_OPTIONS = { timeout: 300_000, maxWait: 30_000 } as const;

const UPSERT_SQL = `
INSERT INTO cached_resources AS c
  (cluster_id, uid, kind, namespace, name, status, node_name, vm_name, labels, k8s_created_at,
   resource_version, object, observed_at)
SELECT $1, x.uid, $2::"ResourceKind", x.namespace, x.name, x.status, x.node_name, x.vm_name,
       COALESCE(x.labels, '{}'::jsonb), x.k8s_created_at, x.resource_version, x.object, now()
FROM jsonb_to_recordset($3::jsonb) AS x(uid text, namespace text, name text, status text, node_name text,
  vm_name text, labels jsonb, k8s_created_at timestamptz, resource_version text, object jsonb)
ON CONFLICT (cluster_id, uid) DO UPDATE SET
  kind = EXCLUDED.kind, namespace = EXCLUDED.namespace, name = EXCLUDED.name, status = EXCLUDED.status,
  node_name = EXCLUDED.node_name, vm_name = EXCLUDED.vm_name, labels = EXCLUDED.labels,
  k8s_created_at = EXCLUDED.k8s_created_at, resource_version = EXCLUDED.resource_version,
  object = EXCLUDED.object, observed_at = EXCLUDED.observed_at`;

const DELETE_SQL = `
DELETE FROM cached_resources
WHERE cluster_id = $1 AND uid IN (SELECT jsonb_array_elements_text($2::jsonb))`;

const SWEEP_SQL = `
DELETE FROM cached_resources
WHERE cluster_id = $1 AND kind = $2::"ResourceKind" AND observed_at < now()
RETURNING namespace`;

const SAVE_BATCH_SQL = `
INSERT INTO cache_sync_states AS s (cluster_id, resource_kind, resource_version, state, last_event_at, updated_at)
VALUES ($1, $2::"ResourceKind", $3, 'watching', CASE WHEN $4 THEN now() END, now())
ON CONFLICT (cluster_id, resource_kind) DO UPDATE SET
  resource_version = EXCLUDED.resource_version,
  last_event_at = COALESCE(EXCLUDED.last_event_at, s.last_event_at),
  updated_at = now()`;

const SAVE_LIST_SQL = `
INSERT INTO cache_sync_states AS s (cluster_id, resource_kind, resource_version, synced_at, rebuilding, updated_at)
VALUES ($1, $2::"ResourceKind", $3, now(), false, now())
ON CONFLICT (cluster_id, resource_kind) DO UPDATE SET
  resource_version = EXCLUDED.resource_version, synced_at = now(), rebuilding = false, updated_at = now()`;

const MARK_REBUILDING_SQL = `
INSERT INTO cache_sync_states AS s (cluster_id, resource_kind, resource_version, rebuilding, updated_at)
VALUES ($1, $2::"ResourceKind", NULL, true, now())
ON CONFLICT (cluster_id, resource_kind) DO UPDATE SET resource_version = NULL, rebuilding = true, updated_at = now()`;

const REPORT_SQL = `
INSERT INTO cache_sync_states AS s
  (cluster_id, resource_kind, state, relist_count, gone_count, restart_count, last_error, updated_at)
VALUES ($1, $2::"ResourceKind", $3, $4, $5, $6, $7, now())
ON CONFLICT (cluster_id, resource_kind) DO UPDATE SET
  state = EXCLUDED.state, relist_count = EXCLUDED.relist_count, gone_count = EXCLUDED.gone_count,
  restart_count = EXCLUDED.restart_count, last_error = EXCLUDED.last_error, updated_at = now()`;

const FENCE_SQL = `
SELECT count(*)::int AS held FROM pg_locks
WHERE locktype = 'advisory' AND classid = $1::bigint::oid AND objid = $2::bigint::oid AND objsubid = 2
  AND pid = $3 AND granted`;

export class CacheSink implements WatchSink {
  readonly #o: CacheSinkOptions;
  readonly #accept: (object: unknown) => boolean;

  constructor(opts: CacheSinkOptions) {
    this.#o = opts;
    this.#accept = opts.accept ?? watchedResource(opts.kind)?.accept ?? (() => true);
  }

  async loadResourceVersion(): Promise<string | null> {
    const { prisma, clusterId, kind } = this.#o;
    const row = await prisma.cacheSyncState.findUnique({
      where: { clusterId_resourceKind: { clusterId, resourceKind: kind } },
      select: { resourceVersion: true },
    });
    return row?.resourceVersion ?? null;
  }

  async applyBatch(events: readonly WatchEvent[], resourceVersion: string): Promise<void> {
    const { clusterId, kind } = this.#o;
    // The last event per uid is the object's state after the batch (events of one watcher are in order).
    const last = new Map<string, WatchEvent>();
    for (const event of events) {
      if (event.type === "BOOKMARK" || !this.#accept(event.object)) continue;
      const uid = uidOf(event.object);
      if (uid === undefined) {
        this.#o.onSkip?.(new Error(`${event.type} event without metadata.uid`), event.object);
        continue;
      }
      last.delete(uid); // keep insertion order = order of the last event
      last.set(uid, event);
    }
    const upserts: unknown[] = [];
    const deletes: string[] = [];
    const namespaces = new Set<string>();
    for (const [uid, event] of last) {
      if (event.type === "DELETED") {
        deletes.push(uid);
        const ns = namespaceOf(event.object);
        if (ns !== undefined) namespaces.add(ns);
      } else upserts.push(event.object);
    }
    const rows = this.#rows(upserts);
    for (const r of rows) namespaces.add(r.namespace);
    await this.#o.prisma.$transaction(async (tx) => {
      await this.#checkFence(tx);
      await this.#upsert(tx, rows);
      if (deletes.length > 0) await tx.$executeRawUnsafe(DELETE_SQL, clusterId, JSON.stringify(deletes));
      await tx.$executeRawUnsafe(SAVE_BATCH_SQL, clusterId, kind, resourceVersion, last.size > 0);
    }, TX_OPTIONS);
    if (last.size > 0) this.#o.notifier?.changed(clusterId, kind, namespaces);
  }

  async replace(objects: readonly unknown[], resourceVersion: string): Promise<{ swept: number }> {
    const { clusterId, kind } = this.#o;
    const rows = this.#rows(objects.filter(this.#accept));
    const namespaces = new Set(rows.map((r) => r.namespace));
    const swept = await this.#o.prisma.$transaction(async (tx) => {
      await this.#checkFence(tx);
      await this.#upsert(tx, rows);
      const gone = await tx.$queryRawUnsafe<{ namespace: string }[]>(SWEEP_SQL, clusterId, kind);
      for (const g of gone) namespaces.add(g.namespace);
      await tx.$executeRawUnsafe(SAVE_LIST_SQL, clusterId, kind, resourceVersion);
      return gone.length;
    }, TX_OPTIONS);
    this.#o.notifier?.changed(clusterId, kind, namespaces);
    return { swept };
  }

  async markRebuilding(): Promise<void> {
    const { clusterId, kind } = this.#o;
    await this.#o.prisma.$transaction(async (tx) => {
      await this.#checkFence(tx);
      await tx.$executeRawUnsafe(MARK_REBUILDING_SQL, clusterId, kind);
    });
    // Readers show the cluster as stale from now on: tell them.
    this.#o.notifier?.changed(clusterId, kind, []);
  }

  async reportStatus(status: WatcherStatus, opts: { stateChanged?: boolean } = {}): Promise<void> {
    const { prisma, clusterId, kind } = this.#o;
    const lastError = status.lastError === null ? null : status.lastError.slice(0, 1_000);
    await prisma.$transaction(async (tx) => {
      await this.#checkFence(tx);
      await tx.$executeRawUnsafe(
        REPORT_SQL,
        clusterId,
        kind,
        status.state,
        status.relists,
        status.gones,
        status.restarts,
        lastError,
      );
    });
    // A new watcher state changes the cluster's cache status (FRESH / STALE) that pages show, e.g. the
    // clusters page's watcher pill after a disable: announce it, or an open page keeps the old state.
    if (opts.stateChanged) this.#o.notifier?.changed(clusterId, kind, []);
  }

  #rows(objects: readonly unknown[]): (CachedColumns & { object: unknown })[] {
    const { clusterId, kind } = this.#o;
    const ctx = { cluster: clusterId };
    const rows: (CachedColumns & { object: unknown })[] = [];
    for (const object of objects) {
      try {
        const columns = cachedColumns(kind, object, ctx);
        if (columns === undefined)
          this.#o.onSkip?.(new Error("object without uid or resourceVersion"), object);
        else rows.push({ ...columns, object });
      } catch (error) {
        this.#o.onSkip?.(error, object);
      }
    }
    return rows;
  }

  async #upsert(tx: Tx, rows: readonly (CachedColumns & { object: unknown })[]): Promise<void> {
    for (let i = 0; i < rows.length; i += UPSERT_CHUNK) {
      const chunk = rows.slice(i, i + UPSERT_CHUNK);
      await tx.$executeRawUnsafe(UPSERT_SQL, this.#o.clusterId, this.#o.kind, JSON.stringify(chunk));
    }
  }

  async #checkFence(tx: Tx): Promise<void> {
    const fence = this.#o.fence;
    if (!fence) return;
    const [row] = await tx.$queryRawUnsafe<{ held: number }[]>(
      FENCE_SQL,
      fence.key[0],
      fence.key[1],
      fence.sessionPid,
    );
    if ((row?.held ?? 0) === 0)
      throw new SinkFencedError(`cluster ${this.#o.clusterId}: ownership lock no longer held`);
  }
}

function uidOf(object: unknown): string | undefined {
  const meta = metaOf(object);
  return typeof meta?.uid === "string" && meta.uid !== "" ? meta.uid : undefined;
}

function namespaceOf(object: unknown): string | undefined {
  const meta = metaOf(object);
  return typeof meta?.namespace === "string" ? meta.namespace : undefined;
}

function metaOf(object: unknown): Record<string, unknown> | undefined {
  if (typeof object !== "object" || object === null || !("metadata" in object)) return undefined;
  const meta = object.metadata;
  return typeof meta === "object" && meta !== null ? (meta as Record<string, unknown>) : undefined;
}
