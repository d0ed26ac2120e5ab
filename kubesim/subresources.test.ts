import { describe, expect, it } from "vitest";
import { FAILURE_ANNOTATION } from "./controller.ts";
import {
  raw,
  startTestSimForFile,
  status,
  VM,
  VMI,
  vmiPath,
  vmManifest,
  waitForEvent,
  waitVmStatus,
} from "./test/helpers.ts";
import { isRecord, type KObject } from "./types.ts";

const t = startTestSimForFile();

const ns = "test";
const put = (
  kind: "virtualmachines" | "virtualmachineinstances",
  name: string,
  sub: string,
  body: unknown = {},
  token?: string,
) =>
  raw(
    t.sim,
    "PUT",
    `/apis/subresources.kubevirt.io/v1/namespaces/${ns}/${kind}/${name}/${sub}`,
    body,
    {},
    token ?? t.sim.adminToken,
  );
const vmSub = (name: string, sub: string, body: unknown = {}) => put("virtualmachines", name, sub, body);
const getVm = async (name: string) =>
  (await t.co.getNamespacedCustomObject({ ...VM, namespace: ns, name })) as KObject;
const getVmi = async (name: string) =>
  (await t.co.getNamespacedCustomObject({ ...VMI, namespace: ns, name })) as KObject;
const spec = (o: KObject) => (isRecord(o.spec) ? o.spec : {});

async function makeVm(name: string, runSpec: Record<string, unknown>): Promise<void> {
  await t.co.createNamespacedCustomObject({ ...VM, namespace: ns, body: vmManifest(name, runSpec) });
}
async function running(name: string, runSpec: Record<string, unknown>): Promise<KObject> {
  await makeVm(name, runSpec);
  if (runSpec.runStrategy === "Manual") expect((await vmSub(name, "start")).status).toBe(202);
  await waitVmStatus(t, ns, name, "Running");
  return getVmi(name);
}
function expect409(r: { status: number; json: unknown }, text: string): void {
  expect(r.status).toBe(409);
  expect(r.json).toMatchObject({ kind: "Status", reason: "Conflict", code: 409 });
  expect(String((r.json as { message: string }).message)).toContain(text);
}

describe("subresources.kubevirt.io discovery and version", () => {
  it("GET version returns virt-api's gitVersion; discovery lists the subresources", async () => {
    const v = await raw(t.sim, "GET", "/apis/subresources.kubevirt.io/v1/version");
    expect(v.status).toBe(200);
    expect(v.json).toMatchObject({ gitVersion: "v1.9.1" });
    const r = await raw(t.sim, "GET", "/apis/subresources.kubevirt.io/v1");
    expect((r.json as { resources: { name: string }[] }).resources.map((x) => x.name)).toContain(
      "virtualmachines/start",
    );
  });
});

describe("start", () => {
  it("Halted → 202, runStrategy patched to Always; the VM runs", async () => {
    await makeVm("st-halted", { runStrategy: "Halted" });
    const r = await vmSub("st-halted", "start");
    expect(r.status).toBe(202);
    expect(r.text).toBe("");
    expect(spec(await getVm("st-halted")).runStrategy).toBe("Always");
    await waitVmStatus(t, ns, "st-halted", "Running");
  });
  it("legacy spec.running=false → 202, spec.running becomes true (runStrategy not added)", async () => {
    await makeVm("st-legacy", { running: false });
    expect((await vmSub("st-legacy", "start")).status).toBe(202);
    const s = spec(await getVm("st-legacy"));
    expect(s.running).toBe(true);
    expect(s.runStrategy).toBeUndefined();
    await waitVmStatus(t, ns, "st-legacy", "Running");
  });
  it("Halted with paused:true starts the VMI paused", async () => {
    await makeVm("st-paused", { runStrategy: "Halted" });
    expect((await vmSub("st-paused", "start", { paused: true })).status).toBe(202);
    await waitVmStatus(t, ns, "st-paused", "Paused");
  });
  it("dryRun: 202 with no change", async () => {
    await makeVm("st-dry", { runStrategy: "Halted" });
    expect((await vmSub("st-dry", "start", { dryRun: ["All"] })).status).toBe(202);
    expect(spec(await getVm("st-dry")).runStrategy).toBe("Halted");
  });
  it("Always → 409 (already running); Once → 409; RerunOnFailure running → 409", async () => {
    await running("st-always", { runStrategy: "Always" });
    expect409(await vmSub("st-always", "start"), "VM is already running");
    await running("st-rerun", { runStrategy: "RerunOnFailure" });
    expect409(await vmSub("st-rerun", "start"), "VM is already running");
    await running("st-once", { runStrategy: "Once" });
    expect409(await vmSub("st-once", "start"), "VM is already running");
  });
  it("Always/Once without a VMI → 409 'does not support manual start requests'", async () => {
    await t.sim.client.setStepDelay(60_000);
    try {
      await makeVm("st-always-novmi", { runStrategy: "Always" });
      expect409(await vmSub("st-always-novmi", "start"), "Always does not support manual start requests");
      await makeVm("st-once-novmi", { runStrategy: "Once" });
      expect409(await vmSub("st-once-novmi", "start"), "Once does not support manual start requests");
    } finally {
      await t.sim.client.setStepDelay(0);
    }
  });
  it("Manual → 202 via a state-change request; Manual running → 409", async () => {
    await running("st-manual", { runStrategy: "Manual" });
    expect(spec(await getVm("st-manual")).runStrategy).toBe("Manual");
    expect409(await vmSub("st-manual", "start"), "VM is already running");
  });
  it("404 for an unknown VM", async () => {
    const r = await vmSub("nope", "start");
    expect(r.status).toBe(404);
    expect(r.json).toMatchObject({
      reason: "NotFound",
      message: 'virtualmachine.kubevirt.io "nope" not found',
    });
  });
});

