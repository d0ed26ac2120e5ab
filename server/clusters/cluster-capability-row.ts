/**
 * Capabilities as stored on a `clusters` row, read back for matching and for the provider's gating. The JSON
 * columns are read defensively (older rows, admin edits of admin_declared_capabilities).
 */
import "server-only";
import { clusterCapabilitySet, type HardwareCapabilities } from "@/lib/capabilities/cluster-capability-set";
import { readDeclaredCapabilities } from "@/lib/capabilities/declared-capabilities";
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
    adminDeclared: readDeclaredCapabilities(row.adminDeclaredCapabilities).capabilities,
  });
}

/** What KubeVirtProvider needs to refuse an operation before calling the cluster. */
export interface ProviderCapabilities {
  enabledFeatures: readonly string[];
}

/**
 * `capabilitiesOf` for KubeVirtProvider: the last detected feature gates of a cluster (declared capabilities
 * are hardware only and never lift a refusal), or undefined when none were ever detected (then the provider
 * lets the cluster decide).
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
