// The version bands of KUBEVIRT-API.md §4.9 and the graduation edge cases, one row per fact.
import { describe, expect, it } from "vitest";
import { effectiveFeatureGates, isGateInEffect } from "./feature-gates";
import { GATE_GRADUATION, gateStateAt } from "./gate-graduation";
import { minorOrdinalOf } from "./kubevirt-version";

type Row = [
  version: string,
  gate: string,
  enabled: string[],
  disabled: string[],
  on: boolean,
  reason: string,
];

const evaluate = (version: string, gate: string, enabled: string[], disabled: string[]) =>
  effectiveFeatureGates(version, enabled, disabled).gates[gate];

describe("effectiveFeatureGates by version band", () => {
  it.each<Row>([
    // v0.56–v1.1: graduated (deprecatedFeatureGates) always on, everything else explicit.
    ["v0.59.0", "LiveMigration", [], [], true, "ga"],
    ["v0.56.0", "SRIOVLiveMigration", [], [], false, "default-off"], // always-on only from v0.57
    ["v1.1.1", "CPUNodeDiscovery", [], [], true, "ga"],
    ["v1.1.1", "Snapshot", [], [], false, "default-off"],
    ["v1.1.1", "Snapshot", ["Snapshot"], [], true, "enabled"],
    ["v1.0.0", "GPU", [], [], false, "default-off"],
    // v1.2–v1.4: GA always on, else explicit; Beta means nothing yet.
    ["v1.4.2", "GPU", [], [], true, "ga"],
    ["v1.3.0", "GPU", [], [], false, "default-off"],
    ["v1.3.0", "HotplugNICs", [], [], false, "default-off"], // Beta at v1.3, still off
    ["v1.4.2", "Snapshot", [], [], false, "default-off"],
    ["v1.4.2", "Snapshot", ["Snapshot"], [], true, "enabled"],
    ["v1.4.2", "VMExport", [], [], false, "default-off"],
    // v1.5–v1.8: Beta still off by default.
    ["v1.5.0", "InstancetypeReferencePolicy", [], [], false, "default-off"],
    ["v1.6.0", "InstancetypeReferencePolicy", [], [], true, "ga"],
    ["v1.7.0", "ImageVolume", [], [], false, "default-off"],
    ["v1.8.2", "Snapshot", [], [], false, "default-off"],
    ["v1.8.2", "EnableVirtioFsConfigVolumes", [], [], true, "ga"],
    ["v1.7.1", "EnableVirtioFsConfigVolumes", [], [], false, "default-off"],
    // v1.9+: precedence GA > enabled > disabled > Beta > off.
    ["v1.9.0", "Snapshot", [], [], true, "beta-default"],
    ["v1.9.1", "Snapshot", [], ["Snapshot"], false, "disabled"],
    ["v1.9.1", "Snapshot", ["Snapshot"], ["Snapshot"], true, "enabled"],
    ["v1.9.1", "VMExport", [], ["VMExport"], true, "ga"],
    ["v1.9.1", "ObjectGraph", [], [], false, "default-off"], // Alpha stays off
    ["v1.9.1", "ObjectGraph", ["ObjectGraph"], [], true, "enabled"],
    ["v1.9.1", "DecentralizedLiveMigration", [], [], false, "default-off"], // Beta only from 1.10
    ["v1.10.0-alpha.0", "DecentralizedLiveMigration", [], [], true, "beta-default"],
    ["v1.10.0", "VmiMemoryOverheadReport", [], ["VmiMemoryOverheadReport"], true, "ga"],
    ["v1.9.1", "VmiMemoryOverheadReport", [], ["VmiMemoryOverheadReport"], false, "disabled"],
    // Deprecated: explicit only. Discontinued: ignored even when listed.
    ["v1.9.0", "HotplugVolumes", [], [], false, "default-off"],
    ["v1.9.0", "HotplugVolumes", ["HotplugVolumes"], [], true, "enabled"],
    ["v1.9.0", "DeclarativeHotplugVolumes", [], [], true, "beta-default"],
    ["v1.7.0", "ExperimentalVirtiofsSupport", ["ExperimentalVirtiofsSupport"], [], false, "discontinued"],
    ["v1.6.0", "ExperimentalVirtiofsSupport", ["ExperimentalVirtiofsSupport"], [], true, "enabled"],
    // A gate the table does not know: on only when enabled.
    ["v1.9.0", "SomeVendorGate", ["SomeVendorGate"], [], true, "enabled"],
  ])("%s %s (enabled %j, disabled %j) → %s (%s)", (version, gate, enabled, disabled, on, reason) => {
    expect(evaluate(version, gate, enabled, disabled)).toMatchObject({ enabled: on, reason, certain: true });
  });
});

