/**
 * `NOTIFY shepherd_adoptions_changed` with `{"cluster_id":"<id>"}` after a scan that changed the inbox and after
 * every decision, so an open inbox can refetch. A notice carries no data; a lost one only delays a refresh,
 * so a failure to send is reported to the caller's `onError` and never fails the change itself.
 */
import "server-only";
import type { PrismaClient } from "../db/prisma";

export const ADOPTIONS_CHANGED_CHANNEL = "shepherd_adoptions_changed";

export async function notifyAdoptionsChanged(
  prisma: Pick<PrismaClient, "$executeRaw">,
  clusterId: string,
  onError?: (error: unknown) => void,
): Promise<void> {
  try {
    // $executeRaw: pg_notify returns void, a column type $queryRaw cannot deserialize.
    await prisma.$executeRaw`SELECT pg_notify(${ADOPTIONS_CHANGED_CHANNEL}, ${JSON.stringify({ cluster_id: clusterId })})`;
  } catch (error) {
    onError?.(error);
  }
}
