import * as k8s from "@kubernetes/client-node";
import { afterEach, describe, expect, it } from "vitest";
import { KubeSimClient, KubeSimControlError } from "./client.ts";
import { startKubeSim } from "./simulator.ts";
import { expectStatus, raw, startTestSim, type TestSim, VM, vmManifest } from "./test/helpers.ts";

let sims: { stop(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(sims.map((s) => s.stop()));
  sims = [];
});
async function sim(opts: Parameters<typeof startTestSim>[0] = {}): Promise<TestSim> {
  const s = await startTestSim(opts);
  sims.push(s);
  return s;
}

describe("faults", () => {
  it("latency delays API requests", async () => {
    const t = await sim();
    await t.sim.client.setLatency(120);
    const start = Date.now();
    await t.core.listNode();
    expect(Date.now() - start).toBeGreaterThanOrEqual(110);
    await t.sim.client.setLatency(0);
  });

  it("fail the next N requests with 429 (Retry-After), 500 and 503 Status answers", async () => {
    const t = await sim();
    await t.sim.client.failNext(2, 429);
    const r = await raw(t.sim, "GET", "/api/v1/nodes");
    expect(r.status).toBe(429);
    expect(r.headers.get("retry-after")).toBe("1");
    expect(r.json).toMatchObject({ kind: "Status", reason: "TooManyRequests", code: 429 });
    await expectStatus(t.core.listNode(), 429, "TooManyRequests");
    expect((await t.core.listNode()).items.length).toBeGreaterThan(0);
    await t.sim.client.failNext(1, 500);
    await expectStatus(t.core.listNode(), 500, "InternalError");
    await t.sim.client.failNext(1, 503);
    await expectStatus(t.core.listNode(), 503, "ServiceUnavailable");
    // The control API itself is never faulted.
    await t.sim.client.failNext(5, 500);
    expect((await t.sim.client.state()).counts.nodes).toBe(3);
    await t.sim.client.clearFaults();
    expect((await t.core.listNode()).items.length).toBe(3);
  });

  it("fail all requests for a while, then recover", async () => {
    const t = await sim();
    await t.sim.client.failFor(150, 503);
    await expectStatus(t.core.listNode(), 503, "ServiceUnavailable");
    await expectStatus(t.core.listNode(), 503, "ServiceUnavailable");
    await expect
      .poll(async () => (await raw(t.sim, "GET", "/api/v1/nodes")).status, { timeout: 3000, interval: 25 })
      .toBe(200);
  });

  it("refuse connections: the listener goes away and comes back on the same port", async () => {
    const t = await sim();
    const closed = new Promise<unknown>((resolve) => {
      new k8s.Watch(t.kc).watch("/api/v1/nodes", {}, () => undefined, resolve).catch(resolve);
    });
    await t.sim.client.refuseConnections(300);
    await expect(fetch(`${t.sim.url}/healthz`)).rejects.toThrow();
    await closed;
    await expect
      .poll(async () => (await fetch(`${t.sim.url}/healthz`).catch(() => ({ status: 0 }))).status, {
        timeout: 3000,
        interval: 25,
      })
      .toBe(200);
    expect((await t.core.listNode()).items).toHaveLength(3);
  });

  it("drop every open watch: streams end cleanly", async () => {
    const t = await sim();
    const ended: unknown[] = [];
    const done = new Promise<void>((resolve) => {
      void new k8s.Watch(t.kc).watch(
        "/api/v1/nodes",
        {},
        () => undefined,
        (err) => {
          ended.push(err);
          resolve();
        },
      );
    });
    await expect
      .poll(async () => (await t.sim.client.state()).openWatches, { timeout: 2000, interval: 10 })
      .toBe(1);
    const st = await t.sim.client.dropWatches();
    expect(st.dropped).toBe(1);
    await done;
    expect(ended).toEqual([null]);
  });
});

describe("cluster changes", () => {
  it("change KubeVirt version and gates: /version of virt-api and the KubeVirt CR follow", async () => {
    const t = await sim();
    await t.sim.client.setKubeVirt({
      version: "v1.8.2",
      featureGates: ["Snapshot"],
      disabledFeatureGates: ["ImageVolume"],
    });
    const v = await raw(t.sim, "GET", "/apis/subresources.kubevirt.io/v1/version");
    expect(v.json).toMatchObject({ gitVersion: "v1.8.2" });
    const kv = (await t.co.getNamespacedCustomObject({
      group: "kubevirt.io",
      version: "v1",
      plural: "kubevirts",
      namespace: "kubevirt",
      name: "kubevirt",
    })) as {
      spec: {
        configuration: { developerConfiguration: { featureGates: string[]; disabledFeatureGates: string[] } };
      };
      status: { observedKubeVirtVersion: string };
    };
    expect(kv.status.observedKubeVirtVersion).toBe("v1.8.2");
    expect(kv.spec.configuration.developerConfiguration).toEqual({
      featureGates: ["Snapshot"],
      disabledFeatureGates: ["ImageVolume"],
    });
    const st = await t.sim.client.setKubeVirt({ degraded: true });
    expect(st.kubevirtVersion).toBe("v1.8.2");
  });

  it("add and remove nodes", async () => {
    const t = await sim();
    await t.sim.client.addNode({ name: "extra", gpus: 2, hugepages1Gi: "8Gi", labels: { rack: "r7" } });
    const node = await t.core.readNode({ name: "extra" });
    expect(node.status?.allocatable?.["nvidia.com/gpu"]).toBe("2");
    expect(node.metadata?.labels).toMatchObject({ rack: "r7", "kubevirt.io/schedulable": "true" });
    await t.sim.client.removeNode("extra");
    await expectStatus(t.core.readNode({ name: "extra" }), 404, "NotFound");
    await expect(t.sim.client.removeNode("extra")).rejects.toBeInstanceOf(KubeSimControlError);
  });

  it("seed a profile and reset to it", async () => {
    const t = await sim();
    const st = await t.sim.client.seed("default");
    expect(st.profile).toBe("default");
    expect(st.counts.virtualmachines).toBe(28);
    const managed = (await t.co.listClusterCustomObject({
      ...VM,
      labelSelector: "kubevirt-shepherd.io/managed-by=kubevirt-shepherd",
    })) as { items: { metadata: { labels: Record<string, string> } }[] };
    expect(managed.items.length).toBeGreaterThan(0);
    expect(managed.items.length).toBeLessThan(28);
    expect(managed.items[0]?.metadata.labels["kubevirt-shepherd.io/service"]).toBeTruthy();
    const vmis = (await t.co.listClusterCustomObject({
      group: "kubevirt.io",
      version: "v1",
      plural: "virtualmachineinstances",
    })) as { items: unknown[] };
    expect(vmis.items.length).toBeGreaterThan(0);
    await t.co.createNamespacedCustomObject({ ...VM, namespace: "default", body: vmManifest("temporary") });
    await t.sim.client.reset();
    await expectStatus(
      t.co.getNamespacedCustomObject({ ...VM, namespace: "default", name: "temporary" }),
      404,
      "NotFound",
    );
    expect((await t.sim.client.state()).counts.virtualmachines).toBe(28);
  });
});

