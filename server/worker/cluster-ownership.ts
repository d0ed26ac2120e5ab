// Which clusters this worker watches: one PostgreSQL session-level advisory lock per cluster, held on a
// dedicated connection (ARCHITECTURE: "each cluster is owned by exactly one worker at a time").
// - A worker that exits or crashes closes its session, so PostgreSQL releases its locks at once and another
//   worker's next poll takes the clusters over; a worker that hangs or loses the network stops talking on the
//   session, and `idle_session_timeout` (the lease) ends it, so takeover is bounded by lease + poll interval.
// - The session is pinged every third of the lease; when it fails, `lost` is set and the caller must stop
//   every watcher at once. Writes are fenced as well: each cache transaction checks the lock is still held by
//   this session (cache-sink.ts), so a worker that lost its lease cannot write after the new owner started.
// Lock key: (class SHEP, 31-bit FNV-1a of the cluster id). A hash collision only makes one worker own both
// clusters together; exclusivity holds.
import pg from "pg";
import type { SinkFence } from "../cache/cache-sink";
import type { Logger } from "../log";

const LOCK_CLASS = 0x53484550; // "SHEP"

export function clusterLockKey(clusterId: string): [number, number] {
  let hash = 0x811c9dc5;
  for (let i = 0; i < clusterId.length; i++) {
    hash ^= clusterId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return [LOCK_CLASS, hash & 0x7fffffff];
}

export interface ClusterOwnershipOptions {
  databaseUrl: string;
  leaseMs: number;
  log: Logger;
}

export class ClusterOwnership {
  readonly #o: ClusterOwnershipOptions;
  #client: pg.Client | undefined;
  #pid = 0;
  #lost = false;
  readonly #held = new Set<string>();

  constructor(opts: ClusterOwnershipOptions) {
    this.#o = opts;
  }

  /** True once the lock session failed: every lock it held is gone. */
  get lost(): boolean {
    return this.#lost;
  }

  get connected(): boolean {
    return this.#client !== undefined && !this.#lost;
  }

  held(): string[] {
    return [...this.#held];
  }

  async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.#o.databaseUrl });
    client.on("error", (err) => {
      this.#o.log.warn({ err }, "ownership session failed; clusters released");
      this.#lost = true;
    });
    client.on("end", () => {
      this.#lost = true;
    });
    await client.connect();
    try {
      await client.query(`SET idle_session_timeout = ${Math.round(this.#o.leaseMs)}`);
      // Names the worker process in pg_stat_activity (operators, tests: which process owns what).
      await client.query(`SET application_name = 'shepherd-worker-ownership:${process.pid}'`);
      const { rows } = await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
      this.#pid = rows[0]?.pid ?? 0;
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    this.#client = client;
    this.#lost = false;
    this.#held.clear();
  }

  /** Takes the cluster's lock if free; the fence to give its sinks, or undefined when another worker has it. */
  async tryAcquire(clusterId: string): Promise<SinkFence | undefined> {
    const client = this.#live();
    const key = clusterLockKey(clusterId);
    const { rows } = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1, $2) AS ok", key);
    if (!rows[0]?.ok) return undefined;
    this.#held.add(clusterId);
    return { key, sessionPid: this.#pid };
  }

  async release(clusterId: string): Promise<void> {
    if (!this.#held.delete(clusterId) || this.#lost || !this.#client) return;
    await this.#client.query("SELECT pg_advisory_unlock($1, $2)", clusterLockKey(clusterId));
  }

  /** Keeps the lease alive; false (and `lost`) when the session is gone. */
  async ping(): Promise<boolean> {
    try {
      await this.#live().query("SELECT 1");
      return true;
    } catch {
      this.#lost = true;
      return false;
    }
  }

  /** Closes the session (every lock goes with it). */
  async close(): Promise<void> {
    const client = this.#client;
    this.#client = undefined;
    this.#held.clear();
    if (client) await client.end().catch(() => undefined);
  }

  #live(): pg.Client {
    if (!this.#client || this.#lost) throw new Error("ownership session is not connected");
    return this.#client;
  }
}
