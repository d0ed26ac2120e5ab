// Whether a cluster id is registered: the detail page answers an unknown id with a real 404, and rotation
// refuses an unknown id before testing a kubeconfig.
import "server-only";
import type { PrismaClient } from "../db/prisma";

export async function clusterExists(id: string, prisma: PrismaClient): Promise<boolean> {
  return (await prisma.cluster.count({ where: { id } })) > 0;
}
