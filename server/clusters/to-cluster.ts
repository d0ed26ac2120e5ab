// The cluster row as the domain sees it: everything but the credentials.
import "server-only";
import type { Cluster } from "@/lib/domain/cluster";
import type { Cluster as ClusterRow } from "../db/generated/prisma/client";

export function toCluster(row: ClusterRow): Cluster {
  return {
    id: row.id,
    name: row.name,
    displayName: row.displayName ?? row.name,
    apiServerUrl: row.apiServerUrl ?? "",
    environment: row.environment,
    status: row.status,
    ...(row.statusReason ? { statusReason: row.statusReason } : {}),
    enabled: row.enabled,
    ...(row.kubevirtVersion ? { kubevirtVersion: row.kubevirtVersion } : {}),
    enabledFeatures: row.enabledFeatures,
    storageClasses: row.storageClasses,
    ...(row.defaultStorageClass ? { defaultStorageClass: row.defaultStorageClass } : {}),
    ...(row.lastCheckedAt ? { lastCheckedAt: row.lastCheckedAt } : {}),
    createdAt: row.createdAt,
  };
}