describe("authentication and authorization", () => {
  it("no or wrong token → 401; read-only token → reads ok, writes 403; control API admin-only", async () => {
    const t = await sim();
    const none = await raw(t.sim, "GET", "/api/v1/nodes", undefined, {}, "");
    expect(none.status).toBe(401);
    expect(none.json).toMatchObject({ kind: "Status", reason: "Unauthorized", code: 401 });
    expect((await raw(t.sim, "GET", "/api/v1/nodes", undefined, {}, "wrong")).status).toBe(401);
    const ro = new k8s.KubeConfig();
    ro.loadFromString(t.sim.readOnlyKubeconfigYaml);
    const roCo = ro.makeApiClient(k8s.CustomObjectsApi);
    await roCo.listNamespacedCustomObject({ ...VM, namespace: "test" });
    const st = await expectStatus(
      roCo.createNamespacedCustomObject({ ...VM, namespace: "test", body: vmManifest("nope") }),
      403,
      "Forbidden",
    );
    expect(st.message).toBe(
      'virtualmachines.kubevirt.io is forbidden: User "kubesim-viewer" cannot create resource "virtualmachines" in API group "kubevirt.io" in the namespace "test"',
    );
    await expectStatus(ro.makeApiClient(k8s.CoreV1Api).deleteNode({ name: "node-1" }), 403, "Forbidden");
    const roControl = new KubeSimClient(t.sim.url, { token: t.sim.readOnlyToken });
    await expect(roControl.state()).rejects.toMatchObject({ status: 403 });
    await expect(new KubeSimClient(t.sim.url).state()).rejects.toMatchObject({ status: 401 });
  });

  it("grants and revokes tokens at run time (credential rotation)", async () => {
    const t = await sim();
    const nodes = (token: string) => raw(t.sim, "GET", "/api/v1/nodes", undefined, {}, token);
    expect((await nodes("rotated-1")).status).toBe(401);
    await t.sim.client.grantToken("rotated-1", "read-only");
    expect((await nodes("rotated-1")).status).toBe(200);
    await expect(new KubeSimClient(t.sim.url, { token: "rotated-1" }).state()).rejects.toMatchObject({
      status: 403,
    });
    await t.sim.client.revokeToken("rotated-1");
    expect((await nodes("rotated-1")).status).toBe(401);
    await expect(t.sim.client.revokeToken("rotated-1")).rejects.toMatchObject({ status: 404 });
    await expect(t.sim.client.grantToken("")).rejects.toBeInstanceOf(KubeSimControlError);
  });

  it("HTTPS with a generated CA in the kubeconfig", async () => {
    const s = await startKubeSim({ https: true, stepDelayMs: 0 });
    sims.push(s);
    expect(s.url).toMatch(/^https:/);
    expect(s.kubeconfigYaml).toContain("certificate-authority-data");
    expect(s.kubeconfigYaml).not.toContain("insecure-skip-tls-verify");
    const kc = new k8s.KubeConfig();
    kc.loadFromString(s.kubeconfigYaml);
    const nodes = await kc.makeApiClient(k8s.CoreV1Api).listNode();
    expect(nodes.items.length).toBe(3);
    expect((await s.client.state()).url).toBe(s.url);
  });
});

describe("lifecycle", () => {
  it("stop() closes the port, open watches and all controller timers", async () => {
    const s = await startKubeSim({ stepDelayMs: 10_000 });
    const kc = new k8s.KubeConfig();
    kc.loadFromString(s.kubeconfigYaml);
    await kc.makeApiClient(k8s.CustomObjectsApi).createNamespacedCustomObject({
      ...VM,
      namespace: "test",
      body: vmManifest("pending", { runStrategy: "Always" }),
    });
    const watchEnded = new Promise<void>((resolve) => {
      void new k8s.Watch(kc).watch(
        "/api/v1/nodes",
        {},
        () => undefined,
        () => resolve(),
      );
    });
    expect(s.cluster.controller.pendingWork).toBeGreaterThan(0);
    await s.stop();
    await watchEnded;
    expect(s.cluster.controller.pendingWork).toBe(0);
    expect(s.cluster.hub.openWatches).toBe(0);
    await expect(fetch(`${s.url}/healthz`)).rejects.toThrow();
  });
});
