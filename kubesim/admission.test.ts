import { afterEach, describe, expect, it } from "vitest";
import { gateState, isGateEnabled, parseKubeVirtVersion } from "./feature-gates.ts";
import {
  expectStatus,
  raw,
  startTestSim,
  type TestSim,
  VM,
  vmManifest,
  waitVmStatus,
} from "./test/helpers.ts";

let sims: TestSim[] = [];
afterEach(async () => {
  await Promise.all(sims.map((s) => s.stop()));
  sims = [];
});
async function sim(opts: Parameters<typeof startTestSim>[0]): Promise<TestSim> {
  const s = await startTestSim(opts);
  sims.push(s);
  return s;
}

const snapshotBody = (name: string) => ({
  apiVersion: "snapshot.kubevirt.io/v1beta1",
  kind: "VirtualMachineSnapshot",
  metadata: { name },
  spec: { source: { apiGroup: "kubevirt.io", kind: "VirtualMachine", name: "src" } },
});

describe("feature gate evaluation (KUBEVIRT-API.md §4.9)", () => {
  it("Snapshot is Beta from v1.3: on by default only from v1.9; explicit enable works everywhere", () => {
    expect(gateState("Snapshot", parseKubeVirtVersion("v1.2.0"))).toBe("Alpha");
    expect(gateState("Snapshot", parseKubeVirtVersion("v1.9.1"))).toBe("Beta");
    expect(isGateEnabled("Snapshot", "v1.4.2", [])).toBe(false);
    expect(isGateEnabled("Snapshot", "v1.8.0", [])).toBe(false);
    expect(isGateEnabled("Snapshot", "v1.9.1", [])).toBe(true);
    expect(isGateEnabled("Snapshot", "v1.9.1", [], ["Snapshot"])).toBe(false);
    expect(isGateEnabled("Snapshot", "v1.9.1", ["Snapshot"], ["Snapshot"])).toBe(true);
    expect(isGateEnabled("Snapshot", "v1.4.2", ["Snapshot"])).toBe(true);
    expect(isGateEnabled("VMExport", "v1.9.0", [], ["VMExport"])).toBe(true);
    expect(isGateEnabled("ExpandDisks", "v1.8.3", [])).toBe(false);
    expect(isGateEnabled("GPU", "v1.4.0", [])).toBe(true);
    expect(isGateEnabled("ExperimentalVirtiofsSupport", "v1.7.0", ["ExperimentalVirtiofsSupport"])).toBe(
      false,
    );
  });
});

describe("VM admission", () => {
  it("running and runStrategy together are rejected; one of them is required", async () => {
    const t = await sim({});
    const both = await expectStatus(
      t.co.createNamespacedCustomObject({
        ...VM,
        namespace: "test",
        body: vmManifest("both", { running: true, runStrategy: "Always" }),
      }),
      422,
      "Invalid",
    );
    expect(both.message).toContain(
      'admission webhook "virtualmachine-validator.kubevirt.io" denied the request: Running and RunStrategy are mutually exclusive',
    );
    expect((both.details as { causes: { field: string }[] }).causes[0]?.field).toBe("spec.running");
    const none = await expectStatus(
      t.co.createNamespacedCustomObject({ ...VM, namespace: "test", body: vmManifest("none", {}) }),
      422,
      "Invalid",
    );
    expect(none.message).toContain("RunStrategy must be specified");
    await expectStatus(
      t.co.createNamespacedCustomObject({
        ...VM,
        namespace: "test",
        body: vmManifest("bad", { runStrategy: "Sometimes" }),
      }),
      422,
      "Invalid",
    );
    // Updates are admitted too.
    await t.co.createNamespacedCustomObject({
      ...VM,
      namespace: "test",
      body: vmManifest("ok", { runStrategy: "Halted" }),
    });
    const ok = await waitVmStatus(t, "test", "ok", "Stopped");
    await expectStatus(
      t.co.replaceNamespacedCustomObject({
        ...VM,
        namespace: "test",
        name: "ok",
        body: { ...vmManifest("ok", { runStrategy: "Halted", running: false }), metadata: ok.metadata },
      }),
      422,
      "Invalid",
    );
  });

  it("spec.running draws a deprecation Warning header from v1.4", async () => {
    const t = await sim({});
    const r = await raw(
      t.sim,
      "POST",
      "/apis/kubevirt.io/v1/namespaces/test/virtualmachines",
      vmManifest("legacy", { running: false }),
    );
    expect(r.status).toBe(201);
    expect(r.headers.get("warning")).toContain("spec.running is deprecated");
  });
});

