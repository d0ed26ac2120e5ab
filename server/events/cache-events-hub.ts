/**
 * CacheEventsHub: one PostgreSQL connection per web process LISTENing on `shepherd_cache_changed`,
 * `shepherd_cluster_changed`, `shepherd_adoptions_changed` and `shepherd_tasks_changed`, fanned out to any number of subscribers (each SSE connection is one), so a
 * thousand open pages cost one database session, not a thousand. The worker runs one too, on the cluster
 * channel only, to follow cluster changes (server/worker/follow-cluster-changes.ts).
 *
 * What a subscriber may rely on:
 * - Notices arrive in the order PostgreSQL delivered them; a payload that is not a notice is dropped.
 * - When the LISTEN connection drops, the hub reconnects with exponential backoff (jittered, capped) and,
 *   once listening again, calls every subscriber's `onResync`: notices sent while it was down are lost, so
 *   consumers re-query everything they show. A notice carries no data, so nothing else is lost.
 * - The hub connects on the first subscription and stays connected until `close()`.
 * Filtering by what a user may see is the subscriber's (notice-filter.ts).
 */
import "server-only";
import pg from "pg";
import { type AdoptionChangeNotice, parseAdoptionChangeNotice } from "@/lib/adoption/adoption-change-notice";
import { type ClusterChangeNotice, parseClusterChangeNotice } from "@/lib/clusters/cluster-change-notice";
import {
  parseTaskChangeNotice,
  TASKS_CHANGED_CHANNEL,
  type TaskChangeNotice,
} from "@/lib/vms/task-change-notice";
import { ADOPTIONS_CHANGED_CHANNEL } from "../adoption/adoption-change-notice";
import {
  CACHE_CHANGES_CHANNEL,
  type CacheChangeNotice,
  parseCacheChangeNotice,
} from "../cache/change-notifier";
import { CLUSTER_CHANGES_CHANNEL } from "../clusters/notify-cluster-changed";
import type { Logger } from "../log";

export interface CacheEventsSubscriber {
  onNotice(notice: CacheChangeNotice): void;
  /** A cluster was registered, edited, re-keyed, deleted or checked (no data: re-query it). */
  onClusterNotice?(notice: ClusterChangeNotice): void;
  /** The adoption inbox of a cluster changed (a scan or a decision; no data: re-query it). */
  onAdoptionNotice?(notice: AdoptionChangeNotice): void;
  /** A VM operation was requested, decided or finished (no data: re-query the task or the VM). */
  onTaskNotice?(notice: TaskChangeNotice): void;
  /** The hub was disconnected and is listening again: refresh everything. */
  onResync?(): void;
}

export type CacheEventsHubState = "idle" | "connecting" | "listening" | "backoff" | "closed";

export interface CacheEventsHubOptions {
  databaseUrl: string;
  /** The cache channel; default `shepherd_cache_changed`. */
  channel?: string;
  /** The cluster channel; default `shepherd_cluster_changed`. */
  clusterChannel?: string;
  /** The adoption channel; default `shepherd_adoptions_changed`. */
  adoptionChannel?: string;
  /** The task channel; default `shepherd_tasks_changed`. */
  taskChannel?: string;
  /** Which channels to LISTEN on; default all. */
  listen?: { cache: boolean; cluster: boolean; adoption: boolean; task?: boolean };
  /** pg_stat_activity name of the session; default EVENTS_APPLICATION_NAME. */
  applicationName?: string;
  /** First reconnect delay; doubles per failed attempt up to `maxBackoffMs`. */
  minBackoffMs?: number;
  maxBackoffMs?: number;
  log?: Pick<Logger, "warn" | "info">;
  random?: () => number;
}

// A lost LISTEN session means pages stop updating: retry quickly, but never hammer a database that is down.
const DEFAULT_MIN_BACKOFF_MS = 500;
const DEFAULT_MAX_BACKOFF_MS = 30_000;
/** Names the session in pg_stat_activity (operators; tests find it there). */
export const EVENTS_APPLICATION_NAME = "shepherd-web-events";

export class CacheEventsHub {
  readonly #o: Required<Omit<CacheEventsHubOptions, "log">> & { log?: CacheEventsHubOptions["log"] };
  readonly #subscribers = new Set<CacheEventsSubscriber>();
  #state: CacheEventsHubState = "idle";
  #client: pg.Client | undefined;
  #attempt = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #connectedOnce = false;
  #waiters: (() => void)[] = [];

