import { describe, expect, it } from "vitest";
import { AppError, isAppError } from "./app-error";

describe("AppError", () => {
  it("takes its status from the catalogue and keeps code and params", () => {
    const error = new AppError("VM_NOT_FOUND", { name: "dev-shop-redis-01", namespace: "dev" });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("AppError");
    expect(error.code).toBe("VM_NOT_FOUND");
    expect(error.httpStatus).toBe(404);
    expect(error.params).toEqual({ name: "dev-shop-redis-01", namespace: "dev" });
    expect(error.fieldErrors).toBeUndefined();
    expect("cause" in error).toBe(false);
  });

  it("defaults the log message to the code and its params", () => {
    expect(new AppError("TICKET_INVALID_TRANSITION", { from: "SUCCESS", to: "EXECUTING" }).message).toBe(
      'TICKET_INVALID_TRANSITION {"from":"SUCCESS","to":"EXECUTING"}',
    );
    expect(new AppError("INTERNAL").message).toBe("INTERNAL");
  });

  it("uses an empty params object when a code has none", () => {
    expect(new AppError("TICKET_NOT_PENDING").params).toEqual({});
    expect(new AppError("UNAUTHENTICATED").params).toEqual({});
  });

  it("carries message, field errors and cause from the options", () => {
    const cause = new Error("ECONNREFUSED 10.0.0.1:6443");
    const error = new AppError("VALIDATION_FAILED", undefined, {
      message: "cluster prod-1 is not healthy (status: UNREACHABLE)",
      fieldErrors: [{ field: "cluster_id", code: "cluster_unhealthy" }],
      cause,
    });
    expect(error.message).toBe("cluster prod-1 is not healthy (status: UNREACHABLE)");
    expect(error.fieldErrors).toEqual([{ field: "cluster_id", code: "cluster_unhealthy" }]);
    expect(error.cause).toBe(cause);
    expect(error.httpStatus).toBe(400);
  });

  // Compile-time contract, enforced by `tsc` (an unused @ts-expect-error fails the type check); never run.
  const typeChecks = () => [
    // @ts-expect-error VM_NOT_FOUND requires params with a name
    new AppError("VM_NOT_FOUND"),
    // @ts-expect-error unknown code
    new AppError("CLUSTER_DEGRADED"),
    // @ts-expect-error `to` must be a string
    new AppError("TICKET_INVALID_TRANSITION", { from: "A", to: 1 }),
    // @ts-expect-error a code without params takes none
    new AppError("INTERNAL", { detail: "x" }),
    new AppError("TICKET_NOT_PENDING"),
    new AppError("TICKET_INVALID_TRANSITION", { from: "A", to: "B" }),
  ];
  void typeChecks;
});

describe("isAppError", () => {
  it.each([
    ["an AppError", new AppError("CONFLICT"), true],
    ["a plain Error", new Error("CONFLICT"), false],
    ["a look-alike object", { code: "CONFLICT", httpStatus: 409, name: "AppError" }, false],
    ["a string", "CONFLICT", false],
    ["undefined", undefined, false],
  ])("%s → %s", (_label, value, expected) => {
    expect(isAppError(value)).toBe(expected);
  });

  it("matches a specific code and narrows the params", () => {
    const error: unknown = new AppError("CLUSTER_REBUILDING", { cluster: "prod-1" });
    expect(isAppError(error, "CLUSTER_UNHEALTHY")).toBe(false);
    expect(isAppError(error, "CLUSTER_REBUILDING")).toBe(true);
    if (isAppError(error, "CLUSTER_REBUILDING")) expect(error.params.cluster).toBe("prod-1");
  });
});
