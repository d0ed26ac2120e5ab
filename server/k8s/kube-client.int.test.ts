// KubeClient against a real API server (kubesim) over HTTP and HTTPS, with the kubeconfigs kubesim writes:
// reads, server-side apply, subresources, and every failure becoming the right KubeApiError kind.
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { parse, stringify } from "yaml";
import { type KubeSim, startKubeSim } from "@/kubesim/simulator";
import { generateTls } from "@/kubesim/tls";
import { isAppError } from "@/lib/errors/app-error";
import { ClusterGate } from "./cluster-gate";
import { KubeApiError } from "./kube-api-error";
import { KubeClient } from "./kube-client";
import { validateKubeconfig } from "./kubeconfig";

const NS = "test";
const VMS = `/apis/kubevirt.io/v1/namespaces/${NS}/virtualmachines`;

function vmManifest(name: string, spec: Record<string, unknown> = { runStrategy: "Halted" }) {
  return {
    apiVersion: "kubevirt.io/v1",
    kind: "VirtualMachine",
    metadata: { name, labels: { "kubevirt-shepherd.io/test": "yes" } },
    spec: {
      ...spec,
      template: {
        spec: {
          domain: {
            devices: { disks: [{ name: "rootdisk", disk: { bus: "virtio" } }] },
            memory: { guest: "1Gi" },
          },
          volumes: [{ name: "rootdisk", containerDisk: { image: "quay.io/containerdisks/fedora:41" } }],
        },
      },
    },
  };
}

/** The kubeconfig text with the current user's token replaced. */
function withToken(yamlText: string, token: string): string {
  const doc = parse(yamlText) as { users: { user: Record<string, unknown> }[] };
  for (const u of doc.users) u.user.token = token;
  return stringify(doc);
}

function withCluster(yamlText: string, change: (cluster: Record<string, unknown>) => void): string {
  const doc = parse(yamlText) as { clusters: { cluster: Record<string, unknown> }[] };
  for (const c of doc.clusters) change(c.cluster);
  return stringify(doc);
}