describe("Snapshot gate on snapshot/restore/clone create", () => {
  it("v1.4.2 without the gate: snapshot and clone refused (400 from the webhook)", async () => {
    const t = await sim({ profile: "legacy" });
    await t.co.createNamespacedCustomObject({ ...VM, namespace: "default", body: vmManifest("src") });
    const st = await expectStatus(
      t.co.createNamespacedCustomObject({
        group: "snapshot.kubevirt.io",
        version: "v1beta1",
        plural: "virtualmachinesnapshots",
        namespace: "default",
        body: snapshotBody("s1"),
      }),
      400,
    );
    expect(st.message).toBe(
      'admission webhook "virtualmachinesnapshot-validator.snapshot.kubevirt.io" denied the request: snapshot feature gate not enabled',
    );
    // v1.4 serves clone.kubevirt.io only as v1alpha1.
    await expectStatus(
      t.co.createNamespacedCustomObject({
        group: "clone.kubevirt.io",
        version: "v1alpha1",
        plural: "virtualmachineclones",
        namespace: "default",
        body: {
          apiVersion: "clone.kubevirt.io/v1alpha1",
          kind: "VirtualMachineClone",
          metadata: { name: "c1" },
          spec: { source: { kind: "VirtualMachine", name: "src" } },
        },
      }),
      400,
    );
    expect((await raw(t.sim, "GET", "/apis/clone.kubevirt.io/v1beta1")).status).toBe(404);
  });

  it("v1.7 with the gate listed: allowed; v1.9 default: allowed; v1.9 with the gate disabled: refused", async () => {
    const v17 = await sim({ profile: "v1.7" });
    await v17.co.createNamespacedCustomObject({ ...VM, namespace: "default", body: vmManifest("src") });
    await v17.co.createNamespacedCustomObject({
      group: "snapshot.kubevirt.io",
      version: "v1beta1",
      plural: "virtualmachinesnapshots",
      namespace: "default",
      body: snapshotBody("s1"),
    });
    const v19 = await sim({});
    await v19.co.createNamespacedCustomObject({ ...VM, namespace: "test", body: vmManifest("src") });
    await v19.co.createNamespacedCustomObject({
      group: "snapshot.kubevirt.io",
      version: "v1beta1",
      plural: "virtualmachinesnapshots",
      namespace: "test",
      body: snapshotBody("s1"),
    });
    await v19.sim.client.setKubeVirt({ disabledFeatureGates: ["Snapshot"] });
    await expectStatus(
      v19.co.createNamespacedCustomObject({
        group: "snapshot.kubevirt.io",
        version: "v1beta1",
        plural: "virtualmachinesnapshots",
        namespace: "test",
        body: snapshotBody("s2"),
      }),
      400,
    );
    // dryRun is the product's last-resort probe: it must be refused the same way.
    await expectStatus(
      v19.co.createNamespacedCustomObject({
        group: "snapshot.kubevirt.io",
        version: "v1beta1",
        plural: "virtualmachinesnapshots",
        namespace: "test",
        body: snapshotBody("s3"),
        dryRun: "All",
      }),
      400,
    );
    await v19.sim.client.setKubeVirt({ featureGates: ["Snapshot"] });
    await v19.co.createNamespacedCustomObject({
      group: "snapshot.kubevirt.io",
      version: "v1beta1",
      plural: "virtualmachinesnapshots",
      namespace: "test",
      body: snapshotBody("s4"),
      dryRun: "All",
    });
  });

  it("migrations are admitted only for running VMIs", async () => {
    const t = await sim({});
    const st = await expectStatus(
      t.co.createNamespacedCustomObject({
        group: "kubevirt.io",
        version: "v1",
        plural: "virtualmachineinstancemigrations",
        namespace: "test",
        body: {
          apiVersion: "kubevirt.io/v1",
          kind: "VirtualMachineInstanceMigration",
          metadata: { name: "m" },
          spec: { vmiName: "ghost" },
        },
      }),
      422,
      "Invalid",
    );
    expect(st.message).toContain("does not exist");
  });
});

describe("profiles without a healthy KubeVirt", () => {
  it("no-kubevirt: kubevirt.io is not served, subresources absent", async () => {
    const t = await sim({ profile: "no-kubevirt" });
    const apis = (await raw(t.sim, "GET", "/apis")).json as { groups: { name: string }[] };
    expect(apis.groups.map((g) => g.name)).not.toContain("kubevirt.io");
    expect((await raw(t.sim, "GET", "/apis/kubevirt.io/v1/virtualmachines")).status).toBe(404);
    expect((await raw(t.sim, "GET", "/apis/subresources.kubevirt.io/v1/version")).status).toBe(404);
  });

  it("degraded: KubeVirt CR Degraded=True and the APIService unavailable (503 on subresources)", async () => {
    const t = await sim({ profile: "degraded" });
    const list = (await t.co.listClusterCustomObject({
      group: "kubevirt.io",
      version: "v1",
      plural: "kubevirts",
    })) as { items: { status: { conditions: { type: string; status: string }[] } }[] };
    expect(list.items).toHaveLength(1);
    expect(list.items[0]?.status.conditions.find((c) => c.type === "Degraded")?.status).toBe("True");
    const svc = (
      await raw(t.sim, "GET", "/apis/apiregistration.k8s.io/v1/apiservices/v1.subresources.kubevirt.io")
    ).json as { status: { conditions: { type: string; status: string }[] } };
    expect(svc.status.conditions[0]).toMatchObject({ type: "Available", status: "False" });
    expect((await raw(t.sim, "GET", "/apis/subresources.kubevirt.io/v1/version")).status).toBe(503);
  });
});
