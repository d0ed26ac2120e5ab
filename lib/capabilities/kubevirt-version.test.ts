import { describe, expect, it } from "vitest";
import { compareKubeVirtVersions, minorKey, parseKubeVirtVersion } from "./kubevirt-version";

describe("parseKubeVirtVersion", () => {
  it.each([
    ["v1.7.0", { major: 1, minor: 7, patch: 0, prerelease: [] }],
    ["1.3.1", { major: 1, minor: 3, patch: 1, prerelease: [] }],
    [" v1.10.0-alpha.0.123+abcdef ", { major: 1, minor: 10, patch: 0, prerelease: ["alpha", "0", "123"] }],
    ["v0.59.2", { major: 0, minor: 59, patch: 2, prerelease: [] }],
  ])("%s is semver", (raw, parts) => {
    expect(parseKubeVirtVersion(raw)).toEqual({ known: true, raw, ...parts });
  });

  it.each([
    "",
    "latest",
    "v1.9",
    "1",
    "v1.9.x",
    "v01.2.3",
    "4.16.3-rhel9 build 42",
    "sha256:abc",
    "v0.0.0-master+$Format:%h$",
  ])("%j is kept as detected and marked unknown", (raw) => {
    expect(parseKubeVirtVersion(raw)).toEqual({ known: false, raw });
  });
});

describe("compareKubeVirtVersions", () => {
  it.each([
    ["v1.10.0", "v1.9.3", 1],
    ["v1.9.3", "v1.10.0", -1],
    ["1.3.1", "v1.3.1", 0],
    ["v1.3.1+build.5", "v1.3.1", 0],
    ["v2.0.0", "v1.99.99", 1],
    ["v1.4.2", "v1.4.10", -1],
    ["v1.10.0-alpha.0", "v1.10.0", -1],
    ["v1.10.0-alpha.2", "v1.10.0-alpha.10", -1],
    ["v1.10.0-alpha.1", "v1.10.0-beta.0", -1],
    ["v1.10.0-rc.1", "v1.10.0-rc.1.1", -1],
    ["v1.10.0-1", "v1.10.0-alpha", -1],
  ])("%s vs %s → %i", (a, b, sign) => {
    expect(compareKubeVirtVersions(a, b)).toBe(sign);
  });

  it("is undefined when either side is not semver", () => {
    expect(compareKubeVirtVersions("latest", "v1.0.0")).toBeUndefined();
    expect(compareKubeVirtVersions("v1.0.0", "nope")).toBeUndefined();
  });

  it("sorts versions numerically, never as strings", () => {
    const sorted = ["v1.9.3", "v1.10.0", "v1.2.0", "v1.9.10", "v1.10.0-rc.0"].sort(
      (a, b) => compareKubeVirtVersions(a, b) ?? 0,
    );
    expect(sorted).toEqual(["v1.2.0", "v1.9.3", "v1.9.10", "v1.10.0-rc.0", "v1.10.0"]);
  });
});

describe("minorKey", () => {
  it("is the schema-cache key, or undefined for an unknown version", () => {
    expect(minorKey("v1.5.2")).toBe("1.5.x");
    expect(minorKey("1.10.0-alpha.0")).toBe("1.10.x");
    expect(minorKey("latest")).toBeUndefined();
  });
});
