import { describe, expect, it } from "vitest";
import { mapKubeEvent } from "./mapper-event";

const full = {
  apiVersion: "v1",
  kind: "Event",
  metadata: { name: "vm-1.18c2", namespace: "dev" },
  involvedObject: {
    apiVersion: "kubevirt.io/v1",
    kind: "VirtualMachine",
    name: "vm-1",
    namespace: "dev",
    uid: "u",
  },
  reason: "SuccessfulCreate",
  message: "Started the virtual machine by creating the new virtual machine instance vm-1",
  type: "Normal",
  count: 3,
  firstTimestamp: "2026-12-08T10:00:00Z",
  lastTimestamp: "2026-12-08T10:05:00Z",
  source: { component: "virt-controller" },
};

describe("mapKubeEvent", () => {
  it.each([
    [
      "a complete legacy Event",
      full,
      {
        type: "Normal",
        reason: "SuccessfulCreate",
        message: "Started the virtual machine by creating the new virtual machine instance vm-1",
        involvedObject: { kind: "VirtualMachine", name: "vm-1", namespace: "dev" },
        count: 3,
        firstSeen: new Date("2026-12-08T10:00:00Z"),
        lastSeen: new Date("2026-12-08T10:05:00Z"),
      },
    ],
    ["a Warning", { ...full, type: "Warning" }, expect.objectContaining({ type: "Warning" })],
    [
      "an unknown type reads as Normal",
      { ...full, type: "Fatal" },
      expect.objectContaining({ type: "Normal" }),
    ],
    [
      "an events.k8s.io/v1-style Event: eventTime and series instead of timestamps and count",
      {
        ...full,
        count: undefined,
        firstTimestamp: null,
        lastTimestamp: null,
        eventTime: "2026-12-08T09:00:00.123456Z",
        series: { count: 7, lastObservedTime: "2026-12-08T09:30:00.000001Z" },
      },
      expect.objectContaining({
        count: 7,
        firstSeen: new Date("2026-12-08T09:00:00.123Z"),
        lastSeen: new Date("2026-12-08T09:30:00.000Z"),
      }),
    ],
    [
      "only eventTime: first and last seen are both it",
      { ...full, firstTimestamp: undefined, lastTimestamp: undefined, eventTime: "2026-12-08T09:00:00Z" },
      expect.objectContaining({
        firstSeen: new Date("2026-12-08T09:00:00Z"),
        lastSeen: new Date("2026-12-08T09:00:00Z"),
      }),
    ],
    [
      "involvedObject without namespace: the Event's own namespace",
      { ...full, involvedObject: { kind: "VirtualMachineInstance", name: "vm-1" } },
      expect.objectContaining({
        involvedObject: { kind: "VirtualMachineInstance", name: "vm-1", namespace: "dev" },
      }),
    ],
    ["a zero, negative or fractional count", { ...full, count: 0 }, expect.objectContaining({ count: 1 })],
    ["a fractional count is floored", { ...full, count: 2.7 }, expect.objectContaining({ count: 2 })],
    [
      "malformed timestamps are left out",
      { ...full, firstTimestamp: "yesterday", lastTimestamp: 42 },
      expect.not.objectContaining({ firstSeen: expect.anything() }),
    ],
  ])("%s", (_label, wire, want) => {
    expect(mapKubeEvent(wire)).toEqual(want);
  });

  it.each([
    ["an empty object", {}],
    ["null", null],
    ["a string", "Event"],
    ["an array", []],
  ])("%s maps to an empty Normal event instead of throwing", (_label, wire) => {
    expect(mapKubeEvent(wire)).toEqual({
      type: "Normal",
      reason: "",
      message: "",
      involvedObject: { kind: "", name: "", namespace: "" },
      count: 1,
    });
  });
});
