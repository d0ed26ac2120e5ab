import { describe, expect, it } from "vitest";
import { canonicalDeclaredCapability, readDeclaredCapabilities } from "./declared-capabilities";

describe("canonicalDeclaredCapability", () => {
  it.each([
    ["gpu", "gpu"],
    [" SRIOV ", "sriov"],
    ["hugepages", "hugepages"],
    ["hugepages:1gi", "hugepages:1Gi"],
    ["hugepages-2Mi", "hugepages:2Mi"],
    ["gpu:nvidia.com/GA102GL_A10", "gpu:nvidia.com/GA102GL_A10"],
    ["nvidia.com/a100", "gpu:nvidia.com/a100"],
  ])("%s → %s", (token, expected) => {
    expect(canonicalDeclaredCapability(token)).toBe(expected);
  });

  it.each([
    "",
    "  ",
    "warp-drive",
    "gpu:",
    "gpu:not a resource",
    "hugepages:huge",
    "hugepages:3",
    // Feature gates are detected, never declared: a declared one would lift the provider's own refusal.
    "Snapshot",
    "snapshot",
    "LiveMigration",
    "HotplugVolumes",
  ])("refuses %j", (token) => {
    expect(canonicalDeclaredCapability(token)).toBeUndefined();
  });
});

describe("readDeclaredCapabilities", () => {
  it("reads the stored object", () => {
    expect(
      readDeclaredCapabilities({ capabilities: ["gpu", 3], note: "n", updated_by: "u", updated_at: "t" }),
    ).toEqual({ capabilities: ["gpu"], note: "n", updated_by: "u", updated_at: "t" });
  });

  it("reads older shapes and nothing", () => {
    expect(readDeclaredCapabilities(["sriov"]).capabilities).toEqual(["sriov"]);
    expect(readDeclaredCapabilities({ gpu: true, sriov: false }).capabilities).toEqual(["gpu"]);
    expect(readDeclaredCapabilities(null).capabilities).toEqual([]);
  });
});
