// KubeVirtProvider against a recording fake transport: the exact requests it sends (method, path, query,
// content type, body) and how each Kubernetes failure becomes an AppError.
import { describe, expect, it } from "vitest";
import { AppError, isAppError } from "@/lib/errors/app-error";
import type { ErrorCode } from "@/lib/errors/codes";
import { KubeApiError, type KubeApiErrorInit } from "@/server/k8s/kube-api-error";
import type { KubeRequest, KubeTransport } from "@/server/k8s/kube-client";
import { KubeVirtProvider, type ProviderGate } from "./kubevirt-provider";

const CLUSTER = "c1";
const NS = "dev";
const VM_PATH = "/apis/kubevirt.io/v1/namespaces/dev/virtualmachines";
const VMI_PATH = "/apis/kubevirt.io/v1/namespaces/dev/virtualmachineinstances";
const SUB = "/apis/subresources.kubevirt.io/v1/namespaces/dev";

type Responder = (req: KubeRequest) => unknown;

function vmObject(name: string, extra: Record<string, unknown> = {}) {
  return {
    apiVersion: "kubevirt.io/v1",
    kind: "VirtualMachine",
    metadata: { name, namespace: NS, resourceVersion: "42", creationTimestamp: "2026-01-01T00:00:00Z" },
    spec: {
      runStrategy: "Halted",
      template: { spec: { domain: { cpu: { cores: 1 }, memory: { guest: "1Gi" } } } },
    },
    ...extra,
  };
}

const notFound = (kind: string, name: string) =>
  new KubeApiError({
    kind: "not-found",
    status: 404,
    reason: "NotFound",
    message: `${kind} "${name}" not found`,
    details: { name, kind },
  });

/** A transport that records every request and answers through `respond` (a thrown value is the failure). */
function harness(respond: Responder = () => ({})) {
  const requests: KubeRequest[] = [];
  const gated: string[] = [];
  const transport: KubeTransport = {
    request: async <T>(req: KubeRequest) => {
      requests.push(req);
      return respond(req) as T;
    },
  };
  const gate: ProviderGate = {
    run: (clusterId, fn, opts) => {
      gated.push(clusterId);
      if (opts?.signal?.aborted) return Promise.reject(opts.signal.reason);
      return fn(opts?.signal ?? new AbortController().signal);
    },
  };
  const provider = new KubeVirtProvider({ transportFor: async () => transport, gate });
  return { provider, requests, gated };
}

const spec = {
  name: "dev-shop-redis-01",
  cpu: 2,
  memoryMb: 2048,
  image: "quay.io/containerdisks/fedora:41",
  labels: { "kubevirt-shepherd.io/system": "shop" },
};