async function failure(promise: Promise<unknown>): Promise<KubeApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof KubeApiError)) throw new Error(`expected a KubeApiError, got ${String(error)}`);
  return error;
}

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe.each([
  ["HTTP", false],
  ["HTTPS", true],
])("KubeClient over %s", (_protocol, https) => {
  let sim: KubeSim;
  let client: KubeClient;
  const clients: KubeClient[] = [];
  const make = (text: string, opts?: ConstructorParameters<typeof KubeClient>[1]) => {
    const c = new KubeClient(validateKubeconfig(text), opts);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    sim = await startKubeSim({ profile: "empty", stepDelayMs: 0, https });
    client = make(sim.kubeconfigYaml);
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await sim?.stop();
  });

  it("reads the server version and lists namespaces", async () => {
    const version = await client.request<{ gitVersion: string }>({ method: "GET", path: "/version" });
    expect(version.gitVersion).toMatch(/^v1\./);
    const list = await client.request<{ kind: string; items: { metadata: { name: string } }[] }>({
      method: "GET",
      path: "/api/v1/namespaces",
    });
    expect(list.kind).toBe("NamespaceList");
    expect(list.items.map((n) => n.metadata.name)).toContain(NS);
  });

  it("creates a VM by server-side apply, reads it back and lists it with a selector and a limit", async () => {
    const applied = await client.request<{
      metadata: { name: string; managedFields: { manager: string }[] };
    }>({
      method: "PATCH",
      path: `${VMS}/vm-apply`,
      query: { fieldManager: "kubevirt-shepherd", force: true, dryRun: undefined },
      contentType: "application/apply-patch+yaml",
      body: vmManifest("vm-apply"),
    });
    expect(applied.metadata.name).toBe("vm-apply");
    expect(applied.metadata.managedFields.map((m) => m.manager)).toContain("kubevirt-shepherd");

    const got = await client.request<{ spec: { runStrategy: string } }>({
      method: "GET",
      path: `${VMS}/vm-apply`,
    });
    expect(got.spec.runStrategy).toBe("Halted");

    const list = await client.request<{ items: unknown[]; metadata: { continue?: string } }>({
      method: "GET",
      path: VMS,
      query: { labelSelector: "kubevirt-shepherd.io/test=yes", limit: 10 },
    });
    expect(list.items).toHaveLength(1);
  });

  it("sends a YAML string body as is", async () => {
    const applied = await client.request<{ metadata: { name: string } }>({
      method: "PATCH",
      path: `${VMS}/vm-yaml`,
      query: { fieldManager: "kubevirt-shepherd", force: true },
      contentType: "application/apply-patch+yaml",
      body: stringify(vmManifest("vm-yaml")),
    });
    expect(applied.metadata.name).toBe("vm-yaml");
  });

  it("resolves to undefined for a subresource's empty 202", async () => {
    await client.request({ method: "POST", path: VMS, body: vmManifest("vm-start") });
    await expect(
      client.request({
        method: "PUT",
        path: `/apis/subresources.kubevirt.io/v1/namespaces/${NS}/virtualmachines/vm-start/start`,
        body: {},
      }),
    ).resolves.toBeUndefined();
  });

  it("reports the API server's warnings", async () => {
    const warnings: string[] = [];
    const warned = make(sim.kubeconfigYaml, { onWarning: (w) => warnings.push(w) });
    await warned.request({ method: "POST", path: VMS, body: vmManifest("vm-legacy", { running: false }) });
    expect(warnings.join(" ")).toMatch(/running/);
  });

  it.each<[string, () => Promise<unknown>, Partial<KubeApiError>]>([
    [
      "a missing VM → not-found",
      () => client.request({ method: "GET", path: `${VMS}/nope` }),
      { kind: "not-found", status: 404, reason: "NotFound" },
    ],
    [
      "a second create → already-exists",
      async () => {
        await client.request({ method: "POST", path: VMS, body: vmManifest("vm-dup") });
        return client.request({ method: "POST", path: VMS, body: vmManifest("vm-dup") });
      },
      { kind: "already-exists", status: 409 },
    ],
    [
      "a wrong-state start → conflict",
      async () => {
        await client.request({
          method: "POST",
          path: VMS,
          body: vmManifest("vm-always", { runStrategy: "Always" }),
        });
        return client.request({
          method: "PUT",
          path: `/apis/subresources.kubevirt.io/v1/namespaces/${NS}/virtualmachines/vm-always/start`,
          body: {},
        });
      },
      { kind: "conflict", status: 409 },
    ],
    [
      "running together with runStrategy → invalid",
      () =>
        client.request({
          method: "POST",
          path: VMS,
          body: vmManifest("vm-bad", { running: true, runStrategy: "Always" }),
        }),
      { kind: "invalid", status: 422 },
    ],
    [
      "an unknown field selector → bad-request",
      () => client.request({ method: "GET", path: VMS, query: { fieldSelector: "spec.nope=1" } }),
      { kind: "bad-request", status: 400 },
    ],
  ])("%s", async (_name, call, expected) => {
    expect(await failure(call())).toMatchObject(expected);
  });

  it("turns 401 for a wrong token into unauthorized", async () => {
    const wrong = make(withToken(sim.kubeconfigYaml, "wrong-token"));
    expect(await failure(wrong.request({ method: "GET", path: VMS }))).toMatchObject({
      kind: "unauthorized",
      status: 401,
    });
  });

  it("turns 403 for the read-only token's write into forbidden, with the RBAC message", async () => {
    const readOnly = make(sim.readOnlyKubeconfigYaml);
    await expect(readOnly.request({ method: "GET", path: VMS })).resolves.toBeDefined();
    const error = await failure(readOnly.request({ method: "POST", path: VMS, body: vmManifest("vm-ro") }));
    expect(error).toMatchObject({ kind: "forbidden", status: 403, reason: "Forbidden" });
    expect(error.message).toMatch(/cannot create resource "virtualmachines"/);
  });

  it("turns injected 429 (with Retry-After), 500 and 503 into their kinds", async () => {
    await sim.client.failNext(1, 429);
    expect(await failure(client.request({ method: "GET", path: VMS }))).toMatchObject({
      kind: "too-many-requests",
      retryAfterSeconds: 1,
    });
    await sim.client.failNext(1, 500);
    expect(await failure(client.request({ method: "GET", path: VMS }))).toMatchObject({
      kind: "server-error",
    });
    await sim.client.failNext(1, 503);
    expect(await failure(client.request({ method: "GET", path: VMS }))).toMatchObject({
      kind: "unavailable",
    });
    await expect(client.request({ method: "GET", path: VMS })).resolves.toBeDefined();
  });

  it("rejects with the caller's reason when the caller aborts a slow call", async () => {
    await sim.client.setLatency(2000);
    try {
      const controller = new AbortController();
      const pending = client.request({ method: "GET", path: VMS, signal: controller.signal });
      const reason = new Error("caller gave up");
      setTimeout(() => controller.abort(reason), 50);
      await expect(pending).rejects.toBe(reason);
    } finally {
      await sim.client.setLatency(0);
    }
  });

  it("through a ClusterGate, a slow call becomes K8S_TIMEOUT", async () => {
    await sim.client.setLatency(2000);
    try {
      const gate = new ClusterGate({ limit: 2, queueMax: 10, queueWaitMs: 1000, timeoutMs: 100 });
      const error = await gate
        .run("sim", (signal) => client.request({ method: "GET", path: VMS, signal }))
        .catch((e: unknown) => e);
      expect(isAppError(error, "K8S_TIMEOUT")).toBe(true);
      // The slot frees as soon as the aborted request settles (a few microtasks later).
      await vi.waitFor(() => expect(gate.stats("sim")).toEqual({ inFlight: 0, queued: 0 }));
    } finally {
      await sim.client.setLatency(0);
    }
  });

  it("turns a refused connection into unreachable", async () => {
    const port = await closedPort();
    const refused = make(
      withCluster(sim.kubeconfigYaml, (c) => (c.server = String(c.server).replace(/:\d+$/, `:${port}`))),
    );
    expect(await failure(refused.request({ method: "GET", path: "/version" }))).toMatchObject({
      kind: "unreachable",
      reason: "ECONNREFUSED",
    });
  });
});

