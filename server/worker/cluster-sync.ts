// Keeps every enabled cluster watched by exactly one worker: polls the clusters table, takes the ownership
// lock of each enabled cluster nobody holds (cluster-ownership.ts), and runs its six ResourceWatchers with one
// shared circuit breaker; a disabled or deleted cluster's watchers stop and its lock is released. A cluster
// change notice (follow-cluster-changes.ts) runs a poll at once (`reconcileNow`), or restarts one cluster's
// watchers with fresh credentials (`restart`); the poll every CLUSTER_OWNERSHIP_POLL_MS stays as the fallback
// for a lost notice. When the ownership session is lost, every watcher stops at once; the next poll
// reconnects and competes again.
// `run` is one owned background task: it resolves after its signal aborts and every watcher has stopped.

import type { CacheService } from "../cache/cache-service";
import type { SinkFence } from "../cache/cache-sink";
import type { ChangeNotifier } from "../cache/change-notifier";
import type { Config } from "../config";
import type { PrismaClient } from "../db/prisma";
import type { ClusterConnections } from "../k8s/cluster-connections";
import type { ClusterGate } from "../k8s/cluster-gate";
import type { Logger } from "../log";
import { watchBackoff } from "../watch/backoff";
import { createClusterBreaker, type WatchBreaker } from "../watch/circuit-breaker";
import { sleep, systemClock } from "../watch/clock";
import { kubeListWatchSource } from "../watch/kube-list-watch-source";
import { ResourceWatcher } from "../watch/resource-watcher";
import { countsTowardBreaker } from "../watch/watch-failure";
import { collectionPath, WATCHED_RESOURCES } from "../watch/watched-resources";
import { ClusterOwnership } from "./cluster-ownership";
import type { ReadinessWatcher } from "./metrics-server";
import type { WorkerMetrics } from "./worker-metrics";

export interface ClusterSyncOptions {
  config: Pick<Config, "watch" | "ownership">;
  prisma: PrismaClient;
  databaseUrl: string;
  connections: ClusterConnections;
  gate: ClusterGate;
  cache: CacheService;
  notifier: ChangeNotifier;
  metrics?: WorkerMetrics;
  log: Logger;
}

interface ClusterWatch {
  clusterId: string;
  abort: AbortController;
  breaker: WatchBreaker;
  watchers: { watcher: ResourceWatcher; startedAt: Date }[];
  done: Promise<void>;
  finished: boolean;
}

export class ClusterSync {
  readonly #o: ClusterSyncOptions;
  readonly #ownership: ClusterOwnership;
  readonly #clusters = new Map<string, ClusterWatch>();
  /** Clusters whose watchers the next poll stops and starts again (rotated credentials). */
  readonly #restarts = new Set<string>();
  /** Aborted to end the current wait between polls early. */
  #wake = new AbortController();

