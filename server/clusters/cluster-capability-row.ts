/**
 * Capabilities as stored on a `clusters` row, read back for matching and for the provider's gating. The JSON
 * columns are read defensively (older rows, admin edits of admin_declared_capabilities).
 */
import "server-only";
import { clusterCapabilitySet, type HardwareCapabilities } from "@/lib/capabilities/cluster-capability-set";
import { readDeclaredCapabilities } from "@/lib/capabilities/declared-capabilities";
import { isHardwareKey, normalizeRequirement } from "@/lib/capabilities/requirements";
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
 * `capabilitiesOf` for KubeVirtProvider: the last detected feature gates of a cluster plus the gates an admin
 * declared (an admin who knows better lets the cluster decide), or undefined when none were ever detected
 * (then the provider lets the cluster decide).
 */
export function storedProviderCapabilities(
  prisma: PrismaClient,
): (clusterId: string) => Promise<ProviderCapabilities | undefined> {
  return async (clusterId) => {
    const row = await prisma.cluster.findUnique({
      where: { id: clusterId },
      select: { enabledFeatures: true, capabilitiesDetectedAt: true, adminDeclaredCapabilities: true },
    });
    if (!row?.capabilitiesDetectedAt) return undefined;
    const declaredGates = readDeclaredCapabilities(row.adminDeclaredCapabilities).capabilities.filter(
      (token) => !isHardwareKey(normalizeRequirement(token)),
    );
    return { enabledFeatures: [...new Set([...row.enabledFeatures, ...declaredGates])] };
  };
}

function readHardware(value: unknown): HardwareCapabilities {
  const out: HardwareCapabilities = {};
  if (typeof value !== "object" || value === null || Array.isArray(value)) return out;
  for (const [key, present] of Object.entries(value)) if (present === true) out[key] = true;
  return out;
}

/** `{ capabilities: [...], note, … }` as set-declared-capabilities writes it, or an older bare shape. */
function readDeclared(value: unknown): string[] {
  return readDeclaredCapabilities(value).capabilities;
}