  constructor(opts: CacheEventsHubOptions) {
    this.#o = {
      channel: CACHE_CHANGES_CHANNEL,
      clusterChannel: CLUSTER_CHANGES_CHANNEL,
      adoptionChannel: ADOPTIONS_CHANGED_CHANNEL,
      taskChannel: TASKS_CHANGED_CHANNEL,
      listen: { cache: true, cluster: true, adoption: true, task: true },
      applicationName: EVENTS_APPLICATION_NAME,
      minBackoffMs: DEFAULT_MIN_BACKOFF_MS,
      maxBackoffMs: DEFAULT_MAX_BACKOFF_MS,
      random: Math.random,
      ...opts,
    };
  }

  get state(): CacheEventsHubState {
    return this.#state;
  }

  get subscriberCount(): number {
    return this.#subscribers.size;
  }

  /** Adds a subscriber (connecting on the first one); returns its unsubscribe function. */
  subscribe(subscriber: CacheEventsSubscriber): () => void {
    if (this.#state === "closed") throw new Error("CacheEventsHub is closed");
    this.#subscribers.add(subscriber);
    if (this.#state === "idle") void this.#connect();
    return () => {
      this.#subscribers.delete(subscriber);
    };
  }

  /** Resolves once the hub is listening (at once when it already is). */
  listening(): Promise<void> {
    if (this.#state === "listening") return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  async close(): Promise<void> {
    this.#state = "closed";
    clearTimeout(this.#timer);
    this.#subscribers.clear();
    const client = this.#client;
    this.#client = undefined;
    await client?.end().catch(() => undefined);
  }

  async #connect(): Promise<void> {
    if (this.#state === "closed") return;
    this.#state = "connecting";
    const client = new pg.Client({
      connectionString: this.#o.databaseUrl,
      application_name: this.#o.applicationName,
    });
    let failed = false;
    const onLost = (error?: unknown) => {
      if (failed) return;
      failed = true;
      if (this.#client === client) this.#client = undefined;
      void client.end().catch(() => undefined);
      if (this.#state === "closed") return;
      this.#o.log?.warn({ err: error }, "change notices: LISTEN connection lost; reconnecting");
      this.#scheduleReconnect();
    };
    client.on("error", onLost);
    client.on("end", () => onLost());
    client.on("notification", (message) => {
      if (message.payload === undefined) return;
      if (message.channel === this.#o.channel) {
        const notice = parseCacheChangeNotice(message.payload);
        if (notice) this.#emit((s) => s.onNotice(notice));
      } else if (message.channel === this.#o.clusterChannel) {
        const notice = parseClusterChangeNotice(message.payload);
        if (notice) this.#emit((s) => s.onClusterNotice?.(notice));
      } else if (message.channel === this.#o.adoptionChannel) {
        const notice = parseAdoptionChangeNotice(message.payload);
        if (notice) this.#emit((s) => s.onAdoptionNotice?.(notice));
      } else if (message.channel === this.#o.taskChannel) {
        const notice = parseTaskChangeNotice(message.payload);
        if (notice) this.#emit((s) => s.onTaskNotice?.(notice));
      }
    });
    try {
      await client.connect();
      const channels = [
        ...(this.#o.listen.cache ? [this.#o.channel] : []),
        ...(this.#o.listen.cluster ? [this.#o.clusterChannel] : []),
        ...(this.#o.listen.adoption ? [this.#o.adoptionChannel] : []),
        ...(this.#o.listen.task !== false ? [this.#o.taskChannel] : []),
      ];
      for (const channel of channels) await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    } catch (error) {
      onLost(error);
      return;
    }
    if (failed) return;
    if (this.#isClosed()) {
      await client.end().catch(() => undefined);
      return;
    }
    this.#client = client;
    this.#state = "listening";
    this.#attempt = 0;
    const resync = this.#connectedOnce;
    this.#connectedOnce = true;
    for (const resolve of this.#waiters.splice(0)) resolve();
    if (resync) {
      this.#o.log?.info({}, "change notices: listening again");
      this.#emit((s) => s.onResync?.());
    }
  }

  // A method, not an inline comparison: the state changes across the awaits above.
  #isClosed(): boolean {
    return this.#state === "closed";
  }

  #scheduleReconnect(): void {
    this.#state = "backoff";
    const step = Math.min(this.#o.maxBackoffMs, this.#o.minBackoffMs * 2 ** this.#attempt);
    this.#attempt++;
    const delay = step / 2 + (step / 2) * this.#o.random();
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#connect(), delay);
  }

  #emit(call: (s: CacheEventsSubscriber) => void): void {
    for (const subscriber of this.#subscribers) {
      try {
        call(subscriber);
      } catch (error) {
        this.#o.log?.warn({ err: error }, "change notices: a subscriber failed");
      }
    }
  }
}
