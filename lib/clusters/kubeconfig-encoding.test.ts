import { describe, expect, it } from "vitest";
import { encodeKubeconfig } from "./kubeconfig-encoding";

describe("encodeKubeconfig", () => {
  it("encodes the UTF-8 bytes of the text, non-ASCII included", () => {
    const text = "apiVersion: v1\n# 集群 – prod\n";
    expect(Buffer.from(encodeKubeconfig(text), "base64").toString("utf8")).toBe(text);
  });

  it("handles a file larger than one encoding chunk", () => {
    const text = "x".repeat(200_000);
    expect(Buffer.from(encodeKubeconfig(text), "base64").toString("utf8")).toBe(text);
  });
});
