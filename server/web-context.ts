/**
 * The web process's composition root (ARCHITECTURE "Folders"): everything a request needs, built once per
 * process and handed down to the use cases — the database, configuration, logger, cache reads, the change
 * notice hub, the auth library and, loaded on first use, cluster access (credential store, per-cluster
 * clients and the provider). Route handlers, server actions and pages call `getWebContext()` and pass what
 * a use case needs as arguments; nothing below this file reaches for a process-wide holder.
 *
 * Why a module-level value and not globalThis: Next.js loads this module once per server bundle, which is
 * once per process in production; a development reload rebuilds it (and the old LISTEN session ends with
 * the old module's hub).
 */
import "server-only";
import type { KubeVirtProvider } from "@/lib/domain/provider";
import { AppError } from "@/lib/errors/app-error";
import { type Auth, createAuth, loadAuthSecret } from "./auth/auth";
import { CacheService } from "./cache/cache-service";
import { storedProviderCapabilities } from "./clusters/cluster-capability-row";
import { type Config, loadConfig } from "./config";
import { createPrisma, type PrismaClient } from "./db/prisma";
import { CacheEventsHub } from "./events/cache-events-hub";
import { ClusterConnections } from "./k8s/cluster-connections";
import { ClusterGate } from "./k8s/cluster-gate";
import { loadCredentialCipher } from "./k8s/credential-cipher";
import { CredentialStore } from "./k8s/credential-store";
import { createLogger, type Logger } from "./log";
import { createKubeVirtProvider } from "./provider";

/** What touches a cluster: loaded lazily, because it needs the credential key (a missing key fails only these). */
export interface ClusterAccess {
  store: CredentialStore;
  /** Per-cluster clients, dropped when a cluster's credentials rotate or it is disabled or deleted. */
  connections: ClusterConnections;
  /** Every call goes through the cluster's gate (K8S_CLUSTER_CONCURRENCY, queue deadline, timeout). */
  provider: KubeVirtProvider;
}

export interface WebContext {
  config: Config;
  prisma: PrismaClient;
  log: Logger;
  cache: CacheService;
  events: CacheEventsHub;
  auth(): Promise<Auth>;
  clusters(): Promise<ClusterAccess>;
}

let context: WebContext | undefined;

export function getWebContext(): WebContext {
  context ??= createWebContext();
  return context;
}

/** Builds a context; tests build their own with their database and config. */
export function createWebContext(config: Config = loadConfig(), prisma?: PrismaClient): WebContext {
  const url = config.database.url;
  // The launcher always sets DATABASE_URL for the web process; a server started by hand without it has none.
  if (!url) throw new AppError("DATABASE_UNAVAILABLE", undefined, { message: "DATABASE_URL is not set" });
  const db = prisma ?? createPrisma(url);
  const log = createLogger(config, "web");
  const events = new CacheEventsHub({ databaseUrl: url, log });
  let auth: Promise<Auth> | undefined;
  let clusters: Promise<ClusterAccess> | undefined;
  return {
    config,
    prisma: db,
    log,
    cache: new CacheService({ prisma: db, staleAfterMs: config.watch.heartbeatStaleMs }),
    events,
    auth() {
      auth ??= loadAuthSecret(config)
        .then((secret) => createAuth({ prisma: db, config, secret, logger: log }))
        .catch((error: unknown) => {
          auth = undefined; // a missing secret may be fixed; do not cache the failure
          throw error;
        });
      return auth;
    },
    clusters() {
      clusters ??= createClusterAccess(config, db, log, events).catch((error: unknown) => {
        clusters = undefined;
        throw error;
      });
      return clusters;
    },
  };
}

async function createClusterAccess(
  config: Config,
  prisma: PrismaClient,
  log: Logger,
  events: CacheEventsHub,
): Promise<ClusterAccess> {
  const cipher = await loadCredentialCipher({
    encryptionKey: config.encryptionKey,
    dataDir: config.dataDir,
    allowGeneratedKey: config.database.embedded,
  });
  const connections = new ClusterConnections({ prisma, cipher });
  // Another process rotated, disabled or deleted a cluster: its cached client must go (issue 7's notices).
  events.subscribe({
    onNotice: () => undefined,
    onClusterNotice: (notice) => {
      if (notice.change !== "checked") connections.invalidate(notice.cluster_id);
    },
  });
  const gate = new ClusterGate({
    limit: config.k8s.clusterConcurrency,
    queueMax: config.k8s.queueMax,
    queueWaitMs: config.k8s.queueWaitMs,
    timeoutMs: config.k8s.operationTimeoutMs,
  });
  const provider = createKubeVirtProvider({
    connections,
    gate,
    log,
    capabilitiesOf: storedProviderCapabilities(prisma),
  });
  return { store: new CredentialStore({ prisma, cipher }), connections, provider };
}
