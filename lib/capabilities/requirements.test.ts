import { describe, expect, it } from "vitest";
import { clusterCapabilitySet, hardwareCapabilities } from "./cluster-capability-set";
import {
  hasAllCapabilities,
  missingCapabilities,
  normalizeRequirement,
  normalizeRequirements,
  requirementsOf,
} from "./requirements";

describe("normalizeRequirement", () => {
  it.each([
    ["gpu", "gpu"],
    [" GPU ", "gpu"],
    ["sriov", "sriov"],
    ["hugepages", "hugepages"],
    ["hugepages:2Mi", "hugepages:2mi"],
    ["hugepages-1Gi", "hugepages:1gi"],
    ["gpu:nvidia.com/GA102GL_A10", "gpu:nvidia.com/ga102gl-a10"],
    ["nvidia.com/GA102GL_A10", "gpu:nvidia.com/ga102gl-a10"],
    ["Snapshot", "snapshot"],
    ["VMLiveUpdateFeatures", "vmliveupdatefeatures"],
    ["Some_Gate", "some-gate"],
  ])("%j → %j", (token, key) => {
    expect(normalizeRequirement(token)).toBe(key);
  });

  it("adds the generic key a specific one implies, unique and sorted", () => {
    expect(normalizeRequirements(["hugepages:1Gi", "gpu:nvidia.com/x", "Snapshot", "snapshot", ""])).toEqual([
      "gpu",
      "gpu:nvidia.com/x",
      "hugepages",
      "hugepages:1gi",
      "snapshot",
    ]);
  });
});

describe("requirementsOf", () => {
  it.each([
    ["a plain size", {}, []],
    ["requires_gpu", { requiresGpu: true }, ["gpu"]],
    [
      "gpu_devices with device names",
      { gpuDevices: [{ name: "gpu1", deviceName: "nvidia.com/GA102GL_A10" }] },
      ["gpu", "gpu:nvidia.com/ga102gl-a10"],
    ],
    [
      "devices.gpus in nested spec_overrides",
      {
        specOverrides: {
          spec: {
            template: {
              spec: { domain: { devices: { gpus: [{ name: "g", deviceName: "nvidia.com/gpu" }] } } },
            },
          },
        },
      },
      ["gpu", "gpu:nvidia.com/gpu"],
    ],
    [
      "dotted spec_overrides keys",
      {
        specOverrides: {
          "spec.template.spec.domain.memory.hugepages.pageSize": "1Gi",
          "spec.template.spec.domain.devices": { interfaces: [{ name: "net1", sriov: {} }] },
        },
      },
      ["hugepages", "hugepages:1gi", "sriov"],
    ],
    [
      "an SR-IOV multus network",
      {
        specOverrides: {
          spec: { template: { spec: { networks: [{ multus: { networkName: "sriov-net-a" } }] } } },
        },
      },
      ["sriov"],
    ],
    ["requires_hugepages without a size", { requiresHugepages: true }, ["hugepages"]],
    ["hugepages_size", { requiresHugepages: true, hugepagesSize: "2Mi" }, ["hugepages", "hugepages:2mi"]],
    ["required features", { requiredFeatures: ["Snapshot"] }, ["snapshot"]],
  ])("%s", (_name, size, expected) => {
    expect(requirementsOf(size)).toEqual(expected);
  });

  it("is the union of the instance size's and the template's requirements", () => {
    expect(requirementsOf({ requiresSriov: true }, { requiredFeatures: ["Snapshot", "sriov"] })).toEqual([
      "snapshot",
      "sriov",
    ]);
  });
});

describe("matching against a cluster", () => {
  const detected = {
    enabledFeatures: ["GPU", "LiveMigration", "Snapshot"],
    gpuDevices: [{ resourceName: "nvidia.com/GA102GL_A10", total: 2, nodes: ["n1"] }],
    hugepages: ["2Mi"],
    sriovNetworks: [],
  };
  const cluster = clusterCapabilitySet({
    enabledFeatures: detected.enabledFeatures,
    hardware: hardwareCapabilities(detected),
  });

  it("builds the set from gates and detected hardware; a gate never becomes hardware", () => {
    expect([...cluster].sort()).toEqual([
      "gpu",
      "gpu:nvidia.com/ga102gl-a10",
      "hugepages",
      "hugepages:2mi",
      "livemigration",
      "snapshot",
    ]);
    const noGpus = clusterCapabilitySet({
      enabledFeatures: ["GPU", "GPUsWithDRA"],
      hardware: hardwareCapabilities({ ...detected, gpuDevices: [] }),
    });
    expect(noGpus.has("gpu")).toBe(false);
  });

  it("GPU devices count only while the GPU gate is in effect", () => {
    expect(hardwareCapabilities({ ...detected, enabledFeatures: [] })).toMatchObject({ gpu: false });
  });

  it("reports what is missing", () => {
    expect(hasAllCapabilities(cluster, ["gpu", "hugepages:2Mi", "Snapshot"])).toBe(true);
    expect(
      missingCapabilities(cluster, ["gpu:nvidia.com/A100", "hugepages:1Gi", "sriov", "VMExport"]),
    ).toEqual(["gpu:nvidia.com/a100", "hugepages:1gi", "sriov", "vmexport"]);
    expect(hasAllCapabilities(cluster, [])).toBe(true);
  });

  it("expands admin-declared free text leniently", () => {
    const set = clusterCapabilitySet({
      enabledFeatures: [],
      hardware: {},
      adminDeclared: ["nvidia.com/A100_80GB", "sriov-net-b", "hugepages-1Gi"],
    });
    expect(hasAllCapabilities(set, ["gpu", "gpu:nvidia.com/A100_80GB", "sriov", "hugepages:1Gi"])).toBe(true);
  });

  it("never takes a declared token for a feature gate", () => {
    const set = clusterCapabilitySet({
      enabledFeatures: [],
      hardware: {},
      adminDeclared: ["Snapshot", "sriov"],
    });
    expect(missingCapabilities(set, ["Snapshot", "sriov"])).toEqual(["snapshot"]);
  });
});
