import { describe, expect, it } from "vitest";
import { isValidClusterName } from "./cluster-name";

describe("isValidClusterName", () => {
  it.each(["a", "prod-1", "x".repeat(63), "0abc"])("accepts %s", (name) => {
    expect(isValidClusterName(name)).toBe(true);
  });
  it.each(["", "Prod", "-a", "a-", "a_b", "a.b", "x".repeat(64), "集群"])("refuses %j", (name) => {
    expect(isValidClusterName(name)).toBe(false);
  });
});
