/**
 * What the namespace registry use cases need: the database and a logger; creating a namespace on a cluster
 * also needs the provider. Built from the web process's composition root.
 */
import "server-only";
import type { NamespaceProvider } from "@/lib/domain/provider";
import type { PrismaClient } from "../db/prisma";
import type { Logger } from "../log";

export interface NamespaceDeps {
  prisma: PrismaClient;
  log: Pick<Logger, "info" | "warn">;
}

export interface NamespaceClusterDeps extends NamespaceDeps {
  provider: NamespaceProvider;
}

export function namespaceDeps(ctx: { prisma: PrismaClient; log: Logger }): NamespaceDeps {
  return { prisma: ctx.prisma, log: ctx.log };
}

export async function namespaceClusterDeps(ctx: {
  prisma: PrismaClient;
  log: Logger;
  clusters(): Promise<{ provider: NamespaceProvider }>;
}): Promise<NamespaceClusterDeps> {
  return { ...namespaceDeps(ctx), provider: (await ctx.clusters()).provider };
}
