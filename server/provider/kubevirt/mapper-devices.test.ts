import { describe, expect, it } from "vitest";
import { mapVMDevices } from "./mapper";

const vm = (spec: unknown) => ({ metadata: { name: "a", namespace: "b" }, spec });

describe("mapVMDevices", () => {
  it("reads every volume kind, with its source and size", () => {
    const devices = mapVMDevices(
      vm({
        dataVolumeTemplates: [
          {
            metadata: { name: "dv-root" },
            spec: { storage: { resources: { requests: { storage: "30Gi" } } } },
          },
          { metadata: { name: "dv-old" }, spec: { pvc: { resources: { requests: { storage: "5Gi" } } } } },
          { metadata: { name: "dv-nosize" }, spec: {} },
          "not an object",
        ],
        template: {
          spec: {
            volumes: [
              { name: "rootdisk", containerDisk: { image: "quay.io/containerdisks/fedora:41" } },
              { name: "data", persistentVolumeClaim: { claimName: "pvc-data" } },
              { name: "dv", dataVolume: { name: "dv-root" } },
              { name: "dv2", dataVolume: { name: "dv-old" } },
              { name: "dv3", dataVolume: { name: "dv-nosize" } },
              { name: "dv4", dataVolume: {} },
              { name: "scratch", emptyDisk: { capacity: "10Gi" } },
              { name: "scratch2", emptyDisk: { capacity: 1024 } },
              { name: "cloudinitdisk", cloudInitNoCloud: { userData: "#cloud-config" } },
              { name: "odd", hostDisk: { path: "/x" } },
              { name: "bare" },
              { containerDisk: { image: "nameless" } },
              42,
            ],
          },
        },
      }),
    );
    expect(devices.disks).toEqual([
      { name: "rootdisk", type: "containerDisk", source: "quay.io/containerdisks/fedora:41" },
      { name: "data", type: "persistentVolumeClaim", source: "pvc-data" },
      { name: "dv", type: "dataVolume", source: "dv-root", size: "30Gi" },
      { name: "dv2", type: "dataVolume", source: "dv-old", size: "5Gi" },
      { name: "dv3", type: "dataVolume", source: "dv-nosize" },
      { name: "dv4", type: "dataVolume" },
      { name: "scratch", type: "emptyDisk", size: "10Gi" },
      { name: "scratch2", type: "emptyDisk", size: "1024" },
      { name: "cloudinitdisk", type: "cloudInitNoCloud" },
      { name: "odd", type: "hostDisk" },
      { name: "bare", type: "unknown" },
    ]);
  });

  it("reads pod and multus networks, and names any other kind", () => {
    const devices = mapVMDevices(
      vm({
        template: {
          spec: {
            networks: [
              { name: "default", pod: {} },
              { name: "sriov", multus: { networkName: "default/sriov-net-a" } },
              { name: "plain-multus", multus: {} },
              { name: "other", bridgeNet: { x: 1 } },
              { name: "nothing" },
              { pod: {} },
            ],
          },
        },
      }),
    );
    expect(devices.networks).toEqual([
      { name: "default", type: "pod" },
      { name: "sriov", type: "multus", networkName: "default/sriov-net-a" },
      { name: "plain-multus", type: "multus" },
      { name: "other", type: "bridgeNet" },
      { name: "nothing", type: "unknown" },
    ]);
  });

  it.each([
    null,
    undefined,
    42,
    "vm",
    [],
    {},
    { spec: null },
    { spec: { template: { spec: { volumes: "x" } } } },
  ])("tolerates %j", (input) => {
    expect(mapVMDevices(input)).toEqual({ disks: [], networks: [] });
  });
});
