import { describe, expect, it } from "vitest";
import { isKubeVirtEvent } from "./kubevirt-event-filter";

const ev = (involvedObject: unknown) => ({ kind: "Event", involvedObject });

describe("isKubeVirtEvent", () => {
  it.each([
    ["a VM", { apiVersion: "kubevirt.io/v1", kind: "VirtualMachine" }, true],
    ["a VMI", { apiVersion: "kubevirt.io/v1", kind: "VirtualMachineInstance" }, true],
    ["a snapshot", { apiVersion: "snapshot.kubevirt.io/v1beta1", kind: "VirtualMachineSnapshot" }, true],
    [
      "a restore (old version)",
      { apiVersion: "snapshot.kubevirt.io/v1alpha1", kind: "VirtualMachineRestore" },
      true,
    ],
    ["a clone", { apiVersion: "clone.kubevirt.io/v1beta1", kind: "VirtualMachineClone" }, true],
    ["a pod (core v1)", { apiVersion: "v1", kind: "Pod" }, false],
    ["a CDI DataVolume", { apiVersion: "cdi.kubevirt.io/v1beta1", kind: "DataVolume" }, false],
    ["a look-alike group", { apiVersion: "evil-kubevirt.io/v1", kind: "VirtualMachine" }, false],
    [
      "an export (other KubeVirt group)",
      { apiVersion: "export.kubevirt.io/v1beta1", kind: "VirtualMachineExport" },
      false,
    ],
    ["a group without version", { apiVersion: "kubevirt.io", kind: "VirtualMachine" }, false],
    ["no apiVersion", { kind: "VirtualMachine" }, false],
    ["a non-string apiVersion", { apiVersion: 1 }, false],
  ])("%s → %s", (_label, involvedObject, want) => {
    expect(isKubeVirtEvent(ev(involvedObject))).toBe(want);
  });

  it("rejects objects without an involvedObject", () => {
    for (const o of [null, undefined, 42, "x", {}, { involvedObject: null }, { involvedObject: "vm" }])
      expect(isKubeVirtEvent(o)).toBe(false);
  });
});
