/**
 * Capabilities as stored on a `clusters` row, read back for matching and for the provider's gating. The JSON
 * columns are read defensively (older rows, admin edits of admin_declared_capabilities).
 */
import "server-only";
import { clusterCapabilitySet, type HardwareCapabilities } from "@/lib/capabilities/cluster-capability-set";
import type { PrismaClient } from "../db/prisma";

export interface StoredCapabilityColumns {
  enabledFeatures: string[];
  hardwareCapabilities: unknown;
  adminDeclaredCapabilities: unknown;
}

/** The normalised capability keys of a row (detected gates and hardware ∪ admin-declared). */
export function capabilitySetOfRow(row: StoredCapabilityColumns): Set<string> {
  return clusterCapabilitySet({
    enabledFeatures: row.enabledFeatures,
    hardware: readHardware(row.hardwareCapabilities),
    adminDeclared: readDeclared(row.adminDeclaredCapabilities),
  });
}

/** What KubeVirtProvider needs to refuse an operation before calling the cluster. */
export interface ProviderCapabilities {
  enabledFeatures: readonly string[];
}

/**
 * `capabilitiesOf` for KubeVirtProvider: the last detected feature gates of a cluster, or undefined when none
 * were ever detected (then the provider lets the cluster decide).
 */
export function storedProviderCapabilities(
  prisma: PrismaClient,
): (clusterId: string) => Promise<ProviderCapabilities | undefined> {
  return async (clusterId) => {
    const row = await prisma.cluster.findUnique({
      where: { id: clusterId },
      select: { enabledFeatures: true, capabilitiesDetectedAt: true },
    });
    if (!row?.capabilitiesDetectedAt) return undefined;
    return { enabledFeatures: row.enabledFeatures };
  };
}

function readHardware(value: unknown): HardwareCapabilities {
  const out: HardwareCapabilities = {};
  if (typeof value !== "object" || value === null || Array.isArray(value)) return out;
  for (const [key, present] of Object.entries(value)) if (present === true) out[key] = true;
  return out;
}

/** `["gpu", "hugepages:1Gi"]`, `{ "gpu": true }` or `{ capabilities: [...] }`. */
function readDeclared(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  if (typeof value !== "object" || value === null) return [];
  const record = value as Record<string, unknown>;
  if (Array.isArray(record.capabilities)) return readDeclared(record.capabilities);
  return Object.entries(record)
    .filter(([, v]) => v === true)
    .map(([k]) => k);
}
