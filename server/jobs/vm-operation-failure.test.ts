import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { classifyVmOperationFailure, recordedFailureOf } from "./vm-operation-failure";

const cluster = "c1";

describe("classifyVmOperationFailure", () => {
  it.each([
    new AppError("K8S_UNREACHABLE", { cluster }),
    new AppError("K8S_TIMEOUT", { cluster }),
    new AppError("K8S_SERVER_ERROR", { cluster, k8s_message: "boom" }),
    new AppError("K8S_TOO_MANY_REQUESTS", { cluster }),
    new AppError("CLUSTER_BUSY", { cluster }),
    new AppError("CLUSTER_REBUILDING", { cluster }),
    new AppError("CLUSTER_UNHEALTHY", { cluster, status: "UNREACHABLE" }),
    new Error("connection terminated unexpectedly"),
  ])("retries $message", (error) => {
    expect(classifyVmOperationFailure(error)).toBe("transient");
  });

  it.each([
    new AppError("VM_WRONG_STATE", { action: "pause", k8s_message: "VMI is not running" }),
    new AppError("K8S_INVALID", { cluster, k8s_message: "bad" }),
    new AppError("K8S_FORBIDDEN", { cluster, k8s_message: "no" }),
    new AppError("K8S_UNAUTHORIZED", { cluster, k8s_message: "no" }),
    new AppError("K8S_CONFLICT", { cluster, k8s_message: "exists" }),
    new AppError("PROVIDER_NOT_SUPPORTED", { capability: "Snapshot", cluster }),
    new AppError("VM_NOT_FOUND", { name: "vm", namespace: "ns", cluster }),
    new AppError("CLUSTER_NOT_FOUND", { cluster }),
  ])("fails $code at once", (error) => {
    expect(classifyVmOperationFailure(error)).toBe("permanent");
  });
});

describe("recordedFailureOf", () => {
  it("keeps an AppError's code, params and English message", () => {
    const e = new AppError("VM_WRONG_STATE", { action: "stop", k8s_message: "already stopped" });
    expect(recordedFailureOf(e)).toEqual({
      code: "VM_WRONG_STATE",
      params: { action: "stop", k8s_message: "already stopped" },
      message: e.message,
    });
  });

  it("records an unexpected error as INTERNAL without its text", () => {
    expect(recordedFailureOf(new Error("secret detail"))).toEqual({
      code: "INTERNAL",
      params: {},
      message: "the operation failed with an unexpected error",
    });
  });
});
