/**
 * NOTIFY `shepherd_cluster_changed` with a ClusterChangeNotice (lib/clusters/cluster-change-notice.ts). Call it
 * inside the transaction of the change: PostgreSQL delivers a NOTIFY only when that transaction commits, and
 * never after a rollback, so listeners (the worker's ClusterSync, the web's SSE hub) never hear of a change
 * that did not happen.
 */
import "server-only";
import type { ClusterChange, ClusterChangeNotice } from "@/lib/clusters/cluster-change-notice";
import type { Prisma } from "../db/generated/prisma/client";

export const CLUSTER_CHANGES_CHANNEL = "shepherd_cluster_changed";

export async function notifyClusterChanged(
  db: Pick<Prisma.TransactionClient, "$executeRaw">,
  clusterId: string,
  change: ClusterChange,
): Promise<void> {
  const notice: ClusterChangeNotice = { cluster_id: clusterId, change };
  // $executeRaw: pg_notify returns void, a column type $queryRaw cannot deserialize.
  await db.$executeRaw`SELECT pg_notify(${CLUSTER_CHANGES_CHANNEL}, ${JSON.stringify(notice)})`;
}
