import { describe, expect, it } from "vitest";
import { NOT_LOGGED, REDACTED, redactDetails } from "./redact";

describe("redactDetails", () => {
  it.each([
    ["password", "hunter2"],
    ["clientSecret", "s"],
    ["bearer_token", "t"],
    ["credentials", { user: "u" }],
    ["private_key", "k"],
    ["API_KEY", "k"],
  ])("replaces the value of %s", (key, value) => {
    expect(redactDetails({ [key]: value })).toEqual({ [key]: REDACTED });
  });

  it("never writes a kubeconfig, under any key spelling", () => {
    expect(redactDetails({ kubeconfig: "apiVersion: v1", newKubeConfig: "x" })).toEqual({
      kubeconfig: NOT_LOGGED,
      newKubeConfig: NOT_LOGGED,
    });
  });

  it("redacts at depth and inside arrays, and keeps everything else", () => {
    const input = {
      name: "c1",
      nested: { auth: { token: "t", server: "https://x" } },
      list: [{ secret: 1 }, 2],
    };
    expect(redactDetails(input)).toEqual({
      name: "c1",
      nested: { auth: { token: REDACTED, server: "https://x" } },
      list: [{ secret: REDACTED }, 2],
    });
  });

  it("leaves scalars and null alone", () => {
    expect(redactDetails("text")).toBe("text");
    expect(redactDetails(null)).toBeNull();
    expect(redactDetails(3)).toBe(3);
  });
});
