/**
 * Capability requirements in their normalised form (SPEC §14.4, §25 #16): lowercase, `_` → `-`.
 *
 * Hardware keys are reserved: `gpu`, `gpu:<device name>`, `sriov`, `hugepages`, `hugepages:<size>`. Every other
 * key is a feature-gate name (`Snapshot` → `snapshot`). A specific key implies its generic one (a GPU device
 * name requires `gpu`). Unlike the Go implementation, a gate name never turns into hardware: the `GPU` gate is
 * GA on every cluster since v1.4, so "contains gpu ⇒ gpu" would offer GPU sizes to clusters without GPUs.
 */

export const HardwareKey = { GPU: "gpu", SRIOV: "sriov", HUGEPAGES: "hugepages" } as const;

const GPU_PREFIX = "gpu:";
const HUGEPAGES_PREFIX = "hugepages:";

/** One requirement token (as an admin or a template writes it) as its normalised key. */
export function normalizeRequirement(token: string): string {
  const t = token.trim().toLowerCase().replaceAll("_", "-");
  // The Kubernetes resource spelling of a page size: hugepages-2Mi.
  const resource = /^hugepages-(\d+[kmgt]i?)$/.exec(t);
  if (resource) return `${HUGEPAGES_PREFIX}${resource[1]}`;
  // A bare device-plugin resource name is a GPU device requirement.
  if (t.startsWith("nvidia.com/")) return `${GPU_PREFIX}${t}`;
  return t;
}

export function isHardwareKey(key: string): boolean {
  return (
    key === HardwareKey.GPU ||
    key === HardwareKey.SRIOV ||
    key === HardwareKey.HUGEPAGES ||
    key.startsWith(GPU_PREFIX) ||
    key.startsWith(HUGEPAGES_PREFIX)
  );
}

/** Normalised, with implied generic keys, unique and sorted. */
export function normalizeRequirements(tokens: Iterable<string>): string[] {
  const out = new Set<string>();
  for (const token of tokens) {
    const key = normalizeRequirement(token);
    if (key === "") continue;
    out.add(key);
    if (key.startsWith(GPU_PREFIX)) out.add(HardwareKey.GPU);
    if (key.startsWith(HUGEPAGES_PREFIX)) out.add(HardwareKey.HUGEPAGES);
  }
  return [...out].sort();
}

export const gpuDeviceKey = (deviceName: string): string =>
  normalizeRequirement(`${GPU_PREFIX}${deviceName}`);
export const hugepagesKey = (size: string): string => normalizeRequirement(`${HUGEPAGES_PREFIX}${size}`);

/** The InstanceSize columns and JSON that carry requirements (SPEC §5.5); all optional. */
export interface InstanceSizeRequirementSource {
  requiresGpu?: boolean;
  requiresSriov?: boolean;
  requiresHugepages?: boolean;
  hugepagesSize?: string | null;
  /** `gpu_devices` JSON: [{ name, deviceName }]. */
  gpuDevices?: unknown;
  /** `spec_overrides` JSON: nested under `spec`, or dotted keys (`spec.template.spec…`). */
  specOverrides?: unknown;
  /** Feature gates or hardware keys named directly. */
  requiredFeatures?: readonly string[];
}

/** A template's required features (the upstream template schema extension). */
export interface TemplateRequirementSource {
  requiredFeatures?: readonly string[];
}

const DOMAIN = ["spec", "template", "spec", "domain"];

/** A request's requirements: the union of its instance size's and its template's (issue 7). */
export function requirementsOf(
  size: InstanceSizeRequirementSource,
  template?: TemplateRequirementSource,
): string[] {
  const tokens: string[] = [...(size.requiredFeatures ?? []), ...(template?.requiredFeatures ?? [])];
  const overrides = size.specOverrides;

  const gpus = [...asArray(size.gpuDevices), ...asArray(readPath(overrides, [...DOMAIN, "devices", "gpus"]))];
  if (size.requiresGpu || gpus.length > 0) tokens.push(HardwareKey.GPU);
  for (const gpu of gpus) {
    const device = isRecord(gpu) ? gpu.deviceName : undefined;
    if (typeof device === "string" && device !== "") tokens.push(`${GPU_PREFIX}${device}`);
  }

  const interfaces = asArray(readPath(overrides, [...DOMAIN, "devices", "interfaces"]));
  const networks = asArray(readPath(overrides, ["spec", "template", "spec", "networks"]));
  const sriovInterface = interfaces.some((i) => isRecord(i) && i.sriov !== undefined);
  const sriovNetwork = networks.some((n) =>
    JSON.stringify(n ?? null)
      .toLowerCase()
      .includes("sriov"),
  );
  if (size.requiresSriov || sriovInterface || sriovNetwork) tokens.push(HardwareKey.SRIOV);

  const pageSize = readPath(overrides, [...DOMAIN, "memory", "hugepages", "pageSize"]);
  const sizes = [size.hugepagesSize, typeof pageSize === "string" ? pageSize : undefined].filter(
    (s): s is string => typeof s === "string" && s !== "",
  );
  if (size.requiresHugepages || sizes.length > 0) tokens.push(HardwareKey.HUGEPAGES);
  for (const s of sizes) tokens.push(`${HUGEPAGES_PREFIX}${s}`);

  return normalizeRequirements(tokens);
}

/** The required keys the cluster lacks (normalised), in order. */
export function missingCapabilities(
  cluster: ReadonlySet<string> | readonly string[],
  required: readonly string[],
): string[] {
  const have =
    cluster instanceof Set ? cluster : new Set(normalizeRequirements(cluster as readonly string[]));
  return normalizeRequirements(required).filter((key) => !have.has(key));
}

/** SPEC §14.4 `hasAllCapabilities`: every required key is present. */
export function hasAllCapabilities(
  cluster: ReadonlySet<string> | readonly string[],
  required: readonly string[],
): boolean {
  return missingCapabilities(cluster, required).length === 0;
}

/** Reads `path` from nested objects whose keys may also be dotted runs of the path (spec_overrides style). */
function readPath(value: unknown, path: readonly string[]): unknown {
  if (path.length === 0) return value;
  if (!isRecord(value)) return undefined;
  for (let i = path.length; i >= 1; i--) {
    const key = path.slice(0, i).join(".");
    if (key in value) {
      const found = readPath(value[key], path.slice(i));
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
