/**
 * What the admin cluster API needs in a web process: the database, the freshness threshold of the views and the
 * logger (ClusterViewDeps: reads and edits), plus the credential store for what touches a kubeconfig (one
 * cipher per process, loaded as the worker loads it: registration, rotation, check now). The store is built
 * once and kept on globalThis, like the Prisma client, so development reloads do not load the key again; a
 * missing key fails only the calls that need it.
 */
import "server-only";
import { loadConfig } from "../config";
import { getPrisma, type PrismaClient } from "../db/prisma";
import { loadCredentialCipher } from "../k8s/credential-cipher";
import { CredentialStore } from "../k8s/credential-store";
import { getProcessLogger, type Logger } from "../log";

export interface ClusterViewDeps {
  prisma: PrismaClient;
  /** WATCH_HEARTBEAT_STALE_MS, for the views' cache status and watcher state. */
  staleAfterMs: number;
  log: Pick<Logger, "warn" | "info">;
}

export interface ClusterAdminDeps extends ClusterViewDeps {
  store: CredentialStore;
}

export function getClusterViewDeps(): ClusterViewDeps {
  return { prisma: getPrisma(), staleAfterMs: loadConfig().watch.heartbeatStaleMs, log: getProcessLogger() };
}

const holder = globalThis as unknown as { shepherdClusterAdminDeps?: Promise<ClusterAdminDeps> };

export function getClusterAdminDeps(): Promise<ClusterAdminDeps> {
  holder.shepherdClusterAdminDeps ??= (async () => {
    const config = loadConfig();
    const view = getClusterViewDeps();
    const cipher = await loadCredentialCipher({
      encryptionKey: config.encryptionKey,
      dataDir: config.dataDir,
      allowGeneratedKey: config.database.embedded,
    });
    return { ...view, store: new CredentialStore({ prisma: view.prisma, cipher }) };
  })().catch((error: unknown) => {
    holder.shepherdClusterAdminDeps = undefined; // a missing key may be fixed; do not cache the failure
    throw error;
  });
  return holder.shepherdClusterAdminDeps;
}
