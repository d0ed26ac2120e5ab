/**
 * Which enabled instance sizes a cluster can run (issue 7): each size's requirements (requirementsOf) against
 * the cluster's capability set (detected ∪ declared, capabilitySetOfRow). Shown on the cluster's detail and
 * recomputed when its KubeVirt version changes.
 */
import "server-only";
import { missingCapabilities, requirementsOf } from "@/lib/capabilities/requirements";
import type { InstanceSizeFitView } from "@/lib/clusters/cluster-views";
import type { Prisma } from "../db/generated/prisma/client";

export interface SizeRequirementRow {
  name: string;
  requiresGpu: boolean;
  requiresSriov: boolean;
  requiresHugepages: boolean;
  hugepagesSize: string | null;
  gpuDevices: unknown;
  specOverrides: unknown;
}

export const SIZE_REQUIREMENT_COLUMNS = {
  name: true,
  requiresGpu: true,
  requiresSriov: true,
  requiresHugepages: true,
  hugepagesSize: true,
  gpuDevices: true,
  specOverrides: true,
} as const satisfies Prisma.InstanceSizeSelect;

export function loadEnabledInstanceSizes(
  db: Pick<Prisma.TransactionClient, "instanceSize">,
): Promise<SizeRequirementRow[]> {
  return db.instanceSize.findMany({
    where: { enabled: true },
    select: SIZE_REQUIREMENT_COLUMNS,
    orderBy: [{ sortOrder: "asc" }, { name: "asc" }],
  });
}

export function instanceSizeFits(
  sizes: readonly SizeRequirementRow[],
  capabilities: ReadonlySet<string>,
): InstanceSizeFitView[] {
  return sizes.map((size) => {
    const missing = missingCapabilities(capabilities, requirementsOf(size));
    return { instance_size: size.name, compatible: missing.length === 0, missing };
  });
}
