// The `{id}` segment of `/api/v1/admin/clusters/{id}…`. Ids are text (uuids in practice); an id no cluster has
// is CLUSTER_NOT_FOUND, not a validation error.
import { z } from "zod";

export const clusterIdParams = z.object({ id: z.string().min(1).max(100) });
