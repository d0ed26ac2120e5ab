import { describe, expect, it } from "vitest";
import { isGpuResource, readNodeHardware, readSriovNetworks, readStorageClasses } from "./hardware-detection";

const node = (
  name: string,
  capacity: Record<string, string>,
  opts: { schedulable?: boolean; cordoned?: boolean; allocatable?: Record<string, string> } = {},
) => ({
  metadata: { name, labels: { "kubevirt.io/schedulable": opts.schedulable === false ? "false" : "true" } },
  spec: opts.cordoned ? { unschedulable: true } : {},
  status: { capacity, allocatable: opts.allocatable ?? capacity },
});

describe("isGpuResource", () => {
  it.each([
    ["nvidia.com/gpu", true],
    ["nvidia.com/GA102GL_A10", true],
    ["nvidia.com/mig-1g.5gb", true],
    ["amd.com/gpu", true],
    ["gpu.intel.com/i915", true],
    ["intel.com/sriov_netdevice", false],
    ["openshift.io/sriov_pool", false],
    ["devices.kubevirt.io/kvm", false],
    ["hugepages-2Mi", false],
    ["cpu", false],
    ["example.com/fpga", false],
  ])("%s → %s", (name, gpu) => {
    expect(isGpuResource(name)).toBe(gpu);
  });

  it("accepts a resource KubeVirt's permittedHostDevices lists", () => {
    expect(isGpuResource("example.com/fpga", new Set(["example.com/fpga"]))).toBe(true);
  });
});

describe("readNodeHardware", () => {
  it("sums GPUs per device over schedulable nodes and lists non-zero hugepage sizes", () => {
    const hw = readNodeHardware({
      items: [
        node("a", { cpu: "16", "nvidia.com/gpu": "2", "hugepages-2Mi": "0", "hugepages-1Gi": "0" }),
        node("b", { "nvidia.com/gpu": "4", "nvidia.com/GA102GL_A10": "1", "hugepages-2Mi": "8Gi" }),
        node("c", { "nvidia.com/gpu": "8", "hugepages-1Gi": "16Gi" }, { schedulable: false }),
        node("d", { "nvidia.com/gpu": "8" }, { cordoned: true }),
        node("e", { "hugepages-1Gi": "4Gi" }, { allocatable: { "hugepages-1Gi": "0" } }),
        { metadata: "garbage" },
      ],
    });
    expect(hw).toEqual({
      gpuDevices: [
        { resourceName: "nvidia.com/GA102GL_A10", total: 1, nodes: ["b"] },
        { resourceName: "nvidia.com/gpu", total: 6, nodes: ["a", "b"] },
      ],
      hugepages: ["2Mi"],
      schedulableNodes: 3,
    });
  });

  it("is empty for a missing or malformed list", () => {
    expect(readNodeHardware(undefined)).toEqual({ gpuDevices: [], hugepages: [], schedulableNodes: 0 });
  });
});

describe("readSriovNetworks", () => {
  const nad = (name: string, config: unknown, annotations: Record<string, string> = {}) => ({
    metadata: { name, namespace: "default", annotations },
    spec: { config: typeof config === "string" ? config : JSON.stringify(config) },
  });
  it("keeps SR-IOV CNI networks (plain, conflist, or by device pool) and drops the rest", () => {
    expect(
      readSriovNetworks({
        items: [
          nad("a", { type: "sriov" }, { "k8s.v1.cni.cncf.io/resourceName": "intel.com/sriov_netdevice" }),
          nad("b", { plugins: [{ type: "sriov" }, { type: "tuning" }] }),
          nad("c", { type: "bridge" }, { "k8s.v1.cni.cncf.io/resourceName": "openshift.io/sriov_nic" }),
          nad("d", { type: "bridge" }),
          nad("e", "{not json"),
        ],
      }),
    ).toEqual([
      { namespace: "default", name: "a", resourceName: "intel.com/sriov_netdevice" },
      { namespace: "default", name: "b" },
      { namespace: "default", name: "c", resourceName: "openshift.io/sriov_nic" },
    ]);
  });
});

describe("readStorageClasses", () => {
  const sc = (name: string, isDefault: string | undefined, created: string, beta = false) => ({
    metadata: {
      name,
      creationTimestamp: created,
      annotations:
        isDefault === undefined
          ? {}
          : {
              [beta
                ? "storageclass.beta.kubernetes.io/is-default-class"
                : "storageclass.kubernetes.io/is-default-class"]: isDefault,
            },
    },
  });
  it("lists names and picks the default (the newest when several claim it)", () => {
    expect(
      readStorageClasses({
        items: [
          sc("b", "true", "2026-01-01T00:00:00Z"),
          sc("a", "false", "2026-01-02T00:00:00Z"),
          sc("c", "true", "2026-02-01T00:00:00Z", true),
        ],
      }),
    ).toEqual({ names: ["a", "b", "c"], default: "c", defaults: ["c", "b"] });
    expect(readStorageClasses({ items: [sc("x", undefined, "")] })).toEqual({ names: ["x"], defaults: [] });
  });
});
