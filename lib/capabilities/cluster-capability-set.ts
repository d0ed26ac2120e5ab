/**
 * A cluster's capabilities as the normalised keys requirements are matched against (SPEC §14.4):
 * - every feature gate in effect, by name (a gate never becomes a hardware key);
 * - hardware from detection: `gpu` + `gpu:<device>` (only while the GPU gate is in effect: KubeVirt refuses
 *   `devices.gpus` otherwise), `hugepages` + `hugepages:<size>`, `sriov`;
 * - admin-declared tokens, expanded leniently as the Go implementation did (they are free text), hardware
 *   only: a feature gate is in effect because the cluster says so, never because an admin does (a row saved
 *   before declarations were limited to hardware may still hold one).
 */
import type { ClusterCapabilities } from "@/lib/domain/cluster-capabilities";
import {
  gpuDeviceKey,
  HardwareKey,
  hugepagesKey,
  isHardwareKey,
  normalizeRequirement,
  normalizeRequirements,
} from "./requirements";

/** The `hardware_capabilities` column: hardware key → present. */
export type HardwareCapabilities = Record<string, boolean>;

const GPU_GATE = "GPU";

export function hardwareCapabilities(
  caps: Pick<ClusterCapabilities, "enabledFeatures" | "gpuDevices" | "hugepages" | "sriovNetworks">,
): HardwareCapabilities {
  const gpuUsable = caps.enabledFeatures.includes(GPU_GATE) && caps.gpuDevices.length > 0;
  const map: HardwareCapabilities = {
    [HardwareKey.GPU]: gpuUsable,
    [HardwareKey.SRIOV]: caps.sriovNetworks.length > 0,
    [HardwareKey.HUGEPAGES]: caps.hugepages.length > 0,
  };
  if (gpuUsable) for (const d of caps.gpuDevices) map[gpuDeviceKey(d.resourceName)] = true;
  for (const size of caps.hugepages) map[hugepagesKey(size)] = true;
  return map;
}

export interface CapabilitySetSource {
  enabledFeatures: readonly string[];
  hardware: Readonly<HardwareCapabilities>;
  adminDeclared?: readonly string[];
}

export function clusterCapabilitySet(source: CapabilitySetSource): Set<string> {
  const keys = new Set<string>();
  for (const gate of source.enabledFeatures) {
    const key = normalizeRequirement(gate);
    if (!isHardwareKey(key)) keys.add(key);
  }
  for (const [key, present] of Object.entries(source.hardware)) {
    if (present && isHardwareKey(key)) keys.add(key);
  }
  for (const token of source.adminDeclared ?? []) for (const key of expandDeclared(token)) keys.add(key);
  return keys;
}

/** SPEC §14.4's lenient reading of a free-text token: contains gpu / nvidia.com/ → gpu, sriov → sriov, … */
function expandDeclared(token: string): string[] {
  const key = normalizeRequirement(token);
  const out = [key];
  if (key.includes("gpu") || key.includes("nvidia.com/")) out.push(HardwareKey.GPU);
  if (key.includes("sriov")) out.push(HardwareKey.SRIOV);
  if (key.includes("hugepages")) {
    out.push(HardwareKey.HUGEPAGES);
    const size = /(\d+[kmgt]i?)$/.exec(key);
    if (size?.[1]) out.push(hugepagesKey(size[1]));
  }
  return normalizeRequirements(out).filter(isHardwareKey);
}
