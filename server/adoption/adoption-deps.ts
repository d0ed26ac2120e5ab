/**
 * What the adoption functions need: the database, the cache of cluster objects (never a live cluster) and a
 * logger. The web process builds them from its composition root (`adoptionDeps(ctx)`); the worker and tests
 * pass their own.
 */
import "server-only";
import type { CacheService } from "../cache/cache-service";
import type { PrismaClient } from "../db/prisma";
import type { Logger } from "../log";

export interface AdoptionDeps {
  prisma: PrismaClient;
  cache: CacheService;
  /** Unexpected failures of one scan or one decision (the others go on). */
  log: Pick<Logger, "error" | "warn">;
  /** A change notice that could not be sent (the inbox then refreshes on its own schedule). */
  onNoticeError?: (error: unknown) => void;
}

export function adoptionDeps(ctx: Pick<AdoptionDeps, "prisma" | "cache" | "log">): AdoptionDeps {
  return {
    prisma: ctx.prisma,
    cache: ctx.cache,
    log: ctx.log,
    onNoticeError: (err) => ctx.log.warn({ err }, "adoption change notice not sent"),
  };
}
