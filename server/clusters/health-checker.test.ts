// The health checker's classification against a scripted transport: each way a cluster can fail ends in the
// right status and reason code (SPEC §25 #20). The kubesim profiles are in health-checker.int.test.ts.
import { describe, expect, it } from "vitest";
import { KubeApiError } from "../k8s/kube-api-error";
import type { KubeRequest, KubeTransport } from "../k8s/kube-client";
import { kubeErrorFromNetwork } from "../k8s/status";
import { checkClusterHealth } from "./health-checker";

const DISCOVERY = {
  kind: "APIGroupList",
  groups: [
    { name: "kubevirt.io", versions: [{ version: "v1" }], preferredVersion: { version: "v1" } },
    {
      name: "snapshot.kubevirt.io",
      versions: [{ version: "v1beta1" }],
      preferredVersion: { version: "v1beta1" },
    },
  ],
};
const CR = {
  items: [
    {
      metadata: { name: "kubevirt", namespace: "kubevirt" },
      spec: { configuration: { developerConfiguration: { featureGates: [] } } },
      status: {
        phase: "Deployed",
        observedKubeVirtVersion: "v1.9.0",
        conditions: [
          { type: "Available", status: "True" },
          { type: "Degraded", status: "False" },
        ],
      },
    },
  ],
};
const APISERVICE = { status: { conditions: [{ type: "Available", status: "True" }] } };

type Answer = unknown | ((req: KubeRequest) => unknown);

function transport(overrides: Record<string, Answer> = {}): KubeTransport & { paths: string[] } {
  const answers: Record<string, Answer> = {
    "/apis": DISCOVERY,
    "/apis/kubevirt.io/v1/kubevirts": CR,
    "/apis/apiregistration.k8s.io/v1/apiservices/v1.subresources.kubevirt.io": APISERVICE,
    "/apis/subresources.kubevirt.io/v1/version": { gitVersion: "v1.9.0" },
    "/api/v1/nodes": { items: [] },
    "/apis/storage.k8s.io/v1/storageclasses": { items: [] },
    ...overrides,
  };
  const paths: string[] = [];
  return {
    paths,
    request: async <T>(req: KubeRequest) => {
      paths.push(`${req.method} ${req.path}`);
      const answer = answers[req.path];
      const value = typeof answer === "function" ? answer(req) : answer;
      if (value instanceof Error) throw value;
      if (value === undefined)
        throw new KubeApiError({ kind: "not-found", status: 404, message: "404 page not found" });
      return value as T;
    },
  };
}

const fail = (init: ConstructorParameters<typeof KubeApiError>[0]) => new KubeApiError(init);

