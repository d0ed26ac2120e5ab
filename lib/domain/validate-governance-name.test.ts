import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { isGovernanceName } from "./governance-name";
import { NAME_LENGTH_WARNING, validateGovernanceName } from "./validate-governance-name";

function refusal(name: string): AppError | undefined {
  try {
    validateGovernanceName("service", name);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  return undefined;
}

describe("validateGovernanceName", () => {
  it("accepts names of up to 12 characters without a warning", () => {
    expect(validateGovernanceName("system", "shop")).toEqual([]);
    expect(validateGovernanceName("system", "a".repeat(12))).toEqual([]);
    expect(validateGovernanceName("service", "a1-b2")).toEqual([]);
  });

  it("warns from 13 to 15 characters", () => {
    for (const name of ["a".repeat(13), "payments-api-x1"]) {
      const warnings = validateGovernanceName("system", name);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]?.startsWith(`${NAME_LENGTH_WARNING}:`)).toBe(true);
    }
  });

  it("refuses more than 15 characters with NAME_TOO_LONG and a suggestion within the limit", () => {
    const error = refusal("payments-gateway-x");
    expect(error?.code).toBe("NAME_TOO_LONG");
    expect(error?.params).toEqual({
      entity: "service",
      name: "payments-gateway-x",
      length: 18,
      max_length: 15,
      suggestion: "payments-gatewa",
    });
  });

  it("refuses names breaking the rule with NAME_INVALID", () => {
    for (const name of ["", "Shop", "1shop", "shop-", "sh--op", "sh_op", "-a", "shop.web"]) {
      expect(refusal(name)?.code, name).toBe("NAME_INVALID");
      expect(isGovernanceName(name)).toBe(false);
    }
  });

  it("agrees with the rule the adoption scan uses", () => {
    for (const name of ["a", "shop", "a-b-c", "x".repeat(15), "x".repeat(16), "a--b", "B"])
      expect(refusal(name) === undefined, name).toBe(isGovernanceName(name));
  });
});
