/**
 * KubeVirt versions as semantic versions (SPEC §14.2, §25 #18/#19): a leading `v` is stripped and numbers are
 * compared as numbers, so `v1.10.0` > `v1.9.3` (the Go implementation compared strings and got this wrong).
 * A version that is not semver (an OpenShift build string, `latest`, a `v0.0.0-master` dev build) is kept as
 * detected and marked unknown; nothing version-dependent is decided from it.
 */

export type KubeVirtVersion =
  | {
      known: true;
      /** As detected, e.g. "v1.7.0". */
      raw: string;
      major: number;
      minor: number;
      patch: number;
      /** Dot-separated pre-release identifiers ("alpha.0" → ["alpha", "0"]); empty for a release. */
      prerelease: string[];
    }
  | { known: false; raw: string };

const SEMVER =
  /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z.-]+)?$/;

export function parseKubeVirtVersion(raw: string): KubeVirtVersion {
  const m = SEMVER.exec(raw.trim());
  if (!m) return { known: false, raw };
  const major = Number(m[1]);
  const minor = Number(m[2]);
  // KubeVirt built from an untagged tree reports v0.0.0-<branch>: a real version says nothing about it.
  if (major === 0 && minor === 0) return { known: false, raw };
  return { known: true, raw, major, minor, patch: Number(m[3]), prerelease: m[4] ? m[4].split(".") : [] };
}

/** Sign of a − b by semver precedence (build metadata ignored); undefined when either is not semver. */
export function compareKubeVirtVersions(
  a: string | KubeVirtVersion,
  b: string | KubeVirtVersion,
): number | undefined {
  const x = typeof a === "string" ? parseKubeVirtVersion(a) : a;
  const y = typeof b === "string" ? parseKubeVirtVersion(b) : b;
  if (!x.known || !y.known) return undefined;
  const core = x.major - y.major || x.minor - y.minor || x.patch - y.patch;
  if (core !== 0) return Math.sign(core);
  return comparePrerelease(x.prerelease, y.prerelease);
}

/** `1.5.x` for v1.5.2 — the schema-cache key (SPEC §15); undefined for an unknown version. */
export function minorKey(version: string | KubeVirtVersion): string | undefined {
  const v = typeof version === "string" ? parseKubeVirtVersion(version) : version;
  return v.known ? `${v.major}.${v.minor}.x` : undefined;
}

/**
 * A minor release as one comparable number (major × 1000 + minor). Gate states change only at minor releases,
 * so a pre-release of 1.10 (built from main) is evaluated with 1.10's rules.
 */
export function minorOrdinal(major: number, minor: number): number {
  return major * 1000 + minor;
}

/** "1.9" → its ordinal; throws on a malformed literal (table data is ours, so this is a programming error). */
export function minorOrdinalOf(literal: string): number {
  const m = /^(\d+)\.(\d+)$/.exec(literal);
  if (!m) throw new Error(`not a major.minor literal: ${literal}`);
  return minorOrdinal(Number(m[1]), Number(m[2]));
}

function comparePrerelease(a: string[], b: string[]): number {
  // A release ranks above any of its pre-releases.
  if (a.length === 0 || b.length === 0) return Math.sign(b.length - a.length);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const p = a[i];
    const q = b[i];
    if (p === undefined) return -1;
    if (q === undefined) return 1;
    if (p === q) continue;
    const pn = /^\d+$/.test(p);
    const qn = /^\d+$/.test(q);
    if (pn && qn) return Math.sign(Number(p) - Number(q));
    if (pn !== qn) return pn ? -1 : 1; // numeric identifiers rank below alphanumeric ones
    return p < q ? -1 : 1;
  }
  return 0;
}
