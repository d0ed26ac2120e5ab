import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "./app-error";
import { INTERNAL_ERROR_MESSAGE, type ProblemBody, toProblem, VALIDATION_FAILED_MESSAGE } from "./problem";

const zodError = (() => {
  const result = z
    .object({ name: z.string().min(1), disks: z.array(z.object({ sizeGb: z.number().int() })) })
    .safeParse({ name: "", disks: [{ sizeGb: 1.5 }] });
  if (result.success) throw new Error("fixture must fail");
  return result.error;
})();

const internal: ProblemBody = {
  code: "INTERNAL",
  message: INTERNAL_ERROR_MESSAGE,
  params: {},
  field_errors: [],
};

describe("toProblem", () => {
  it.each<[string, unknown, number, ProblemBody]>([
    [
      "AppError with params",
      new AppError("CLUSTER_REBUILDING", { cluster: "prod-1" }),
      503,
      {
        code: "CLUSTER_REBUILDING",
        message: 'CLUSTER_REBUILDING {"cluster":"prod-1"}',
        params: { cluster: "prod-1" },
        field_errors: [],
      },
    ],
    [
      "AppError without params",
      new AppError("TICKET_CANCEL_FORBIDDEN"),
      403,
      { code: "TICKET_CANCEL_FORBIDDEN", message: "TICKET_CANCEL_FORBIDDEN", params: {}, field_errors: [] },
    ],
    [
      "AppError with field errors",
      new AppError("VALIDATION_FAILED", undefined, {
        message: "namespace is unknown",
        fieldErrors: [{ field: "namespace", code: "unknown_namespace", message: "no such namespace" }],
      }),
      400,
      {
        code: "VALIDATION_FAILED",
        message: "namespace is unknown",
        params: {},
        field_errors: [{ field: "namespace", code: "unknown_namespace", message: "no such namespace" }],
      },
    ],
    [
      "ZodError",
      zodError,
      400,
      {
        code: "VALIDATION_FAILED",
        message: VALIDATION_FAILED_MESSAGE,
        params: {},
        field_errors: [
          { field: "name", code: "too_small", message: expect.any(String) },
          { field: "disks.0.sizeGb", code: "invalid_type", message: expect.any(String) },
        ],
      },
    ],
    ["plain Error", new Error("connect ECONNREFUSED postgres://shepherd:secret@db:5432"), 500, internal],
    ["TypeError", new TypeError("Cannot read properties of undefined (reading 'spec')"), 500, internal],
    ["thrown string", "boom", 500, internal],
    ["thrown object", { code: "VM_NOT_FOUND", message: "looks like an AppError" }, 500, internal],
    ["null", null, 500, internal],
    ["undefined", undefined, 500, internal],
  ])("%s", (_label, thrown, status, body) => {
    const problem = toProblem(thrown);
    expect(problem.status).toBe(status);
    expect(problem.body).toEqual(body);
  });

  it("never echoes an unknown error's message", () => {
    const problem = toProblem(new Error("password=hunter2"));
    expect(JSON.stringify(problem)).not.toContain("hunter2");
  });

  it("never serialises the cause of an AppError", () => {
    const problem = toProblem(
      new AppError("DATABASE_UNAVAILABLE", undefined, { cause: new Error("hunter2") }),
    );
    expect(problem.status).toBe(503);
    expect(JSON.stringify(problem)).not.toContain("hunter2");
  });

  it("adds the request id when given, and only then", () => {
    expect(toProblem(new Error("x"), { requestId: "req-42" }).body.request_id).toBe("req-42");
    expect("request_id" in toProblem(new Error("x")).body).toBe(false);
  });

  it("copies params so the body cannot change the error", () => {
    const error = new AppError("CLUSTER_NOT_FOUND", { cluster: "a" });
    toProblem(error).body.params.cluster = "b";
    expect(error.params.cluster).toBe("a");
  });
});
