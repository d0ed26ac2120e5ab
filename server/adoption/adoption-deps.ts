/**
 * What the adoption functions need: the database and the cache of cluster objects (never a live cluster). The
 * web process builds them from its singletons; the worker and tests pass their own.
 */
import "server-only";
import { CacheService } from "../cache/cache-service";
import { loadConfig } from "../config";
import { getPrisma, type PrismaClient } from "../db/prisma";
import { getProcessLogger } from "../log";

export interface AdoptionDeps {
  prisma: PrismaClient;
  cache: CacheService;
  /** A change notice that could not be sent (the inbox then refreshes on its own schedule). */
  onNoticeError?: (error: unknown) => void;
}

export function defaultAdoptionDeps(): AdoptionDeps {
  const prisma = getPrisma();
  return {
    prisma,
    cache: new CacheService({ prisma, staleAfterMs: loadConfig().watch.heartbeatStaleMs }),
    onNoticeError: (err) => getProcessLogger().warn({ err }, "adoption change notice not sent"),
  };
}