describe("checkClusterHealth classification", () => {
  it("HEALTHY with the version and no reason; only GETs", async () => {
    const t = transport();
    const r = await checkClusterHealth(t);
    expect(r).toMatchObject({ status: "HEALTHY", version: "v1.9.0" });
    expect(r.reason).toBeUndefined();
    expect(t.paths.every((p) => p.startsWith("GET "))).toBe(true);
  });

  it.each([
    [
      "a refused connection",
      kubeErrorFromNetwork(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" })),
      "UNREACHABLE",
      "API_UNREACHABLE",
    ],
    [
      "an untrusted certificate",
      kubeErrorFromNetwork(Object.assign(new Error("self-signed"), { code: "SELF_SIGNED_CERT_IN_CHAIN" })),
      "UNREACHABLE",
      "API_TLS_FAILED",
    ],
    [
      "401",
      fail({ kind: "unauthorized", status: 401, message: "Unauthorized" }),
      "UNREACHABLE",
      "API_UNAUTHORIZED",
    ],
    ["a socket timeout", fail({ kind: "timeout", message: "ESOCKETTIMEDOUT" }), "UNREACHABLE", "API_TIMEOUT"],
    [
      "403 on discovery",
      fail({ kind: "forbidden", status: 403, message: "forbidden" }),
      "UNHEALTHY",
      "API_FORBIDDEN",
    ],
    [
      "500 on discovery",
      fail({ kind: "server-error", status: 500, message: "etcd down" }),
      "UNHEALTHY",
      "API_ERROR",
    ],
  ])("%s → %s %s", async (_name, error, status, code) => {
    const r = await checkClusterHealth(transport({ "/apis": error }));
    expect(r).toMatchObject({ status, reason: { code } });
    expect(r.capabilities).toBeUndefined();
  });

  it("a check that takes too long is UNREACHABLE / API_TIMEOUT", async () => {
    const slow: KubeTransport = {
      request: (req) =>
        new Promise((_resolve, reject) =>
          req.signal?.addEventListener("abort", () => reject(req.signal?.reason)),
        ),
    };
    const r = await checkClusterHealth(slow, { timeoutMs: 30 });
    expect(r).toMatchObject({ status: "UNREACHABLE", reason: { code: "API_TIMEOUT" } });
  });

  it("the caller's abort rejects with its reason instead of producing a result", async () => {
    const ac = new AbortController();
    const hanging: KubeTransport = {
      request: (req) =>
        new Promise((_resolve, reject) =>
          req.signal?.addEventListener("abort", () => reject(req.signal?.reason)),
        ),
    };
    const pending = checkClusterHealth(hanging, { signal: ac.signal });
    ac.abort(new Error("shutdown"));
    await expect(pending).rejects.toThrow("shutdown");
  });

  it("an APIService we may not read falls back on virt-api's version endpoint", async () => {
    const forbidden = fail({ kind: "forbidden", status: 403, message: "cannot get apiservices" });
    const ok = await checkClusterHealth(
      transport({ "/apis/apiregistration.k8s.io/v1/apiservices/v1.subresources.kubevirt.io": forbidden }),
    );
    expect(ok.status).toBe("HEALTHY");
    const down = await checkClusterHealth(
      transport({
        "/apis/apiregistration.k8s.io/v1/apiservices/v1.subresources.kubevirt.io": forbidden,
        "/apis/subresources.kubevirt.io/v1/version": fail({
          kind: "unavailable",
          status: 503,
          message: "service unavailable",
        }),
      }),
    );
    expect(down).toMatchObject({ status: "UNHEALTHY", reason: { code: "VIRT_API_UNAVAILABLE" } });
    // The CR's observed version still gives the version.
    expect(down.version).toBe("v1.9.0");
  });

  it("no KubeVirt CR → UNHEALTHY KUBEVIRT_CR_MISSING; several → a warning and the deployed one", async () => {
    const none = await checkClusterHealth(transport({ "/apis/kubevirt.io/v1/kubevirts": { items: [] } }));
    expect(none).toMatchObject({ status: "UNHEALTHY", reason: { code: "KUBEVIRT_CR_MISSING" } });
    const first = CR.items[0];
    const two = await checkClusterHealth(
      transport({
        "/apis/kubevirt.io/v1/kubevirts": {
          items: [
            { ...first, metadata: { name: "old", namespace: "x" }, status: { phase: "Deleting" } },
            first,
          ],
        },
      }),
    );
    expect(two.status).toBe("HEALTHY");
    expect(two.warnings.map((w) => w.code)).toContain("MULTIPLE_KUBEVIRT_CRS");
  });

  it("an unreadable version is a warning only", async () => {
    const noVersion = {
      items: [{ ...CR.items[0], status: { ...CR.items[0]?.status, observedKubeVirtVersion: undefined } }],
    };
    const r = await checkClusterHealth(
      transport({
        "/apis/kubevirt.io/v1/kubevirts": noVersion,
        "/apis/subresources.kubevirt.io/v1/version": {},
      }),
    );
    expect(r.status).toBe("HEALTHY");
    expect(r.version).toBeUndefined();
    expect(r.warnings.map((w) => w.code)).toContain("VERSION_UNREADABLE");
  });

  it("a KubeVirt upgrade in progress is a warning; Deleting is UNHEALTHY", async () => {
    const with_ = (status: Record<string, unknown>) => ({
      items: [{ ...CR.items[0], status: { ...CR.items[0]?.status, ...status } }],
    });
    const progressing = await checkClusterHealth(
      transport({
        "/apis/kubevirt.io/v1/kubevirts": with_({
          conditions: [
            { type: "Available", status: "True" },
            { type: "Progressing", status: "True", reason: "Upgrading" },
          ],
        }),
      }),
    );
    expect(progressing.status).toBe("HEALTHY");
    expect(progressing.warnings.map((w) => w.code)).toContain("KUBEVIRT_PROGRESSING");
    const deleting = await checkClusterHealth(
      transport({ "/apis/kubevirt.io/v1/kubevirts": with_({ phase: "Deleting" }) }),
    );
    expect(deleting).toMatchObject({ status: "UNHEALTHY", reason: { code: "KUBEVIRT_DELETING" } });
  });
});
