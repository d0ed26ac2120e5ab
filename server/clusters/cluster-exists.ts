// Whether a cluster id is registered: the detail page answers an unknown id with a real 404.
import "server-only";
import { getPrisma } from "../db/prisma";

export async function clusterExists(id: string): Promise<boolean> {
  return (await getPrisma().cluster.count({ where: { id } })) > 0;
}
