/**
 * The name of a snapshot taken without one: `<vm>-snap-<yyyymmdd-hhmmss>` (UTC), the VM part cut so the whole
 * fits 63 characters (a DNS label, also usable as a label value) and never ending in "-".
 */
const MAX = 63;

export function defaultSnapshotName(vmName: string, at: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  const stamp = `${at.getUTCFullYear()}${p(at.getUTCMonth() + 1)}${p(at.getUTCDate())}-${p(at.getUTCHours())}${p(at.getUTCMinutes())}${p(at.getUTCSeconds())}`;
  const suffix = `-snap-${stamp}`;
  const head = vmName.slice(0, MAX - suffix.length).replace(/-+$/, "");
  return `${head}${suffix}`;
}