  constructor(opts: ClusterSyncOptions) {
    this.#o = opts;
    this.#ownership = new ClusterOwnership({
      databaseUrl: opts.databaseUrl,
      leaseMs: opts.config.ownership.leaseMs,
      log: opts.log,
    });
  }

  /** Cluster ids this worker watches now. */
  ownedClusters(): string[] {
    return [...this.#clusters.keys()];
  }

  watchers(): ReadinessWatcher[] {
    return [...this.#clusters.values()].flatMap((c) =>
      c.watchers.map(({ watcher, startedAt }) => ({
        clusterId: watcher.clusterId,
        kind: watcher.kind,
        status: watcher.status(),
        breakerState: watcher.breakerState,
        startedAt,
      })),
    );
  }

  /** Polls now instead of at the end of the wait (a cluster was registered, enabled, disabled or deleted). */
  reconcileNow(): void {
    this.#wake.abort();
  }

  /** Stops the cluster's watchers and starts them again at once, so open watches use fresh credentials. */
  restart(clusterId: string): void {
    if (this.#clusters.has(clusterId)) this.#restarts.add(clusterId);
    this.reconcileNow();
  }

  async run(signal: AbortSignal): Promise<void> {
    const { config, log } = this.#o;
    // Poll often enough to keep the lease (a third of it) and to notice new clusters.
    const period = Math.min(config.ownership.pollMs, config.ownership.leaseMs / 3);
    try {
      while (!signal.aborted) {
        // A fresh wake-up per round, taken before the poll: a notice during the poll triggers another one.
        const wake = new AbortController();
        this.#wake = wake;
        const onStop = () => wake.abort();
        signal.addEventListener("abort", onStop, { once: true });
        try {
          await this.#reconcile(signal);
          log.debug({ owned: this.#clusters.size }, "cluster ownership polled");
        } catch (err) {
          if (signal.aborted) break;
          log.warn({ err }, "cluster ownership poll failed; retrying at the next poll");
        } finally {
          if (!wake.signal.aborted) await sleep(systemClock, period, wake.signal);
          signal.removeEventListener("abort", onStop);
        }
      }
    } finally {
      await this.#stopAll();
      await this.#ownership.close();
    }
  }

  async #reconcile(signal: AbortSignal): Promise<void> {
    if (this.#ownership.lost || !this.#ownership.connected) {
      if (this.#clusters.size > 0) {
        this.#o.log.warn({ clusters: this.ownedClusters() }, "ownership lost: stopping every watcher");
        await this.#stopAll();
      }
      await this.#ownership.close();
      await this.#ownership.connect();
    } else if (!(await this.#ownership.ping())) {
      return this.#reconcile(signal);
    }
    const enabled = new Set(
      (await this.#o.prisma.cluster.findMany({ where: { enabled: true }, select: { id: true } })).map(
        (c) => c.id,
      ),
    );
    for (const [id, watch] of this.#clusters) {
      const restart = this.#restarts.delete(id);
      if (!enabled.has(id) || watch.finished || restart) {
        this.#o.log.info(
          { cluster: id },
          !enabled.has(id)
            ? "cluster disabled or deleted: stopping"
            : restart
              ? "cluster credentials changed: restarting its watchers"
              : "cluster watch ended",
        );
        await this.#stop(id);
      }
    }
    for (const id of enabled) {
      if (signal.aborted) return;
      if (this.#clusters.has(id)) continue;
      const fence = await this.#ownership.tryAcquire(id);
      if (fence) this.#start(id, fence);
    }
  }

  #start(clusterId: string, fence: SinkFence): void {
    const { config, connections, gate, cache, notifier, metrics, log } = this.#o;
    log.info({ cluster: clusterId }, "took cluster ownership: starting watchers");
    const abort = new AbortController();
    const breaker = createClusterBreaker({
      threshold: config.watch.breakerThreshold,
      openMs: config.watch.breakerOpenMs,
      counts: countsTowardBreaker,
    });
    const watchers = WATCHED_RESOURCES.map(({ kind, api }) => {
      const watcher = new ResourceWatcher({
        clusterId,
        kind,
        source: kubeListWatchSource({
          clusterId,
          path: collectionPath(api),
          client: (signal) => connections.get(clusterId, { signal }),
          invalidate: () => connections.invalidate(clusterId),
          gate,
        }),
        sink: cache.sink(clusterId, kind, {
          fence,
          notifier,
          onSkip: (err) => log.warn({ err, cluster: clusterId, kind }, "object not cached"),
        }),
        breaker,
        backoff: watchBackoff(config.watch),
        timing: config.watch,
        log,
        ...(metrics ? { metrics: metrics.forWatcher(clusterId, kind) } : {}),
      });
      return { watcher, startedAt: new Date() };
    });
    const entry: ClusterWatch = {
      clusterId,
      abort,
      breaker,
      watchers,
      done: Promise.resolve(),
      finished: false,
    };
    entry.done = Promise.all(
      watchers.map(({ watcher }) =>
        watcher.run(abort.signal).catch((err: unknown) => {
          // Fenced: another worker owns the cluster now. Stop its other watchers; the next poll releases it.
          log.warn({ err, cluster: clusterId, kind: watcher.kind }, "watcher stopped for good");
          abort.abort(err);
        }),
      ),
    ).then(() => {
      entry.finished = true;
    });
    this.#clusters.set(clusterId, entry);
  }

  async #stop(clusterId: string): Promise<void> {
    const entry = this.#clusters.get(clusterId);
    if (!entry) return;
    entry.abort.abort(new Error("cluster released"));
    await entry.done;
    this.#clusters.delete(clusterId);
    await this.#ownership.release(clusterId).catch(() => undefined);
  }

  async #stopAll(): Promise<void> {
    await Promise.all([...this.#clusters.keys()].map((id) => this.#stop(id)));
    await this.#o.notifier.flush();
  }
}