describe("stop", () => {
  it("Always → 202, runStrategy Halted, VMI goes away", async () => {
    await running("sp-always", { runStrategy: "Always" });
    expect((await vmSub("sp-always", "stop")).status).toBe(202);
    expect(spec(await getVm("sp-always")).runStrategy).toBe("Halted");
    await waitVmStatus(t, ns, "sp-always", "Stopped");
  });
  it("Once → 202, runStrategy Halted", async () => {
    await running("sp-once", { runStrategy: "Once" });
    expect((await vmSub("sp-once", "stop")).status).toBe(202);
    expect(spec(await getVm("sp-once")).runStrategy).toBe("Halted");
  });
  it("Manual and RerunOnFailure → 202 via a stop request; run strategy unchanged", async () => {
    for (const [name, rs] of [
      ["sp-manual", "Manual"],
      ["sp-rerun", "RerunOnFailure"],
    ] as const) {
      await running(name, { runStrategy: rs });
      expect((await vmSub(name, "stop")).status).toBe(202);
      await waitVmStatus(t, ns, name, "Stopped");
      expect(spec(await getVm(name)).runStrategy).toBe(rs);
      expect409(await vmSub(name, "stop"), "VM is not running");
    }
  });
  it("Halted without a VMI → 409; Halted while stopping → 409 unless a shorter grace period is given", async () => {
    await makeVm("sp-halted", { runStrategy: "Halted" });
    expect409(await vmSub("sp-halted", "stop"), "VM is not running");
    await running("sp-stopping", { runStrategy: "Always" });
    await t.sim.client.setStepDelay(60_000);
    try {
      expect((await vmSub("sp-stopping", "stop")).status).toBe(202);
      expect409(
        await vmSub("sp-stopping", "stop"),
        "Halted only supports manual stop requests with a shorter graceperiod",
      );
      expect((await vmSub("sp-stopping", "stop", { gracePeriod: 0 })).status).toBe(202);
      expect(spec(await getVmi("sp-stopping")).terminationGracePeriodSeconds).toBe(0);
    } finally {
      await t.sim.client.setStepDelay(0);
    }
  });
  it("legacy running=true → 202, running becomes false", async () => {
    await running("sp-legacy", { running: true });
    expect((await vmSub("sp-legacy", "stop")).status).toBe(202);
    expect(spec(await getVm("sp-legacy")).running).toBe(false);
    await waitVmStatus(t, ns, "sp-legacy", "Stopped");
  });
});

describe("restart", () => {
  it("Always, Manual, RerunOnFailure → 202 and a new VMI", async () => {
    for (const [name, rs] of [
      ["rs-always", "Always"],
      ["rs-manual", "Manual"],
      ["rs-rerun", "RerunOnFailure"],
    ] as const) {
      const before = await running(name, { runStrategy: rs });
      expect((await put("virtualmachines", name, "restart")).status).toBe(202);
      await waitForEvent(
        t.kc,
        vmiPath(ns),
        name,
        (_type, o) => o.metadata.uid !== before.metadata.uid && status(o).phase === "Running",
      );
    }
  });
  it("Halted and Once → 409; no VMI → 409; gracePeriodSeconds other than 0 → 400", async () => {
    await makeVm("rs-halted", { runStrategy: "Halted" });
    expect409(await vmSub("rs-halted", "restart"), "Halted does not support manual restart requests");
    await running("rs-once", { runStrategy: "Once" });
    expect409(await vmSub("rs-once", "restart"), "Once does not support manual restart requests");
    await makeVm("rs-manual-off", { runStrategy: "Manual" });
    expect409(await vmSub("rs-manual-off", "restart"), "VM is not running");
    await running("rs-grace", { runStrategy: "Always" });
    const bad = await vmSub("rs-grace", "restart", { gracePeriodSeconds: 5 });
    expect(bad.status).toBe(400);
    expect((await vmSub("rs-grace", "restart", { gracePeriodSeconds: 0 })).status).toBe(202);
  });
});

