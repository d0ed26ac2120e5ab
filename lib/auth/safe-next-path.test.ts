import { describe, expect, it } from "vitest";
import { safeNextPath } from "./safe-next-path";

describe("safeNextPath", () => {
  it.each([
    ["/en/admin/users", "/en/admin/users"],
    ["/zh-CN?tab=1#x", "/zh-CN?tab=1#x"],
    [undefined, "/en"],
    [["/a", "/b"], "/en"],
    ["https://evil.example/", "/en"],
    ["//evil.example/x", "/en"],
    ["/\\evil.example", "/en"],
    ["javascript:alert(1)", "/en"],
    ["", "/en"],
  ])("%j → %s", (candidate, expected) => {
    expect(safeNextPath(candidate, "/en")).toBe(expected);
  });
});
