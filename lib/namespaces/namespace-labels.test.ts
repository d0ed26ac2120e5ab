import { describe, expect, it } from "vitest";
import { namespaceLabels } from "./namespace-labels";

// Kubernetes label values: ≤ 63 chars, alphanumeric at both ends, `-_.` inside (or empty).
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$/;

describe("namespaceLabels", () => {
  it("names the environment and Shepherd as manager, every value a valid label value", () => {
    for (const env of ["test", "prod"] as const) {
      const labels = namespaceLabels(env);
      expect(labels).toEqual({ "shepherd.io/environment": env, "shepherd.io/managed-by": "shepherd" });
      for (const value of Object.values(labels)) expect(value).toMatch(LABEL_VALUE);
    }
  });
});