describe("KubeClient TLS", () => {
  let sim: KubeSim;
  const clients: KubeClient[] = [];
  const make = (text: string) => {
    const c = new KubeClient(validateKubeconfig(text));
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    sim = await startKubeSim({ profile: "empty", stepDelayMs: 0, https: true });
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await sim?.stop();
  });

  it("verifies the server with the kubeconfig's CA", async () => {
    expect(sim.url).toMatch(/^https:/);
    await expect(
      make(sim.kubeconfigYaml).request({ method: "GET", path: "/version" }),
    ).resolves.toBeDefined();
  });

  it("turns a certificate from another CA into unreachable (TLS)", async () => {
    const other = await generateTls(["127.0.0.1"]);
    const text = withCluster(sim.kubeconfigYaml, (c) => {
      c["certificate-authority-data"] = Buffer.from(other.caPem).toString("base64");
    });
    const error = await failure(make(text).request({ method: "GET", path: "/version" }));
    expect(error.kind).toBe("unreachable");
    expect(error.reason).toMatch(/CERT|SIGNATURE|SELF_SIGNED|UNABLE_TO/);
  });

  it("without a CA does not trust kubesim's self-signed chain", async () => {
    const text = withCluster(sim.kubeconfigYaml, (c) => {
      delete c["certificate-authority-data"];
    });
    expect(await failure(make(text).request({ method: "GET", path: "/version" }))).toMatchObject({
      kind: "unreachable",
    });
  });

  it("with insecure-skip-tls-verify connects without checking", async () => {
    const text = withCluster(sim.kubeconfigYaml, (c) => {
      delete c["certificate-authority-data"];
      c["insecure-skip-tls-verify"] = true;
    });
    await expect(make(text).request({ method: "GET", path: "/version" })).resolves.toBeDefined();
  });
});
