// namespaceCreateError: a Kubernetes failure of a namespace create → SPEC §6's NAMESPACE_* codes (the quota
// and server-error paths kubesim cannot produce on a namespace create are covered here).
import { describe, expect, it } from "vitest";
import { AppError, isAppError } from "@/lib/errors/app-error";
import { KubeApiError } from "@/server/k8s/kube-api-error";
import { namespaceCreateError } from "./namespace-errors";

const mapped = (init: ConstructorParameters<typeof KubeApiError>[0]) => {
  const error = namespaceCreateError(new KubeApiError(init), "c1", "shop");
  if (!isAppError(error)) throw new Error("expected an AppError");
  return error;
};

describe("namespaceCreateError", () => {
  it("maps a quota refusal, an RBAC refusal and any other refusal to the NAMESPACE_* codes", () => {
    expect(
      mapped({
        kind: "forbidden",
        status: 403,
        message: 'namespaces "shop" is forbidden: exceeded quota: ns-count',
      }),
    ).toMatchObject({ code: "NAMESPACE_QUOTA_EXCEEDED", params: { namespace: "shop", cluster: "c1" } });
    expect(
      mapped({ kind: "forbidden", status: 403, message: 'User "x" cannot create resource "namespaces"' }),
    ).toMatchObject({
      code: "NAMESPACE_PERMISSION_DENIED",
      params: { namespace: "shop", cluster: "c1", hint: expect.any(String) },
    });
    for (const kind of ["invalid", "server-error", "conflict"] as const) {
      expect(mapped({ kind, status: 500, message: "no" }).code).toBe("NAMESPACE_CREATION_FAILED");
    }
  });

  it("keeps failures that never got the cluster's answer as K8S_* codes, and AppErrors unchanged", () => {
    expect(mapped({ kind: "unreachable", message: "ECONNREFUSED" }).code).toBe("K8S_UNREACHABLE");
    expect(mapped({ kind: "unauthorized", status: 401, message: "no" }).code).toBe("K8S_UNAUTHORIZED");
    expect(mapped({ kind: "timeout", message: "slow" }).code).toBe("K8S_TIMEOUT");
    const own = new AppError("CLUSTER_NOT_FOUND", { cluster: "c1" });
    expect(namespaceCreateError(own, "c1", "shop")).toBe(own);
  });
});
