// The use case behind `/api/events`: the caller's VM scope → a notice filter (and, for admins, cluster and
// adoption-inbox notices) → an SSE stream on the hub.
import "server-only";
import { hasPermission } from "@/lib/auth/permissions";
import type { SessionUser } from "../auth/session";
import type { CacheService } from "../cache/cache-service";
import type { PrismaClient } from "../db/prisma";
import type { Logger } from "../log";
import { resolveVmScope } from "../vms/vm-scope";
import { openCacheEventStream } from "./cache-event-stream";
import type { CacheEventsHub } from "./cache-events-hub";
import { createNoticeFilter, createTaskNoticeFilter } from "./notice-filter";

export interface CacheEventsDeps {
  prisma: PrismaClient;
  cache: CacheService;
  events: CacheEventsHub;
  log: Pick<Logger, "warn">;
}

export async function subscribeToCacheEvents(
  { prisma, cache, events, log }: CacheEventsDeps,
  user: SessionUser,
  signal: AbortSignal,
): Promise<Response> {
  const scope = await resolveVmScope(prisma, user);
  const filter = await createNoticeFilter(cache, scope);
  return openCacheEventStream({
    hub: events,
    filter,
    adoptionNotices: hasPermission(user.role, "adoption.manage"),
    clusterNotices: hasPermission(user.role, "cluster.manage"),
    // The same scope as every VM lookup: the governance row and the caller's memberships.
    taskVisible: createTaskNoticeFilter(prisma, scope),
    signal,
    onError: (err) => log.warn({ err }, "change notices: filtering a notice failed"),
  });
}
