// The use case behind `/api/events`: the caller's VM scope → a notice filter (and, for admins, cluster and
// adoption-inbox notices) → an SSE stream on the hub.
import "server-only";
import { hasPermission } from "@/lib/auth/permissions";
import type { SessionUser } from "../auth/session";
import { CacheService } from "../cache/cache-service";
import { loadConfig } from "../config";
import { getPrisma } from "../db/prisma";
import { getProcessLogger } from "../log";
import { resolveVmScope } from "../vms/vm-scope";
import { openCacheEventStream } from "./cache-event-stream";
import { getCacheEventsHub } from "./cache-events-hub";
import { createNoticeFilter } from "./notice-filter";

export async function subscribeToCacheEvents(user: SessionUser, signal: AbortSignal): Promise<Response> {
  const prisma = getPrisma();
  const cache = new CacheService({ prisma, staleAfterMs: loadConfig().watch.heartbeatStaleMs });
  const filter = await createNoticeFilter(cache, await resolveVmScope(prisma, user));
  return openCacheEventStream({
    hub: getCacheEventsHub(),
    filter,
    adoptionNotices: hasPermission(user.role, "adoption.manage"),
    clusterNotices: hasPermission(user.role, "cluster.manage"),
    signal,
    onError: (err) => getProcessLogger().warn({ err }, "change notices: filtering a notice failed"),
  });
}