async function caught(call: Promise<unknown>): Promise<AppError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isAppError(error)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe("KubeVirtProvider requests", () => {
  it("getVM reads the VM and, best effort, its VMI, each through the gate", async () => {
    const h = harness((req) => {
      if (req.path.includes("virtualmachineinstances")) throw notFound("virtualmachineinstances", "a");
      return vmObject("a");
    });
    const vm = await h.provider.getVM(CLUSTER, NS, "a");
    expect(vm).toMatchObject({ name: "a", namespace: NS, cluster: CLUSTER });
    expect(h.requests.map((r) => `${r.method} ${r.path}`).sort()).toEqual([
      `GET ${VMI_PATH}/a`,
      `GET ${VM_PATH}/a`,
    ]);
    expect(h.gated).toEqual([CLUSTER, CLUSTER]);
    expect(h.requests.every((r) => r.signal instanceof AbortSignal)).toBe(true);
  });

  it("listVMs passes selectors and paging through and fetches the VMIs once", async () => {
    const h = harness((req) =>
      req.path.endsWith("virtualmachines")
        ? { items: [vmObject("a"), { metadata: {} }], metadata: { continue: "tok2", remainingItemCount: 5 } }
        : { items: [] },
    );
    const page = await h.provider.listVMs(CLUSTER, NS, {
      labelSelector: "a=b",
      fieldSelector: "metadata.name=a",
      limit: 2,
      continue: "tok1",
    });
    expect(h.requests).toHaveLength(2);
    expect(h.requests.find((r) => r.path === VM_PATH)?.query).toEqual({
      labelSelector: "a=b",
      fieldSelector: "metadata.name=a",
      limit: 2,
      continue: "tok1",
    });
    expect(h.requests.find((r) => r.path === VMI_PATH)?.query).toBeUndefined();
    // The unmappable item is skipped; a continued page has no total of its own.
    expect(page).toMatchObject({ total: 2, continue: "tok2" });
    expect(page.items.map((v) => v.name)).toEqual(["a"]);
  });

  it('listVMs over all namespaces uses the cluster-wide path for namespace ""', async () => {
    const h = harness(() => ({ items: [], metadata: { remainingItemCount: 3 } }));
    const page = await h.provider.listVMs(CLUSTER, "");
    expect(h.requests.map((r) => r.path).sort()).toEqual([
      "/apis/kubevirt.io/v1/virtualmachineinstances",
      "/apis/kubevirt.io/v1/virtualmachines",
    ]);
    expect(page.total).toBe(3);
  });

  it("createVM server-side-applies the rendered manifest", async () => {
    const h = harness((req) => ({
      ...(req.body as object),
      metadata: { ...(req.body as { metadata: object }).metadata },
    }));
    await h.provider.createVM(CLUSTER, NS, spec);
    const [req] = h.requests;
    expect(req).toMatchObject({
      method: "PATCH",
      path: `${VM_PATH}/dev-shop-redis-01`,
      contentType: "application/apply-patch+yaml",
      query: { fieldManager: "kubevirt-shepherd", force: true },
    });
    expect(req?.query).not.toHaveProperty("dryRun");
    const body = req?.body as { spec: Record<string, unknown>; metadata: { labels: Record<string, string> } };
    expect(body.spec.runStrategy).toBe("Always");
    expect(body.spec).not.toHaveProperty("running");
    expect(body.metadata.labels["kubevirt-shepherd.io/managed-by"]).toBe("kubevirt-shepherd");
  });

  it("createVM refuses a spec it cannot render before any request", async () => {
    const h = harness();
    const error = await caught(h.provider.createVM(CLUSTER, NS, { ...spec, cpu: 0 }));
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(h.requests).toHaveLength(0);
  });

  it("updateVM reads the VM, then applies with its run strategy and resourceVersion", async () => {
    const h = harness((req) => (req.method === "GET" ? vmObject("a") : req.body));
    await h.provider.updateVM(CLUSTER, NS, "a", { ...spec, name: "ignored" });
    expect(h.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET ${VM_PATH}/a`,
      `PATCH ${VM_PATH}/a`,
    ]);
    const body = h.requests[1]?.body as { metadata: { name: string; resourceVersion: string }; spec: object };
    expect(body.metadata).toMatchObject({ name: "a", resourceVersion: "42" });
    expect(body.spec).toMatchObject({ runStrategy: "Halted" });
  });

  it("updateVM of a VM on the deprecated spec.running writes neither field", async () => {
    const legacy = vmObject("a", { spec: { running: true, template: {} } });
    const h = harness((req) => (req.method === "GET" ? legacy : req.body));
    await h.provider.updateVM(CLUSTER, NS, "a", spec);
    const body = h.requests[1]?.body as { spec: object };
    expect(body.spec).not.toHaveProperty("runStrategy");
    expect(body.spec).not.toHaveProperty("running");
  });

  it("updateVM of a missing VM is VM_NOT_FOUND and applies nothing", async () => {
    const h = harness(() => {
      throw notFound("virtualmachines.kubevirt.io", "a");
    });
    expect((await caught(h.provider.updateVM(CLUSTER, NS, "a", spec))).code).toBe("VM_NOT_FOUND");
    expect(h.requests).toHaveLength(1);
  });

  it("validateSpec dry-runs the same apply", async () => {
    const h = harness();
    expect(await h.provider.validateSpec(CLUSTER, NS, spec)).toEqual({ valid: true });
    expect(h.requests[0]).toMatchObject({
      method: "PATCH",
      path: `${VM_PATH}/dev-shop-redis-01`,
      contentType: "application/apply-patch+yaml",
      query: { fieldManager: "kubevirt-shepherd", force: true, dryRun: "All" },
    });
  });

  it("validateSpec returns Kubernetes' refusal with its causes, and throws auth failures", async () => {
    const refusal = harness(() => {
      throw new KubeApiError({
        kind: "invalid",
        status: 422,
        reason: "Invalid",
        message: "admission webhook denied the request: Invalid RunStrategy (X)",
        causes: [
          { field: "spec.runStrategy", reason: "FieldValueInvalid", message: "Invalid RunStrategy (X)" },
        ],
      });
    });
    expect(await refusal.provider.validateSpec(CLUSTER, NS, spec)).toEqual({
      valid: false,
      errors: ["spec.runStrategy: Invalid RunStrategy (X)"],
    });
    const webhook = harness(() => {
      throw new KubeApiError({
        kind: "bad-request",
        status: 400,
        message: "snapshot feature gate not enabled",
      });
    });
    expect(await webhook.provider.validateSpec(CLUSTER, NS, spec)).toEqual({
      valid: false,
      errors: ["snapshot feature gate not enabled"],
    });
    const forbidden = harness(() => {
      throw new KubeApiError({ kind: "forbidden", status: 403, message: "RBAC: no" });
    });
    expect((await caught(forbidden.provider.validateSpec(CLUSTER, NS, spec))).code).toBe("K8S_FORBIDDEN");
    const unrenderable = harness();
    const result = await unrenderable.provider.validateSpec(CLUSTER, NS, {
      ...spec,
      specOverrides: { "metadata.labels.x": "y" },
    });
    expect(result.valid).toBe(false);
    expect(unrenderable.requests).toHaveLength(0);
  });

  it("deleteVM deletes the VirtualMachine", async () => {
    const h = harness();
    await h.provider.deleteVM(CLUSTER, NS, "a");
    expect(h.requests).toEqual([expect.objectContaining({ method: "DELETE", path: `${VM_PATH}/a` })]);
  });

  it.each([
    ["startVM", "virtualmachines/a/start", {}],
    ["stopVM", "virtualmachines/a/stop", {}],
    ["restartVM", "virtualmachines/a/restart", {}],
    ["pauseVM", "virtualmachineinstances/a/pause", {}],
    ["unpauseVM", "virtualmachineinstances/a/unpause", {}],
  ] as const)("%s PUTs the subresource", async (method, path, body) => {
    const h = harness(() => undefined);
    await h.provider[method](CLUSTER, NS, "a");
    expect(h.requests).toEqual([expect.objectContaining({ method: "PUT", path: `${SUB}/${path}`, body })]);
  });

  it("stopVM with force sends gracePeriod 0", async () => {
    const h = harness(() => undefined);
    await h.provider.stopVM(CLUSTER, NS, "a", { force: true });
    expect(h.requests[0]?.body).toEqual({ gracePeriod: 0 });
  });

  it("encodes every path segment", async () => {
    const h = harness(() => undefined);
    await h.provider.startVM(CLUSTER, "a b", "x/y");
    expect(h.requests[0]?.path).toBe(
      "/apis/subresources.kubevirt.io/v1/namespaces/a%20b/virtualmachines/x%2Fy/start",
    );
  });

  it("migrateVM dry-runs the migrate subresource, then creates the VMIM", async () => {
    const h = harness((req) =>
      req.method === "POST"
        ? {
            ...(req.body as object),
            metadata: {
              name: "kubevirt-migrate-vm-abcde",
              namespace: NS,
              creationTimestamp: "2026-01-01T00:00:00Z",
            },
          }
        : undefined,
    );
    const m = await h.provider.migrateVM(CLUSTER, NS, "a");
    expect(m).toMatchObject({ name: "kubevirt-migrate-vm-abcde", vmName: "a", status: "PENDING" });
    expect(h.requests[0]).toMatchObject({
      method: "PUT",
      path: `${SUB}/virtualmachines/a/migrate`,
      body: { dryRun: ["All"] },
    });
    expect(h.requests[1]).toMatchObject({
      method: "POST",
      path: "/apis/kubevirt.io/v1/namespaces/dev/virtualmachineinstancemigrations",
      body: {
        apiVersion: "kubevirt.io/v1",
        kind: "VirtualMachineInstanceMigration",
        metadata: { generateName: "kubevirt-migrate-vm-", labels: { "kubevirt.io/vmi-name": "a" } },
        spec: { vmiName: "a" },
      },
    });
  });

  it("createSnapshot checks the VM, then creates a v1beta1 VirtualMachineSnapshot", async () => {
    const h = harness((req) => (req.method === "GET" ? vmObject("a") : { ...(req.body as object) }));
    const snap = await h.provider.createSnapshot(CLUSTER, NS, "a", "s1");
    expect(snap).toMatchObject({ name: "s1", sourceVm: "a" });
    expect(h.requests[1]).toMatchObject({
      method: "POST",
      path: "/apis/snapshot.kubevirt.io/v1beta1/namespaces/dev/virtualmachinesnapshots",
      body: {
        apiVersion: "snapshot.kubevirt.io/v1beta1",
        kind: "VirtualMachineSnapshot",
        metadata: { name: "s1", namespace: NS },
        spec: { source: { apiGroup: "kubevirt.io", kind: "VirtualMachine", name: "a" } },
      },
    });
  });

  it("restoreFromSnapshot checks the snapshot, then creates a VirtualMachineRestore", async () => {
    const h = harness((req) =>
      req.method === "GET"
        ? { metadata: { name: "s1", namespace: NS }, spec: { source: { name: "a" } } }
        : { ...(req.body as object), metadata: { name: "b-restore-x1", namespace: NS } },
    );
    const r = await h.provider.restoreFromSnapshot(CLUSTER, NS, "s1", "b");
    expect(r).toMatchObject({ name: "b-restore-x1", targetVm: "b", snapshotName: "s1" });
    expect(h.requests.map((q) => `${q.method} ${q.path}`)).toEqual([
      "GET /apis/snapshot.kubevirt.io/v1beta1/namespaces/dev/virtualmachinesnapshots/s1",
      "POST /apis/snapshot.kubevirt.io/v1beta1/namespaces/dev/virtualmachinerestores",
    ]);
    expect(h.requests[1]?.body).toMatchObject({
      spec: {
        target: { apiGroup: "kubevirt.io", kind: "VirtualMachine", name: "b" },
        virtualMachineSnapshotName: "s1",
      },
    });
  });

  it("cloneVM checks source and target, then creates a v1beta1 VirtualMachineClone", async () => {
    const h = harness((req) => {
      if (req.method === "GET" && req.path.endsWith("/a")) return vmObject("a");
      if (req.method === "GET") throw notFound("virtualmachines.kubevirt.io", "b");
      return { ...(req.body as object), metadata: { name: "b-clone-x1", namespace: NS } };
    });
    const c = await h.provider.cloneVM(CLUSTER, NS, "a", "b");
    expect(c).toMatchObject({ name: "b-clone-x1", source: { kind: "VM", name: "a" }, targetVm: "b" });
    expect(h.requests[2]).toMatchObject({
      method: "POST",
      path: "/apis/clone.kubevirt.io/v1beta1/namespaces/dev/virtualmachineclones",
      body: {
        apiVersion: "clone.kubevirt.io/v1beta1",
        spec: {
          source: { apiGroup: "kubevirt.io", kind: "VirtualMachine", name: "a" },
          target: { apiGroup: "kubevirt.io", kind: "VirtualMachine", name: "b" },
        },
      },
    });
  });

  it("cloneVM onto an existing VM is K8S_CONFLICT before anything is created", async () => {
    const h = harness(() => vmObject("x"));
    expect((await caught(h.provider.cloneVM(CLUSTER, NS, "a", "b"))).code).toBe("K8S_CONFLICT");
    expect(h.requests.every((r) => r.method === "GET")).toBe(true);
  });

  it.each([
    [
      "listInstanceTypes",
      "/apis/instancetype.kubevirt.io/v1beta1/namespaces/dev/virtualmachineinstancetypes",
    ],
    ["listPreferences", "/apis/instancetype.kubevirt.io/v1beta1/namespaces/dev/virtualmachinepreferences"],
  ] as const)("%s lists the namespaced v1beta1 kind", async (method, path) => {
    const h = harness(() => ({ items: [] }));
    await h.provider[method](CLUSTER, NS);
    expect(h.requests[0]).toMatchObject({ method: "GET", path });
  });

  it.each([
    ["listClusterInstanceTypes", "/apis/instancetype.kubevirt.io/v1beta1/virtualmachineclusterinstancetypes"],
    ["listClusterPreferences", "/apis/instancetype.kubevirt.io/v1beta1/virtualmachineclusterpreferences"],
  ] as const)("%s lists the cluster-scoped v1beta1 kind", async (method, path) => {
    const h = harness(() => ({ items: [] }));
    await h.provider[method](CLUSTER);
    expect(h.requests[0]).toMatchObject({ method: "GET", path });
  });

  it("cancelMigration deletes the VMIM", async () => {
    const h = harness();
    await h.provider.cancelMigration(CLUSTER, NS, "m1");
    expect(h.requests[0]).toMatchObject({
      method: "DELETE",
      path: "/apis/kubevirt.io/v1/namespaces/dev/virtualmachineinstancemigrations/m1",
    });
  });

  it("console methods are not supported and send nothing", async () => {
    const h = harness();
    const error = await caught(h.provider.getVNCConnection(CLUSTER, NS, "a"));
    expect(error).toMatchObject({
      code: "PROVIDER_NOT_SUPPORTED",
      params: { capability: "console.vnc", cluster: CLUSTER },
    });
    expect(h.requests).toHaveLength(0);
  });

  it("an aborted call rejects with the signal's reason", async () => {
    const h = harness();
    const controller = new AbortController();
    const reason = new Error("stop");
    controller.abort(reason);
    await expect(h.provider.startVM(CLUSTER, NS, "a", { signal: controller.signal })).rejects.toBe(reason);
    expect(h.requests).toHaveLength(0);
  });
});

// ------------------------------------------------------------------------------------ error mapping

const failure = (init: Partial<KubeApiErrorInit> & Pick<KubeApiErrorInit, "kind">) =>
  new KubeApiError({ message: "upstream says no", ...init });

describe("Kubernetes failures → AppError codes", () => {
  it.each<[string, KubeApiError, ErrorCode, Record<string, unknown>]>([
    [
      "401",
      failure({ kind: "unauthorized", status: 401 }),
      "K8S_UNAUTHORIZED",
      { k8s_message: "upstream says no" },
    ],
    [
      "403",
      failure({ kind: "forbidden", status: 403 }),
      "K8S_FORBIDDEN",
      { k8s_message: "upstream says no" },
    ],
    [
      "404 object",
      notFound("virtualmachinesnapshots", "s1"),
      "K8S_NOT_FOUND",
      { kind: "VirtualMachineSnapshot", name: "s1", namespace: NS },
    ],
    [
      "404 path not served",
      failure({ kind: "not-found", status: 404, message: "404 page not found" }),
      "PROVIDER_NOT_SUPPORTED",
      { capability: "virtualmachinesnapshots.snapshot.kubevirt.io/v1beta1" },
    ],
    [
      "409 AlreadyExists",
      failure({ kind: "already-exists", status: 409, reason: "AlreadyExists" }),
      "K8S_CONFLICT",
      {},
    ],
    ["409 Conflict", failure({ kind: "conflict", status: 409, reason: "Conflict" }), "K8S_CONFLICT", {}],
    ["410 Expired", failure({ kind: "gone", status: 410 }), "K8S_CONFLICT", {}],
    ["400", failure({ kind: "bad-request", status: 400 }), "K8S_INVALID", {}],
    ["422", failure({ kind: "invalid", status: 422 }), "K8S_INVALID", {}],
    [
      "429",
      failure({ kind: "too-many-requests", status: 429, retryAfterSeconds: 3 }),
      "K8S_TOO_MANY_REQUESTS",
      { retry_after_seconds: 3 },
    ],
    [
      "500",
      failure({ kind: "server-error", status: 500 }),
      "K8S_SERVER_ERROR",
      { k8s_message: "upstream says no" },
    ],
    ["503", failure({ kind: "unavailable", status: 503 }), "K8S_SERVER_ERROR", {}],
    ["504", failure({ kind: "timeout", status: 504 }), "K8S_TIMEOUT", { cluster: CLUSTER }],
    [
      "network",
      failure({ kind: "unreachable", reason: "ECONNREFUSED" }),
      "K8S_UNREACHABLE",
      { cluster: CLUSTER },
    ],
    ["unknown, no answer", failure({ kind: "unknown" }), "K8S_UNREACHABLE", {}],
    ["unknown answer", failure({ kind: "unknown", status: 418 }), "K8S_SERVER_ERROR", {}],
  ])("%s on getSnapshot", async (_case, kubeError, code, params) => {
    const h = harness(() => {
      throw kubeError;
    });
    const error = await caught(h.provider.getSnapshot(CLUSTER, NS, "s1"));
    expect(error.code).toBe(code);
    expect(error.params).toMatchObject({ cluster: CLUSTER, ...params });
    expect(error.cause).toBe(kubeError);
  });

  it("a 404 on a VM call is VM_NOT_FOUND", async () => {
    const h = harness(() => {
      throw notFound("virtualmachines.kubevirt.io", "a");
    });
    const error = await caught(h.provider.deleteVM(CLUSTER, NS, "a"));
    expect(error).toMatchObject({
      code: "VM_NOT_FOUND",
      params: { name: "a", namespace: NS, cluster: CLUSTER },
    });
  });

  it.each(["startVM", "stopVM", "restartVM"] as const)(
    "a 409 from %s is VM_WRONG_STATE with KubeVirt's message",
    async (method) => {
      const h = harness(() => {
        throw failure({ kind: "conflict", status: 409, reason: "Conflict", message: "VM is not running" });
      });
      const error = await caught(h.provider[method](CLUSTER, NS, "a"));
      expect(error).toMatchObject({
        code: "VM_WRONG_STATE",
        params: { action: method.replace("VM", ""), k8s_message: "VM is not running" },
      });
    },
  );

  it("a 409 from the migrate check is VM_WRONG_STATE, and nothing is created", async () => {
    const h = harness(() => {
      throw failure({ kind: "conflict", status: 409, message: "VM is not running" });
    });
    const error = await caught(h.provider.migrateVM(CLUSTER, NS, "a"));
    expect(error).toMatchObject({ code: "VM_WRONG_STATE", params: { action: "migrate" } });
    expect(h.requests).toHaveLength(1);
  });

  it("pause of a VM without an instance is VM_WRONG_STATE; of a missing VM, VM_NOT_FOUND", async () => {
    const stopped = harness((req) => {
      if (req.method === "PUT") throw notFound("virtualmachineinstances.kubevirt.io", "a");
      return vmObject("a");
    });
    expect(await caught(stopped.provider.pauseVM(CLUSTER, NS, "a"))).toMatchObject({
      code: "VM_WRONG_STATE",
      params: { action: "pause" },
    });
    const missing = harness((req) => {
      throw req.method === "PUT"
        ? notFound("virtualmachineinstances.kubevirt.io", "a")
        : notFound("virtualmachines.kubevirt.io", "a");
    });
    expect((await caught(missing.provider.pauseVM(CLUSTER, NS, "a"))).code).toBe("VM_NOT_FOUND");
  });

  it("422 carries Kubernetes' causes as field errors", async () => {
    const h = harness((req) => {
      if (req.method === "GET") return vmObject("a");
      throw failure({
        kind: "invalid",
        status: 422,
        causes: [
          { field: "spec.source", reason: "FieldValueInvalid", message: "bad source" },
          { message: "whole" },
        ],
      });
    });
    const error = await caught(h.provider.createSnapshot(CLUSTER, NS, "a", "s1"));
    expect(error.code).toBe("K8S_INVALID");
    expect(error.fieldErrors).toEqual([
      { field: "spec.source", code: "FieldValueInvalid", message: "bad source" },
      { field: "", code: "Invalid", message: "whole" },
    ]);
  });

  it("an AppError from the connection or the gate passes unchanged", async () => {
    const harnessTransport: KubeTransport = { request: async <T>() => ({}) as T };
    const busy = new AppError("CLUSTER_BUSY", { cluster: CLUSTER });
    const provider = new KubeVirtProvider({
      transportFor: async () => harnessTransport,
      gate: { run: () => Promise.reject(busy) },
    });
    await expect(provider.getSnapshot(CLUSTER, NS, "s")).rejects.toBe(busy);
    const unknown = new AppError("CLUSTER_NOT_FOUND", { cluster: "zz" });
    const noCluster = new KubeVirtProvider({
      transportFor: () => Promise.reject(unknown),
      gate: { run: (_c, fn) => fn(new AbortController().signal) },
    });
    await expect(noCluster.startVM("zz", NS, "a")).rejects.toBe(unknown);
  });
});