describe("graduation edge cases (§4.9)", () => {
  it("Snapshot: Beta since v1.3 but off by default before v1.9, on from v1.9", () => {
    for (const v of ["v1.3.0", "v1.4.2", "v1.5.0", "v1.6.0", "v1.7.0", "v1.8.2"]) {
      expect(gateStateAt("Snapshot", minorOrdinalOf(v.slice(1, 4)))).toBe("Beta");
      expect(effectiveFeatureGates(v, []).enabled).not.toContain("Snapshot");
    }
    expect(effectiveFeatureGates("v1.9.0", []).enabled).toContain("Snapshot");
    expect(effectiveFeatureGates("v1.10.1", []).enabled).toContain("Snapshot");
  });

  it("ExpandDisks: Alpha (off) through v1.8.x despite the v1.8 doc comment, GA at v1.9", () => {
    expect(evaluate("v1.8.2", "ExpandDisks", [], [])).toMatchObject({ state: "Alpha", enabled: false });
    expect(evaluate("v1.8.2", "ExpandDisks", ["ExpandDisks"], [])).toMatchObject({ enabled: true });
    expect(evaluate("v1.9.0", "ExpandDisks", [], ["ExpandDisks"])).toMatchObject({
      state: "GA",
      enabled: true,
    });
  });

  it("disabledFeatureGates before v1.8 is ignored (and reported), from v1.8 it is honoured", () => {
    const old = effectiveFeatureGates("v1.7.0", ["Snapshot"], ["Snapshot", "VMExport"]);
    expect(old.gates.Snapshot).toMatchObject({ enabled: true, reason: "enabled" });
    expect(old.gates.VMExport).toMatchObject({ enabled: false, reason: "default-off" });
    expect(old.ignoredDisabled).toEqual(["Snapshot", "VMExport"]);
    const v18 = effectiveFeatureGates("v1.8.0", [], ["VMExport"]);
    expect(v18.gates.VMExport).toMatchObject({ enabled: false, reason: "disabled" });
    expect(v18.ignoredDisabled).toEqual([]);
  });

  it("v1.8: an explicit enable wins over an explicit disable", () => {
    expect(evaluate("v1.8.1", "VMExport", ["VMExport"], ["VMExport"])).toMatchObject({
      enabled: true,
      reason: "enabled",
    });
  });

  it("v1.9: GA wins over disable, enable wins over disable, disable wins over Beta", () => {
    const g = effectiveFeatureGates("v1.9.1", ["ImageVolume"], ["LiveMigration", "ImageVolume", "Template"]);
    expect(g.gates.LiveMigration).toMatchObject({ enabled: true, reason: "ga" });
    expect(g.gates.ImageVolume).toMatchObject({ enabled: true, reason: "enabled" });
    expect(g.gates.Template).toMatchObject({ enabled: false, reason: "disabled" });
    expect(g.gates.GPUsWithDRA).toMatchObject({ enabled: true, reason: "beta-default" });
  });

  it("lists every gate in effect, sorted, and covers the whole table", () => {
    const g = effectiveFeatureGates("v1.4.2", ["Snapshot", "HotplugVolumes"]);
    expect(g.enabled).toEqual([...g.enabled].sort());
    expect(g.enabled).toEqual(
      expect.arrayContaining([
        "LiveMigration",
        "GPU",
        "NUMA",
        "Snapshot",
        "HotplugVolumes",
        "CPUNodeDiscovery",
      ]),
    );
    expect(Object.keys(g.gates)).toEqual(expect.arrayContaining(Object.keys(GATE_GRADUATION)));
    expect(isGateInEffect(g, "Snapshot")).toBe(true);
    expect(isGateInEffect(g, "VMExport")).toBe(false);
  });
});

describe("unknown version", () => {
  it("decides what every supported release agrees on and leaves the rest uncertain", () => {
    for (const version of ["latest", undefined]) {
      const g = effectiveFeatureGates(version, ["ObjectGraph"], []);
      expect(g.gates.LiveMigration).toMatchObject({ enabled: true, certain: true });
      expect(g.gates.ObjectGraph).toMatchObject({ enabled: true, certain: true });
      expect(g.gates.Snapshot).toMatchObject({ enabled: false, certain: false, reason: "unknown-version" });
      expect(g.gates.GPU).toMatchObject({ enabled: false, certain: false });
      expect(g.uncertain).toContain("Snapshot");
      expect(g.enabled).not.toContain("Snapshot");
      expect(g.ignoredDisabled).toEqual([]);
    }
  });

  it("an explicitly enabled Snapshot is on whatever the version", () => {
    expect(effectiveFeatureGates("4.16.3 custom", ["Snapshot"]).gates.Snapshot).toMatchObject({
      enabled: true,
      certain: true,
    });
  });
});

describe("the graduation table", () => {
  it("orders each gate's states in time", () => {
    for (const [gate, h] of Object.entries(GATE_GRADUATION)) {
      const steps = [h.alpha, h.beta, h.ga].filter((s): s is string => s !== undefined).map(minorOrdinalOf);
      expect(steps, gate).toEqual([...steps].sort((a, b) => a - b));
    }
  });
});
