// The worker: owns every background task of Shepherd — the heartbeat, and (given a database URL and the
// credential cipher) the cluster watchers that keep PostgreSQL in step with every cluster (cluster-sync.ts),
// the listener that makes them follow cluster changes at once (follow-cluster-changes.ts), the health checks
// and the adoption scans of the clusters it owns, the job queue runner (VM operations, server/jobs), plus the
// metrics/readiness endpoint. start() returns at once;
// stop() aborts every task and resolves when all of them have finished.
import { setMaxListeners } from "node:events";
import { CacheService } from "../cache/cache-service";
import { ChangeNotifier } from "../cache/change-notifier";
import { checkAllClusters } from "../clusters/check-all-clusters";
import { storedProviderCapabilities } from "../clusters/cluster-capability-row";
import { logCheckOutcome } from "../clusters/persist-check-result";
import type { Config } from "../config";
import type { PrismaClient } from "../db/prisma";
import { createJobRegistry } from "../jobs/job-registry";
import { runJobQueue } from "../jobs/job-runner";
import type { VmOperationJobDeps } from "../jobs/vm-operation-job";
import { ClusterConnections } from "../k8s/cluster-connections";
import { ClusterGate } from "../k8s/cluster-gate";
import type { CredentialCipher } from "../k8s/credential-cipher";
import type { Logger } from "../log";
import { createKubeVirtProvider } from "../provider";
import { runAdoptionScanTask } from "./adoption-scan-task";
import { ClusterSync } from "./cluster-sync";
import { followClusterChanges } from "./follow-cluster-changes";
import { beat, markStopped, newWorkerIdentity, type WorkerIdentity } from "./heartbeat";
import { startMetricsServer } from "./metrics-server";
import { runPeriodically } from "./periodic-task";
import { WorkerMetrics } from "./worker-metrics";

export interface WorkerOptions {
  /** Without `adoption`, no adoption scans run (tests that scan by hand). */
  config: Pick<Config, "worker"> &
    Partial<Pick<Config, "watch" | "ownership" | "cache" | "k8s" | "adoption" | "jobs">>;
  prisma: PrismaClient;
  log: Logger;
  /** With both, the worker watches the clusters it owns. */
  clusterSync?: { databaseUrl: string; cipher: CredentialCipher };
  /** Serve /metrics and /api/health/ready on this port (0: any free port). */
  metricsPort?: number;
  /** Test hook of the VM operation job (vm-operation-job.ts): runs between the provider call and the outcome. */
  afterProviderCall?: VmOperationJobDeps["afterProviderCall"];
}

/**
 * Listeners on the worker's shutdown signal: its tasks plus one per watcher (seven per owned cluster), so it
 * grows with the clusters; a real leak (one per event or call) would still pass this and warn.
 */
const MAX_SIGNAL_LISTENERS = 1_000;

export class Worker {
  readonly identity: WorkerIdentity = newWorkerIdentity();
  private readonly abort = new AbortController();
  private tasks: Promise<void>[] = [];
  private stopped: Promise<void> | undefined;
  private sync: ClusterSync | undefined;
  private connections: ClusterConnections | undefined;
  /** The port the metrics endpoint listens on, once started. */
  metricsPort: number | undefined;

  constructor(private readonly opts: WorkerOptions) {}

