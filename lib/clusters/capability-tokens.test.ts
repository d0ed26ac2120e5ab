import { describe, expect, it } from "vitest";
import { formatCapabilityTokens, parseCapabilityTokens } from "./capability-tokens";

describe("parseCapabilityTokens", () => {
  it.each([
    ["gpu, sriov", ["gpu", "sriov"]],
    ["gpu:nvidia.com/a100\nhugepages:1Gi\n\n", ["gpu:nvidia.com/a100", "hugepages:1Gi"]],
    ["  Snapshot ,Snapshot", ["Snapshot"]],
    ["", []],
    [" ,\n , ", []],
  ])("%j → %j", (text, expected) => {
    expect(parseCapabilityTokens(text)).toEqual(expected);
  });

  it("round-trips through the editor's format", () => {
    const tokens = ["gpu", "hugepages:2Mi", "Snapshot"];
    expect(parseCapabilityTokens(formatCapabilityTokens(tokens))).toEqual(tokens);
  });
});
