/**
 * Which KubeVirt feature gates are in effect, given the version and the KubeVirt CR's
 * `developerConfiguration.featureGates` / `disabledFeatureGates`, by the rules each version's code applies
 * (KUBEVIRT-API.md §4.9):
 *
 * - v0.56–v1.1: gates listed as deprecated (= graduated) are always on; any other gate only if enabled.
 * - v1.2–v1.4: GA ⇒ always on; otherwise explicit.
 * - v1.5–v1.8: states Alpha/Beta/GA/Deprecated/Discontinued; Beta still off by default. v1.8 adds
 *   `disabledFeatureGates` (an explicit disable; an explicit enable wins). Before v1.8 the field is ignored.
 * - v1.9+: GA (always on) > explicitly enabled > explicitly disabled > Beta (on by default) > off.
 *
 * A discontinued gate does nothing even when listed. A gate the table does not know is on only when enabled.
 */
import { GATE_GRADUATION, type GateState, gateStateAt, graduationPoints } from "./gate-graduation";
import { type KubeVirtVersion, minorOrdinal, minorOrdinalOf, parseKubeVirtVersion } from "./kubevirt-version";

export type GateReason =
  /** Graduated: on whatever the CR says. */
  | "ga"
  /** Listed in featureGates. */
  | "enabled"
  /** Listed in disabledFeatureGates (honoured from v1.8). */
  | "disabled"
  /** Beta and on by default (v1.9+). */
  | "beta-default"
  /** Not graduated and not enabled. */
  | "default-off"
  /** Discontinued: ignored even when listed. */
  | "discontinued"
  /** The version is unknown and the versions we support disagree about this gate. */
  | "unknown-version";

export interface GateEvaluation {
  gate: string;
  /** State at the detected version; undefined for a gate the table does not know or an unknown version. */
  state?: GateState;
  enabled: boolean;
  reason: GateReason;
  /** False only for an unknown version on which the answer depends: a dry run has to decide. */
  certain: boolean;
}

export interface EffectiveFeatureGates {
  version?: KubeVirtVersion;
  /** Gates in effect, sorted. Uncertain gates are not in it. */
  enabled: string[];
  /** Gates whose state static detection cannot decide (unknown version). */
  uncertain: string[];
  /** disabledFeatureGates entries this version ignores (before v1.8): worth a warning to the admin. */
  ignoredDisabled: string[];
  /** Every table gate plus every gate the CR names. */
  gates: Record<string, GateEvaluation>;
}

/** KubeVirt releases Shepherd can meet at all; an unknown version is assumed to be at least this. */
export const OLDEST_CONSIDERED_VERSION = "1.0";

const DISABLED_GATES_SINCE = minorOrdinalOf("1.8");
const BETA_DEFAULT_SINCE = minorOrdinalOf("1.9");

export function effectiveFeatureGates(
  version: string | KubeVirtVersion | undefined,
  featureGates: readonly string[],
  disabledFeatureGates: readonly string[] = [],
): EffectiveFeatureGates {
  const parsed = typeof version === "string" ? parseKubeVirtVersion(version) : version;
  const enabledSet = new Set(featureGates);
  const disabledSet = new Set(disabledFeatureGates);
  const names = [...new Set([...Object.keys(GATE_GRADUATION), ...featureGates, ...disabledFeatureGates])];
  const gates: Record<string, GateEvaluation> = {};
  for (const gate of names) {
    gates[gate] = parsed?.known
      ? evaluateAt(gate, minorOrdinal(parsed.major, parsed.minor), enabledSet, disabledSet)
      : evaluateUnknown(gate, enabledSet, disabledSet);
  }
  const all = Object.values(gates);
  const ignoredDisabled =
    parsed?.known && minorOrdinal(parsed.major, parsed.minor) < DISABLED_GATES_SINCE
      ? [...disabledSet].sort()
      : [];
  return {
    ...(parsed ? { version: parsed } : {}),
    enabled: all
      .filter((g) => g.enabled)
      .map((g) => g.gate)
      .sort(),
    uncertain: all
      .filter((g) => !g.certain)
      .map((g) => g.gate)
      .sort(),
    ignoredDisabled,
    gates,
  };
}

/** The rules of the release `ordinal` (see the file comment). */
function evaluateAt(
  gate: string,
  ordinal: number,
  enabled: ReadonlySet<string>,
  disabled: ReadonlySet<string>,
): GateEvaluation {
  const state = gateStateAt(gate, ordinal);
  const base = { gate, ...(state ? { state } : {}), certain: true };
  if (state === "GA") return { ...base, enabled: true, reason: "ga" };
  if (state === "Discontinued") return { ...base, enabled: false, reason: "discontinued" };
  if (enabled.has(gate)) return { ...base, enabled: true, reason: "enabled" };
  if (ordinal >= DISABLED_GATES_SINCE && disabled.has(gate))
    return { ...base, enabled: false, reason: "disabled" };
  if (state === "Beta" && ordinal >= BETA_DEFAULT_SINCE)
    return { ...base, enabled: true, reason: "beta-default" };
  return { ...base, enabled: false, reason: "default-off" };
}

/**
 * Without a version, a gate is decided only if every release we could be talking to agrees (e.g. LiveMigration
 * is GA everywhere, an explicitly enabled Snapshot is on everywhere); otherwise it is off and uncertain.
 */
function evaluateUnknown(
  gate: string,
  enabled: ReadonlySet<string>,
  disabled: ReadonlySet<string>,
): GateEvaluation {
  const floor = minorOrdinalOf(OLDEST_CONSIDERED_VERSION);
  const points = [floor, DISABLED_GATES_SINCE, BETA_DEFAULT_SINCE, ...graduationPoints()].filter(
    (p) => p >= floor,
  );
  const outcomes = points.map((p) => evaluateAt(gate, p, enabled, disabled));
  const first = outcomes[0];
  if (first && outcomes.every((o) => o.enabled === first.enabled)) {
    return { gate, enabled: first.enabled, reason: first.reason, certain: true };
  }
  return { gate, enabled: false, reason: "unknown-version", certain: false };
}

/** Whether `gate` is in effect per an evaluation (case-sensitive, as KubeVirt compares gate names). */
export function isGateInEffect(gates: EffectiveFeatureGates, gate: string): boolean {
  return gates.gates[gate]?.enabled === true;
}