describe("migrate", () => {
  it("running VM → 202 and a VMIM named kubevirt-migrate-vm-*; stopped VM → 409", async () => {
    await running("mg-1", { runStrategy: "Always" });
    expect((await vmSub("mg-1", "migrate", {})).status).toBe(202);
    const list = (await t.co.listNamespacedCustomObject({
      group: "kubevirt.io",
      version: "v1",
      plural: "virtualmachineinstancemigrations",
      namespace: ns,
    })) as { items: KObject[] };
    const m = list.items.find((x) => isRecord(x.spec) && x.spec.vmiName === "mg-1");
    expect(m?.metadata.name).toMatch(/^kubevirt-migrate-vm-/);
    await makeVm("mg-off", { runStrategy: "Halted" });
    expect409(await vmSub("mg-off", "migrate"), "VM is not running");
    await running("mg-dry", { runStrategy: "Always" });
    expect((await vmSub("mg-dry", "migrate", { dryRun: ["All"] })).status).toBe(202);
    const after = (await t.co.listNamespacedCustomObject({
      group: "kubevirt.io",
      version: "v1",
      plural: "virtualmachineinstancemigrations",
      namespace: ns,
    })) as { items: KObject[] };
    expect(after.items.some((x) => isRecord(x.spec) && x.spec.vmiName === "mg-dry")).toBe(false);
  });
});

describe("pause / unpause (VMI)", () => {
  it("pause a running VMI → 202 (Paused); again → 409; unpause → 202; again → 409", async () => {
    await running("pz-1", { runStrategy: "Always" });
    expect((await put("virtualmachineinstances", "pz-1", "pause")).status).toBe(202);
    await waitVmStatus(t, ns, "pz-1", "Paused");
    expect409(await put("virtualmachineinstances", "pz-1", "pause"), "VMI is already paused");
    expect((await put("virtualmachineinstances", "pz-1", "unpause")).status).toBe(202);
    await waitVmStatus(t, ns, "pz-1", "Running");
    expect409(await put("virtualmachineinstances", "pz-1", "unpause"), "VMI is not paused");
  });
  it("no VMI → 404; VMI not running → 409; liveness probe → 403", async () => {
    expect((await put("virtualmachineinstances", "pz-none", "pause")).status).toBe(404);
    // An unschedulable VM keeps its VMI in Scheduling: not running.
    await t.co.createNamespacedCustomObject({
      ...VM,
      namespace: ns,
      body: vmManifest(
        "pz-starting",
        { runStrategy: "Always" },
        { annotations: { [FAILURE_ANNOTATION]: "ErrorUnschedulable" } },
      ),
    });
    await waitForEvent(t.kc, vmiPath(ns), "pz-starting", () => true);
    expect409(await put("virtualmachineinstances", "pz-starting", "pause"), "VMI is not running");
    await t.co.createNamespacedCustomObject({
      ...VM,
      namespace: ns,
      body: vmManifest("pz-probe", {
        runStrategy: "Always",
        templateSpec: { livenessProbe: { httpGet: { port: 80 } } },
      }),
    });
    await waitVmStatus(t, ns, "pz-probe", "Running");
    const f = await put("virtualmachineinstances", "pz-probe", "pause");
    expect(f.status).toBe(403);
    expect(f.json).toMatchObject({ reason: "Forbidden" });
  });
});

describe("access and availability", () => {
  it("a read-only token gets 403 on subresource PUTs but may read the version", async () => {
    await makeVm("ro-vm", { runStrategy: "Halted" });
    const r = await put("virtualmachines", "ro-vm", "start", {}, t.sim.readOnlyToken);
    expect(r.status).toBe(403);
    expect(String((r.json as { message: string }).message)).toContain(
      'cannot update resource "virtualmachines/start" in API group "subresources.kubevirt.io"',
    );
    expect(
      (
        await raw(
          t.sim,
          "GET",
          "/apis/subresources.kubevirt.io/v1/version",
          undefined,
          {},
          t.sim.readOnlyToken,
        )
      ).status,
    ).toBe(200);
  });
  it("503 when virt-api's APIService is unavailable", async () => {
    await t.sim.client.setKubeVirt({ apiServiceAvailable: false });
    try {
      const r = await vmSub("ro-vm", "start");
      expect(r.status).toBe(503);
      expect((await raw(t.sim, "GET", "/apis/subresources.kubevirt.io/v1/version")).status).toBe(503);
    } finally {
      await t.sim.client.setKubeVirt({ apiServiceAvailable: true });
    }
  });
});
