import { describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors/app-error";
import { decodeKubeconfigUpload } from "./kubeconfig-upload";

const reasonOf = (input: string) => {
  try {
    decodeKubeconfigUpload(input);
    return "accepted";
  } catch (e) {
    return isAppError(e, "KUBECONFIG_INVALID") ? e.params.reason : String(e);
  }
};

describe("decodeKubeconfigUpload", () => {
  it("decodes UTF-8 text, line-wrapped base64 included", () => {
    const text = "apiVersion: v1\n# 集群\n";
    const encoded = Buffer.from(text).toString("base64");
    expect(decodeKubeconfigUpload(encoded)).toBe(text);
    expect(decodeKubeconfigUpload(`${encoded.slice(0, 8)}\n${encoded.slice(8)}`)).toBe(text);
  });

  it.each([
    ["plain text", "apiVersion: v1", "not_base64"],
    ["an empty value", "  ", "not_base64"],
    ["bytes that are not UTF-8", Buffer.from([0xff, 0xfe, 0xfd]).toString("base64"), "unparseable"],
    ["more than 1 MiB", Buffer.alloc(1024 * 1024 + 1, 0x61).toString("base64"), "too_large"],
    ["a huge body, refused before decoding", "A".repeat(3 * 1024 * 1024), "too_large"],
  ])("refuses %s with KUBECONFIG_INVALID %s", (_what, input, reason) => {
    expect(reasonOf(input)).toBe(reason);
  });
});
