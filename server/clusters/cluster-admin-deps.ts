/**
 * What the admin cluster API needs in a web process: the database, the freshness threshold of the views and the
 * logger (ClusterViewDeps: reads and edits), plus the credential store for what touches a kubeconfig
 * (registration, rotation, check now). Built from the web process's composition root; a missing credential
 * key fails only the calls that need the store.
 */
import "server-only";
import type { Config } from "../config";
import type { PrismaClient } from "../db/prisma";
import type { CredentialStore } from "../k8s/credential-store";
import type { Logger } from "../log";

export interface ClusterViewDeps {
  prisma: PrismaClient;
  /** WATCH_HEARTBEAT_STALE_MS, for the views' cache status and watcher state. */
  staleAfterMs: number;
  log: Pick<Logger, "warn" | "info">;
}

export interface ClusterAdminDeps extends ClusterViewDeps {
  store: CredentialStore;
}

interface ClusterDepsSource {
  prisma: PrismaClient;
  config: Pick<Config, "watch">;
  log: Logger;
  clusters(): Promise<{ store: CredentialStore }>;
}

export function clusterViewDeps(ctx: Omit<ClusterDepsSource, "clusters">): ClusterViewDeps {
  return { prisma: ctx.prisma, staleAfterMs: ctx.config.watch.heartbeatStaleMs, log: ctx.log };
}

export async function clusterAdminDeps(ctx: ClusterDepsSource): Promise<ClusterAdminDeps> {
  return { ...clusterViewDeps(ctx), store: (await ctx.clusters()).store };
}
