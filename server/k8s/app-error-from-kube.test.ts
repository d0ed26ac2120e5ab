import { describe, expect, it } from "vitest";
import type { ErrorCode } from "@/lib/errors/codes";
import { appErrorFromKube } from "./app-error-from-kube";
import { KubeApiError, type KubeFailureKind } from "./kube-api-error";

const ctx = { cluster: "prod-1" };

describe("appErrorFromKube", () => {
  it.each<[KubeFailureKind, ErrorCode]>([
    ["not-found", "K8S_NOT_FOUND"],
    ["already-exists", "K8S_CONFLICT"],
    ["conflict", "K8S_CONFLICT"],
    ["gone", "K8S_CONFLICT"],
    ["invalid", "K8S_INVALID"],
    ["bad-request", "K8S_INVALID"],
    ["unauthorized", "K8S_UNAUTHORIZED"],
    ["forbidden", "K8S_FORBIDDEN"],
    ["too-many-requests", "K8S_TOO_MANY_REQUESTS"],
    ["server-error", "K8S_SERVER_ERROR"],
    ["unavailable", "K8S_SERVER_ERROR"],
    ["unreachable", "K8S_UNREACHABLE"],
    ["timeout", "K8S_TIMEOUT"],
    ["unknown", "K8S_SERVER_ERROR"],
  ])("%s → %s, keeping the KubeApiError as cause", (kind, code) => {
    const error = new KubeApiError({ kind, message: "from the API server", status: 500 });
    const app = appErrorFromKube(error, ctx);
    expect(app.code).toBe(code);
    expect(app.cause).toBe(error);
    expect(app.params).toMatchObject({ cluster: "prod-1" });
  });

  it("carries Status.message as k8s_message and Invalid causes as field errors", () => {
    const error = new KubeApiError({
      kind: "invalid",
      status: 422,
      reason: "Invalid",
      message: 'VirtualMachine "vm" is invalid',
      causes: [
        { field: "spec.runStrategy", reason: "FieldValueNotSupported", message: "Unsupported value" },
        {},
      ],
    });
    const app = appErrorFromKube(error, ctx);
    expect(app.params).toEqual({ cluster: "prod-1", k8s_message: 'VirtualMachine "vm" is invalid' });
    expect(app.fieldErrors).toEqual([
      { field: "spec.runStrategy", code: "FieldValueNotSupported", message: "Unsupported value" },
      { field: "", code: "Invalid" },
    ]);
    expect(app.message).toContain("422 Invalid");
  });

  it("names the missing object from the context, else from Status.details", () => {
    const error = new KubeApiError({
      kind: "not-found",
      message: "not found",
      details: { name: "snap-1", kind: "virtualmachinesnapshots" },
    });
    expect(appErrorFromKube(error, ctx).params).toEqual({
      cluster: "prod-1",
      kind: "virtualmachinesnapshots",
      name: "snap-1",
    });
    expect(
      appErrorFromKube(error, {
        ...ctx,
        object: { kind: "VirtualMachineSnapshot", name: "s", namespace: "dev" },
      }).params,
    ).toEqual({ cluster: "prod-1", kind: "VirtualMachineSnapshot", name: "s", namespace: "dev" });
  });

  it("passes Retry-After on as retry_after_seconds", () => {
    const error = new KubeApiError({ kind: "too-many-requests", message: "slow", retryAfterSeconds: 2 });
    expect(appErrorFromKube(error, ctx).params).toEqual({ cluster: "prod-1", retry_after_seconds: 2 });
  });

  it("shortens a huge Status.message", () => {
    const error = new KubeApiError({ kind: "conflict", message: "x".repeat(10_000) });
    const params = appErrorFromKube(error, ctx).params as { k8s_message: string };
    expect(params.k8s_message.length).toBeLessThanOrEqual(1001);
  });
});