  start(): void {
    const { config, prisma, log } = this.opts;
    const signal = this.abort.signal;
    // Every owned task and each watcher listen on this one signal; Node warns past 10 listeners by default.
    setMaxListeners(MAX_SIGNAL_LISTENERS, signal);
    log.info({ worker: this.identity.id }, "worker starting");
    this.tasks.push(
      runPeriodically(
        { name: "heartbeat", intervalMs: config.worker.heartbeatIntervalMs, signal, log },
        async () => {
          await beat(prisma, this.identity);
          log.debug({ worker: this.identity.id }, "heartbeat");
        },
      ),
    );
    const metrics = new WorkerMetrics(() => this.sync?.watchers() ?? []);
    const { watch, ownership, cache, k8s } = config;
    if (this.opts.clusterSync && watch && ownership && cache && k8s) {
      this.connections = new ClusterConnections({ prisma, cipher: this.opts.clusterSync.cipher });
      const notifier = new ChangeNotifier({
        debounceMs: cache.notifyDebounceMs,
        send: async (channel, payload) => {
          // $executeRaw: pg_notify returns void, a column type $queryRaw cannot deserialize.
          await prisma.$executeRaw`SELECT pg_notify(${channel}, ${payload})`;
        },
        onError: (err) => log.warn({ err }, "cache change notice not sent"),
      });
      const cacheService = new CacheService({ prisma, staleAfterMs: watch.heartbeatStaleMs });
      // One gate per process: watchers and jobs share each cluster's concurrency limit.
      const gate = new ClusterGate({
        limit: k8s.clusterConcurrency,
        queueMax: k8s.queueMax,
        queueWaitMs: k8s.queueWaitMs,
        timeoutMs: k8s.operationTimeoutMs,
      });
      this.sync = new ClusterSync({
        config: { watch, ownership },
        prisma,
        databaseUrl: this.opts.clusterSync.databaseUrl,
        connections: this.connections,
        gate,
        cache: cacheService,
        notifier,
        metrics,
        log,
      });
      this.tasks.push(this.sync.run(signal));
      this.tasks.push(
        followClusterChanges({
          databaseUrl: this.opts.clusterSync.databaseUrl,
          sync: this.sync,
          connections: this.connections,
          clusterEnabled: async (id) => (await prisma.cluster.count({ where: { id, enabled: true } })) > 0,
          log,
          signal,
        }),
      );
      this.tasks.push(this.checkHealthPeriodically(signal));
      if (config.jobs) {
        const provider = createKubeVirtProvider({
          connections: this.connections,
          gate,
          log,
          capabilitiesOf: storedProviderCapabilities(prisma),
        });
        const { afterProviderCall } = this.opts;
        this.tasks.push(
          runJobQueue({
            databaseUrl: this.opts.clusterSync.databaseUrl,
            registry: createJobRegistry({
              prisma,
              provider,
              cache: cacheService,
              ...(afterProviderCall ? { afterProviderCall } : {}),
            }),
            concurrency: config.jobs.concurrency,
            log,
            signal,
          }).catch((err: unknown) => log.error({ err }, "job runner could not start")),
        );
      }
      if (config.adoption)
        this.tasks.push(
          runAdoptionScanTask({
            deps: {
              prisma,
              cache: cacheService,
              log,
              onNoticeError: (err) => log.warn({ err }, "adoption change notice not sent"),
            },
            intervalMs: config.adoption.scanIntervalMs,
            ownedClusters: () => this.ownedClusters(),
            workerId: this.identity.id,
            signal,
            log,
          }),
        );
    }
    if (this.opts.metricsPort !== undefined)
      this.tasks.push(this.serveMetrics(metrics, this.opts.metricsPort));
  }

  /**
   * Health and capabilities of the clusters this worker owns, at once and then every interval (SPEC §13):
   * one check per cluster, each with its own deadline, so a slow cluster never delays another. Status and
   * version changes are logged (persistCheckResult audits a version drift, revalidates the instance sizes and
   * records the check in the health history; polling itself is not audited).
   */
  private checkHealthPeriodically(signal: AbortSignal): Promise<void> {
    const { config, prisma, log } = this.opts;
    const connections = this.connections;
    if (!connections) return Promise.resolve();
    return runPeriodically(
      { name: "cluster-health", intervalMs: config.worker.healthCheckIntervalMs, signal, log },
      async () => {
        const clusterIds = this.ownedClusters();
        if (clusterIds.length === 0) return;
        for (const o of await checkAllClusters({ prisma, connections }, { signal, clusterIds, log })) {
          if (o.error) log.warn({ cluster: o.name, err: o.error }, "cluster health not recorded");
          else logCheckOutcome(log, { id: o.clusterId, name: o.name }, o.result, o.persisted);
        }
      },
    );
  }

  /** Cluster ids whose watchers run in this worker. */
  ownedClusters(): string[] {
    return this.sync?.ownedClusters() ?? [];
  }

  /** Serves metrics and readiness until the worker stops. */
  private async serveMetrics(metrics: WorkerMetrics, port: number): Promise<void> {
    const { prisma, log, config } = this.opts;
    // A taken port must not bring the worker down: it still syncs clusters without metrics.
    const server = await startMetricsServer({
      port,
      metrics,
      watchers: () => this.sync?.watchers() ?? [],
      checkDatabase: async () => {
        await prisma.$queryRaw`SELECT 1`;
      },
      heartbeatStaleMs: config.watch?.heartbeatStaleMs ?? 120_000,
      log,
    }).catch((err: unknown) => {
      log.error(
        { err, port },
        "metrics and readiness endpoint not started (set WORKER_METRICS_PORT to a free port)",
      );
      return undefined;
    });
    if (!server) return;
    this.metricsPort = server.port;
    log.info({ port: server.port }, "metrics and readiness listening");
    const signal = this.abort.signal;
    if (!signal.aborted)
      await new Promise((resolve) => signal.addEventListener("abort", resolve, { once: true }));
    await server.close();
  }

  /** Idempotent: every caller awaits the same shutdown. */
  stop(reason: string): Promise<void> {
    this.stopped ??= (async () => {
      const { prisma, log } = this.opts;
      log.info({ reason }, "worker stopping");
      this.abort.abort(new Error(reason));
      await Promise.allSettled(this.tasks);
      this.connections?.close();
      await markStopped(prisma, this.identity).catch((err: unknown) =>
        log.warn({ err }, "could not mark the worker stopped"),
      );
      log.info("worker stopped");
    })();
    return this.stopped;
  }
}
