import { describe, expect, it } from "vitest";
import type { Environment } from "@/lib/domain/environment";
import {
  type ApprovalPolicy,
  defaultApprovalMatrix,
  defaultApprovalPolicies,
  requiresApproval,
} from "./default-policies";
import { OperationType } from "./ticket-status";

// SPEC §17.3, written out independently of the implementation.
const specMatrix: [OperationType, test: boolean, prod: boolean][] = [
  ["CREATE_VM", true, true],
  ["MODIFY_VM", true, true],
  ["DELETE_VM", true, true],
  ["START_VM", false, true],
  ["STOP_VM", false, true],
  ["RESTART_VM", false, true],
  ["VNC_ACCESS", false, true],
  // Issue 12: the other operations on an existing VM run without approval by default.
  ["PAUSE_VM", false, false],
  ["UNPAUSE_VM", false, false],
  ["MIGRATE_VM", false, false],
  ["CANCEL_MIGRATION", false, false],
  ["CREATE_SNAPSHOT", false, false],
  ["DELETE_SNAPSHOT", false, false],
];
const specCases = specMatrix.flatMap(([op, test, prod]) => [
  ["test", op, test] as const,
  ["prod", op, prod] as const,
]);

function policy(overrides: Partial<ApprovalPolicy>): ApprovalPolicy {
  return {
    environment: "prod",
    operation: "START_VM",
    requiresApproval: false,
    priority: 10,
    enabled: true,
    ...overrides,
  };
}

describe("default approval matrix", () => {
  it("covers every operation type", () => {
    expect(specMatrix.map(([op]) => op).sort()).toEqual(Object.values(OperationType).sort());
  });

  it.each(specCases)("%s %s → requires approval: %s", (environment, operation, expected) => {
    expect(defaultApprovalMatrix[environment][operation]).toBe(expected);
    expect(requiresApproval([], environment, operation)).toBe(expected);
  });

  it.each(specCases)("seed rows: %s %s → %s", (environment, operation, expected) => {
    const rows = defaultApprovalPolicies.filter(
      (p) => p.environment === environment && p.operation === operation,
    );
    expect(rows).toEqual([
      { environment, operation, requiresApproval: expected, priority: 0, enabled: true },
    ]);
    expect(requiresApproval(defaultApprovalPolicies, environment, operation)).toBe(expected);
  });

  it("seeds exactly one row per environment and operation", () => {
    expect(defaultApprovalPolicies).toHaveLength(specCases.length);
  });
});

describe("requiresApproval with policies", () => {
  it("a matching enabled policy overrides the default", () => {
    expect(requiresApproval([policy({})], "prod", "START_VM")).toBe(false);
    expect(
      requiresApproval([policy({ environment: "test", requiresApproval: true })], "test", "START_VM"),
    ).toBe(true);
  });

  it("ignores disabled policies", () => {
    expect(requiresApproval([policy({ enabled: false })], "prod", "START_VM")).toBe(true);
  });

  it("ignores policies for another operation or environment", () => {
    const policies = [
      policy({ operation: "STOP_VM" }),
      policy({ environment: "test", requiresApproval: true }),
    ];
    expect(requiresApproval(policies, "prod", "START_VM")).toBe(true);
    expect(requiresApproval(policies, "test", "STOP_VM")).toBe(false);
  });

  it.each<Environment>(["test", "prod"])("environment 'all' matches %s", (environment) => {
    expect(
      requiresApproval([policy({ environment: "all", operation: "CREATE_VM" })], environment, "CREATE_VM"),
    ).toBe(false);
  });

  it("the highest priority wins, in any order", () => {
    const low = policy({ environment: "prod", priority: 1, requiresApproval: true });
    const high = policy({ environment: "all", priority: 5, requiresApproval: false });
    expect(requiresApproval([low, high], "prod", "START_VM")).toBe(false);
    expect(requiresApproval([high, low], "prod", "START_VM")).toBe(false);
  });

  it("on equal priority the environment-specific policy beats 'all'", () => {
    const all = policy({ environment: "all", priority: 3, requiresApproval: true });
    const specific = policy({ environment: "prod", priority: 3, requiresApproval: false });
    expect(requiresApproval([all, specific], "prod", "START_VM")).toBe(false);
    expect(requiresApproval([specific, all], "prod", "START_VM")).toBe(false);
  });

  it("on a full tie the policy requiring approval wins, in any order", () => {
    const yes = policy({ priority: 2, requiresApproval: true });
    const no = policy({ priority: 2, requiresApproval: false });
    expect(requiresApproval([yes, no], "prod", "START_VM")).toBe(true);
    expect(requiresApproval([no, yes], "prod", "START_VM")).toBe(true);
  });

  it("a disabled higher-priority policy does not shadow an enabled lower one", () => {
    const policies = [
      policy({ priority: 100, enabled: false, requiresApproval: true }),
      policy({ priority: 1, requiresApproval: false }),
    ];
    expect(requiresApproval(policies, "prod", "START_VM")).toBe(false);
  });
});
