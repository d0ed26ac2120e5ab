import * as k8s from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { FAILURE_ANNOTATION } from "./controller.ts";
import { BUILTIN_PROFILES } from "./profile.ts";
import {
  createMigration,
  createRestore,
  createSnapshot,
  startTestSim,
  startTestSimForFile,
  status,
  VM,
  VMI,
  vmiPath,
  vmManifest,
  vmPath,
  waitForEvent,
  waitGone,
  waitVmStatus,
} from "./test/helpers.ts";
import { isRecord, type KObject } from "./types.ts";

const t = startTestSimForFile();

const ns = "test";
const create = async (name: string, spec: Record<string, unknown>, meta: Record<string, unknown> = {}) =>
  (await t.co.createNamespacedCustomObject({
    ...VM,
    namespace: ns,
    body: vmManifest(name, spec, meta),
  })) as KObject;
const getVm = async (name: string) =>
  (await t.co.getNamespacedCustomObject({ ...VM, namespace: ns, name })) as KObject;
const getVmi = async (name: string) =>
  (await t.co.getNamespacedCustomObject({ ...VMI, namespace: ns, name })) as KObject;
const merge = k8s.setHeaderOptions("Content-Type", k8s.PatchStrategy.MergePatch);

/** Records every event of a path from "now" (no initial state), for asserting progressions. */
async function record(path: string) {
  const events: { type: string; obj: KObject }[] = [];
  const rv = (await t.sim.client.state()).resourceVersion;
  const ac = await new k8s.Watch(t.kc).watch(
    path,
    { resourceVersion: rv },
    (type, obj: KObject) => events.push({ type, obj }),
    () => undefined,
  );
  // Waits until the recorder itself has seen a matching event (its stream may lag other watches).
  const until = (pred: (e: { type: string; obj: KObject }) => boolean) =>
    expect.poll(() => events.some(pred), { timeout: 5000, interval: 5 }).toBe(true);
  return { events, until, stop: () => ac.abort() };
}

const dedupe = (xs: unknown[]) => xs.filter((x, i) => x !== undefined && x !== xs[i - 1]);

describe("VM lifecycle", () => {
  it("runStrategy Always: VMI Pending → Scheduling → Scheduled → Running on a node with an IP; VM Starting → Running", async () => {
    const vmis = await record(vmiPath(ns));
    const vms = await record(vmPath(ns));
    await create("life-1", { runStrategy: "Always" });
    const vm = await waitVmStatus(t, ns, "life-1", "Running");
    await vmis.until((e) => e.obj.metadata.name === "life-1" && status(e.obj).phase === "Running");
    await vms.until((e) => e.obj.metadata.name === "life-1" && status(e.obj).printableStatus === "Running");
    vmis.stop();
    vms.stop();
    const phases = dedupe(
      vmis.events.filter((e) => e.obj.metadata.name === "life-1").map((e) => status(e.obj).phase),
    );
    expect(phases).toEqual(["Pending", "Scheduling", "Scheduled", "Running"]);
    const printable = dedupe(
      vms.events.filter((e) => e.obj.metadata.name === "life-1").map((e) => status(e.obj).printableStatus),
    );
    expect(printable).toContain("Starting");
    expect(printable[printable.length - 1]).toBe("Running");
    const vmi = await getVmi("life-1");
    const st = status(vmi);
    expect(typeof st.nodeName).toBe("string");
    expect((st.interfaces as { ipAddress: string; name: string }[])[0]).toMatchObject({
      name: "default",
      ipAddress: expect.stringMatching(/^10\.244\./),
    });
    expect(vmi.metadata.ownerReferences?.[0]).toMatchObject({
      kind: "VirtualMachine",
      name: "life-1",
      controller: true,
    });
    expect(status(vm).ready).toBe(true);
    expect(
      (status(vm).conditions as { type: string; status: string }[]).find((c) => c.type === "Ready")?.status,
    ).toBe("True");
    expect(vm.metadata.finalizers).toContain("kubevirt.io/virtualMachineControllerFinalize");
  });

  it("stop: Stopping then Stopped, the VMI is deleted", async () => {
    await create("life-2", { runStrategy: "Always" });
    await waitVmStatus(t, ns, "life-2", "Running");
    const vms = await record(vmPath(ns));
    await t.co.patchNamespacedCustomObject(
      { ...VM, namespace: ns, name: "life-2", body: { spec: { runStrategy: "Halted" } } },
      merge,
    );
    await vms.until((e) => e.obj.metadata.name === "life-2" && status(e.obj).printableStatus === "Stopped");
    vms.stop();
    const printable = dedupe(
      vms.events.filter((e) => e.obj.metadata.name === "life-2").map((e) => status(e.obj).printableStatus),
    );
    expect(printable).toEqual(["Running", "Stopping", "Stopped"]);
    await expect(getVmi("life-2")).rejects.toMatchObject({ code: 404 });
  });

  it("legacy spec.running: true runs the VM", async () => {
    await create("life-legacy", { running: true });
    await waitVmStatus(t, ns, "life-legacy", "Running");
  });

  it("Manual does not start by itself; RerunOnFailure and Once do", async () => {
    await create("life-manual", { runStrategy: "Manual" });
    await create("life-rerun", { runStrategy: "RerunOnFailure" });
    await create("life-once", { runStrategy: "Once" });
    await waitVmStatus(t, ns, "life-rerun", "Running");
    await waitVmStatus(t, ns, "life-once", "Running");
    expect(status(await getVm("life-manual")).printableStatus).toBe("Stopped");
  });

  it("deleting a running VM: Terminating, VMI removed, then the VM is gone", async () => {
    await create("life-del", { runStrategy: "Always" });
    await waitVmStatus(t, ns, "life-del", "Running");
    const gone = waitGone(t, vmPath(ns), "life-del");
    const terminating = waitVmStatus(t, ns, "life-del", "Terminating");
    await t.co.deleteNamespacedCustomObject({ ...VM, namespace: ns, name: "life-del" });
    await terminating;
    await gone;
    await expect(getVmi("life-del")).rejects.toMatchObject({ code: 404 });
  });

  it("dataVolumeTemplates: Provisioning before Starting", async () => {
    const vms = await record(vmPath(ns));
    await create("life-dv", {
      runStrategy: "Always",
      dataVolumeTemplates: [
        {
          metadata: { name: "life-dv-root" },
          spec: { storage: { resources: { requests: { storage: "10Gi" } } } },
        },
      ],
    });
    await vms.until((e) => e.obj.metadata.name === "life-dv" && status(e.obj).printableStatus === "Running");
    vms.stop();
    const printable = dedupe(
      vms.events.filter((e) => e.obj.metadata.name === "life-dv").map((e) => status(e.obj).printableStatus),
    );
    expect(printable.indexOf("Provisioning")).toBeGreaterThanOrEqual(0);
    expect(printable.indexOf("Provisioning")).toBeLessThan(printable.indexOf("Starting"));
  });

  it("GPU and hugepages VMs land on nodes that have them", async () => {
    await create("gpu-vm", {
      runStrategy: "Always",
      templateSpec: {
        domain: {
          devices: { gpus: [{ name: "g1", deviceName: "nvidia.com/gpu" }] },
          memory: { guest: "1Gi" },
        },
      },
    });
    await create("huge-vm", {
      runStrategy: "Always",
      templateSpec: { domain: { devices: {}, memory: { guest: "1Gi", hugepages: { pageSize: "2Mi" } } } },
    });
    await waitVmStatus(t, ns, "gpu-vm", "Running");
    await waitVmStatus(t, ns, "huge-vm", "Running");
    expect(status(await getVmi("gpu-vm")).nodeName).toBe("gpu-node");
    expect(status(await getVmi("huge-vm")).nodeName).toBe("gpu-node");
  });
});

describe("migration", () => {
  it("a VMIM moves the VMI to another node through the phases; the VM shows Migrating", async () => {
    await create("mig-1", { runStrategy: "Always" });
    await waitVmStatus(t, ns, "mig-1", "Running");
    const source = status(await getVmi("mig-1")).nodeName;
    const vms = await record(vmPath(ns));
    const migs = await record(`/apis/kubevirt.io/v1/namespaces/${ns}/virtualmachineinstancemigrations`);
    await createMigration(t, ns, "mig-1-m", "mig-1");
    await migs.until((e) => status(e.obj).phase === "Succeeded");
    await vms.until((e) => e.obj.metadata.name === "mig-1" && status(e.obj).printableStatus === "Migrating");
    migs.stop();
    vms.stop();
    const phases = dedupe(migs.events.map((e) => status(e.obj).phase));
    expect(phases).toEqual([
      "Pending",
      "Scheduling",
      "Scheduled",
      "PreparingTarget",
      "TargetReady",
      "Running",
      "Succeeded",
    ]);
    const vmi = await getVmi("mig-1");
    expect(status(vmi).nodeName).not.toBe(source);
    expect(status(vmi).migrationState).toMatchObject({ completed: true, sourceNode: source });
    expect(
      (
        (await t.co.getNamespacedCustomObject({
          group: "kubevirt.io",
          version: "v1",
          plural: "virtualmachineinstancemigrations",
          namespace: ns,
          name: "mig-1-m",
        })) as KObject
      ).metadata.labels,
    ).toMatchObject({ "kubevirt.io/vmi-name": "mig-1" });
  });

  it("deleting an unfinished VMIM cancels it: the VMI stays on its node", async () => {
    await create("mig-2", { runStrategy: "Always" });
    await waitVmStatus(t, ns, "mig-2", "Running");
    const source = status(await getVmi("mig-2")).nodeName;
    await t.sim.client.setStepDelay(150);
    try {
      await createMigration(t, ns, "mig-2-m", "mig-2");
      await waitForEvent(
        t.kc,
        `/apis/kubevirt.io/v1/namespaces/${ns}/virtualmachineinstancemigrations`,
        "mig-2-m",
        (_ty, o) => status(o).phase === "Scheduling",
      );
      const gone = waitGone(
        t,
        `/apis/kubevirt.io/v1/namespaces/${ns}/virtualmachineinstancemigrations`,
        "mig-2-m",
      );
      await t.co.deleteNamespacedCustomObject({
        group: "kubevirt.io",
        version: "v1",
        plural: "virtualmachineinstancemigrations",
        namespace: ns,
        name: "mig-2-m",
      });
      await gone;
    } finally {
      await t.sim.client.setStepDelay(0);
    }
    const vmi = await getVmi("mig-2");
    expect(status(vmi).nodeName).toBe(source);
    expect(status(vmi).migrationState).toMatchObject({
      abortStatus: "Succeeded",
      completed: true,
      failed: true,
    });
    await waitVmStatus(t, ns, "mig-2", "Running");
  });
});

describe("migration: the VMIM's own status (phaseTransitionTimestamps, migrationState)", () => {
  const VMIM = { group: "kubevirt.io", version: "v1", plural: "virtualmachineinstancemigrations" } as const;
  const vmimPath = `/apis/kubevirt.io/v1/namespaces/${ns}/virtualmachineinstancemigrations`;
  const transitions = (o: KObject) =>
    (
      (status(o).phaseTransitionTimestamps ?? []) as { phase: string; phaseTransitionTimestamp: string }[]
    ).map((p) => p.phase);

  it("every phase is recorded with its timestamp; the final migrationState is the VMI's (KubeVirt ≥ v0.59)", async () => {
    await create("mig-st", { runStrategy: "Always" });
    await waitVmStatus(t, ns, "mig-st", "Running");
    const source = status(await getVmi("mig-st")).nodeName;
    const migs = await record(vmimPath);
    const created = await createMigration(t, ns, "mig-st-m", "mig-st");
    await migs.until((e) => e.obj.metadata.name === "mig-st-m" && status(e.obj).phase === "Succeeded");
    migs.stop();
    const seen = migs.events.filter((e) => e.obj.metadata.name === "mig-st-m" && status(e.obj).phase);
    const order = [
      "Pending",
      "Scheduling",
      "Scheduled",
      "PreparingTarget",
      "TargetReady",
      "Running",
      "Succeeded",
    ];
    for (const e of seen) {
      const phase = String(status(e.obj).phase);
      // The history always ends with the current phase and lists every phase before it, in order.
      expect(transitions(e.obj)).toEqual(order.slice(0, order.indexOf(phase) + 1));
      for (const p of status(e.obj).phaseTransitionTimestamps as { phaseTransitionTimestamp: string }[])
        expect(Number.isNaN(Date.parse(p.phaseTransitionTimestamp))).toBe(false);
      // virt-controller copies the migration state only once the migration is final.
      if (phase !== "Succeeded") expect(status(e.obj).migrationState).toBeUndefined();
    }
    const m = (await t.co.getNamespacedCustomObject({ ...VMIM, namespace: ns, name: "mig-st-m" })) as KObject;
    const vmi = await getVmi("mig-st");
    const ms = status(m).migrationState as Record<string, unknown>;
    expect(ms).toEqual(status(vmi).migrationState);
    expect(ms).toMatchObject({
      migrationUid: created.metadata.uid,
      sourceNode: source,
      targetNode: status(vmi).nodeName,
      completed: true,
      failed: false,
      mode: "PreCopy",
    });
    expect(typeof ms.targetNodeAddress).toBe("string");
    expect(Date.parse(String(ms.startTimestamp))).toBeLessThanOrEqual(Date.parse(String(ms.endTimestamp)));
  });

  it("a cancelled migration ends Failed with the aborted migrationState before it goes away", async () => {
    await create("mig-cx", { runStrategy: "Always" });
    await waitVmStatus(t, ns, "mig-cx", "Running");
    const migs = await record(vmimPath);
    await t.sim.client.setStepDelay(150);
    try {
      await createMigration(t, ns, "mig-cx-m", "mig-cx");
      await waitForEvent(t.kc, vmimPath, "mig-cx-m", (_ty, o) => status(o).phase === "Scheduled");
      await t.co.deleteNamespacedCustomObject({ ...VMIM, namespace: ns, name: "mig-cx-m" });
      await migs.until((e) => e.obj.metadata.name === "mig-cx-m" && e.type === "DELETED");
    } finally {
      await t.sim.client.setStepDelay(0);
    }
    migs.stop();
    const last = migs.events.filter((e) => e.obj.metadata.name === "mig-cx-m").at(-1)?.obj as KObject;
    expect(status(last).phase).toBe("Failed");
    expect(transitions(last).at(-1)).toBe("Failed");
    expect(transitions(last)).toContain("Scheduled");
    const vmiState = status(await getVmi("mig-cx")).migrationState;
    expect(status(last).migrationState).toEqual(vmiState);
    expect(vmiState).toMatchObject({
      abortRequested: true,
      abortStatus: "Succeeded",
      completed: true,
      failed: true,
    });
  });

  it("a migration that fails before the VMI has its state (no target node) has no migrationState", async () => {
    await create("mig-nt", { runStrategy: "Always" });
    await waitVmStatus(t, ns, "mig-nt", "Running");
    await createMigration(t, ns, "mig-nt-m", "mig-nt", {
      addedNodeSelector: { "example.com/no-such-node": "true" },
    });
    const failed = await waitForEvent(t.kc, vmimPath, "mig-nt-m", (_ty, o) => status(o).phase === "Failed");
    expect(transitions(failed)).toEqual(["Pending", "Failed"]);
    expect(status(failed).migrationState).toBeUndefined();
    expect(status(await getVmi("mig-nt")).migrationState).toBeUndefined();
  });

  it("before KubeVirt v0.59 the VMIM has no migrationState (kubevirt/kubevirt#7862); v1.4 has it", async () => {
    for (const [kubevirtVersion, has] of [
      ["v0.58.1", false],
      ["v1.4.2", true],
    ] as const) {
      const old = await startTestSim({ profile: { ...BUILTIN_PROFILES.empty, kubevirtVersion } });
      try {
        await old.co.createNamespacedCustomObject({
          ...VM,
          namespace: ns,
          body: vmManifest("v", { runStrategy: "Always" }),
        });
        await waitVmStatus(old, ns, "v", "Running");
        await createMigration(old, ns, "m", "v");
        const done = await waitForEvent(old.kc, vmimPath, "m", (_ty, o) => status(o).phase === "Succeeded");
        expect(transitions(done).at(-1)).toBe("Succeeded");
        if (has) expect(status(done).migrationState).toMatchObject({ completed: true });
        else expect(status(done).migrationState).toBeUndefined();
      } finally {
        await old.stop();
      }
    }
  });
});

describe("snapshot, restore, clone", () => {
  const CLONE = {
    group: "clone.kubevirt.io",
    version: "v1beta1",
    plural: "virtualmachineclones",
    namespace: ns,
  };

  it("snapshot → InProgress → Succeeded readyToUse; restore puts the VM back stopped; clones are new stopped VMs", async () => {
    await create("snap-src", { runStrategy: "Halted" }, { labels: { version: "one" } });
    const snapEvents = await record(
      `/apis/snapshot.kubevirt.io/v1beta1/namespaces/${ns}/virtualmachinesnapshots`,
    );
    await createSnapshot(t, ns, "snap-1", "snap-src");
    const snap = await waitForEvent(
      t.kc,
      `/apis/snapshot.kubevirt.io/v1beta1/namespaces/${ns}/virtualmachinesnapshots`,
      "snap-1",
      (_ty, o) => status(o).phase === "Succeeded",
    );
    await snapEvents.until((e) => status(e.obj).phase === "Succeeded");
    snapEvents.stop();
    expect(dedupe(snapEvents.events.map((e) => status(e.obj).phase))).toEqual(["InProgress", "Succeeded"]);
    expect(status(snap)).toMatchObject({
      readyToUse: true,
      virtualMachineSnapshotContentName: expect.stringMatching(/^vmsnapshot-content-/),
    });

    // Change the VM, then restore: labels and spec come back from the snapshot; the VM is not started.
    await t.co.patchNamespacedCustomObject(
      {
        ...VM,
        namespace: ns,
        name: "snap-src",
        body: {
          metadata: { labels: { version: "two" } },
          spec: { template: { metadata: { labels: { changed: "yes" } } } },
        },
      },
      merge,
    );
    await createRestore(t, ns, "restore-1", "snap-src", "snap-1");
    const restore = await waitForEvent(
      t.kc,
      `/apis/snapshot.kubevirt.io/v1beta1/namespaces/${ns}/virtualmachinerestores`,
      "restore-1",
      (_ty, o) => status(o).complete === true,
    );
    expect(status(restore).restoreTime).toBeTruthy();
    const restored = await getVm("snap-src");
    const tmplLabels = (restored.spec as { template: { metadata: { labels: Record<string, string> } } })
      .template.metadata.labels;
    expect(tmplLabels.changed).toBeUndefined();
    expect((restored.spec as { runStrategy: string }).runStrategy).toBe("Halted");

    await t.co.createNamespacedCustomObject({
      ...CLONE,
      body: {
        apiVersion: "clone.kubevirt.io/v1beta1",
        kind: "VirtualMachineClone",
        metadata: { name: "clone-1" },
        spec: {
          source: { apiGroup: "kubevirt.io", kind: "VirtualMachine", name: "snap-src" },
          target: { apiGroup: "kubevirt.io", kind: "VirtualMachine", name: "snap-clone" },
        },
      },
    });
    const clone = await waitForEvent(
      t.kc,
      `/apis/clone.kubevirt.io/v1beta1/namespaces/${ns}/virtualmachineclones`,
      "clone-1",
      (_ty, o) => status(o).phase === "Succeeded",
    );
    expect(status(clone).targetName).toBe("snap-clone");
    const cloned = await getVm("snap-clone");
    expect((cloned.spec as { runStrategy: string }).runStrategy).toBe("Halted");
    expect(cloned.metadata.uid).not.toBe(restored.metadata.uid);

    await t.co.createNamespacedCustomObject({
      ...CLONE,
      body: {
        apiVersion: "clone.kubevirt.io/v1beta1",
        kind: "VirtualMachineClone",
        metadata: { name: "clone-2" },
        spec: {
          source: { apiGroup: "snapshot.kubevirt.io", kind: "VirtualMachineSnapshot", name: "snap-1" },
        },
      },
    });
    const clone2 = await waitForEvent(
      t.kc,
      `/apis/clone.kubevirt.io/v1beta1/namespaces/${ns}/virtualmachineclones`,
      "clone-2",
      (_ty, o) => status(o).phase === "Succeeded",
    );
    const generated = String(status(clone2).targetName);
    expect(generated).toMatch(/^clone-clone-2-/);
    expect((await getVm(generated)).metadata.labels).toMatchObject({ version: "one" });
  });

  it("a clone applies spec.patches (JSON patch strings) to the new VM; a bad patch fails the clone", async () => {
    await create("patch-src", { runStrategy: "Halted" }, { labels: { instance: "01", keep: "yes" } });
    const body = (name: string, target: string, patches: string[]) => ({
      apiVersion: "clone.kubevirt.io/v1beta1",
      kind: "VirtualMachineClone",
      metadata: { name },
      spec: {
        source: { apiGroup: "kubevirt.io", kind: "VirtualMachine", name: "patch-src" },
        target: { apiGroup: "kubevirt.io", kind: "VirtualMachine", name: target },
        patches,
      },
    });
    const clonesPath = `/apis/clone.kubevirt.io/v1beta1/namespaces/${ns}/virtualmachineclones`;
    await t.co.createNamespacedCustomObject({
      ...CLONE,
      body: body("patch-1", "patched", [
        JSON.stringify({ op: "replace", path: "/metadata/labels/instance", value: "02" }),
        JSON.stringify({ op: "add", path: "/metadata/labels/extra", value: "x" }),
      ]),
    });
    await waitForEvent(t.kc, clonesPath, "patch-1", (_ty, o) => status(o).phase === "Succeeded");
    expect((await getVm("patched")).metadata.labels).toMatchObject({
      instance: "02",
      extra: "x",
      keep: "yes",
    });

    await t.co.createNamespacedCustomObject({
      ...CLONE,
      body: body("patch-2", "never", [JSON.stringify({ op: "replace", path: "/no/such/path", value: 1 })]),
    });
    await waitForEvent(t.kc, clonesPath, "patch-2", (_ty, o) => status(o).phase === "Failed");
    await expect(getVm("never")).rejects.toBeDefined();
  });

  it("restore with targetReadinessPolicy StopTarget stops a running target first", async () => {
    await create("snap-run", { runStrategy: "Always" });
    await waitVmStatus(t, ns, "snap-run", "Running");
    await createSnapshot(t, ns, "snap-run-1", "snap-run");
    const snap = await waitForEvent(
      t.kc,
      `/apis/snapshot.kubevirt.io/v1beta1/namespaces/${ns}/virtualmachinesnapshots`,
      "snap-run-1",
      (_ty, o) => status(o).phase === "Succeeded",
    );
    expect(status(snap).indications).toContain("Online");
    await createRestore(t, ns, "restore-run", "snap-run", "snap-run-1", {
      targetReadinessPolicy: "StopTarget",
    });
    await waitForEvent(
      t.kc,
      `/apis/snapshot.kubevirt.io/v1beta1/namespaces/${ns}/virtualmachinerestores`,
      "restore-run",
      (_ty, o) => status(o).complete === true,
    );
    await waitVmStatus(t, ns, "snap-run", "Stopped");
  });
});

describe("failure scenarios (annotation kubesim.kubevirt-shepherd.io/failure)", () => {
  const failing = (name: string, scenario: string) =>
    create(name, { runStrategy: "Always" }, { annotations: { [FAILURE_ANNOTATION]: scenario } });

  it("ErrImagePull → ImagePullBackOff", async () => {
    const vms = await record(vmPath(ns));
    await failing("fail-pull", "ErrImagePull");
    const vm = await waitVmStatus(t, ns, "fail-pull", "ImagePullBackOff");
    await vms.until(
      (e) => e.obj.metadata.name === "fail-pull" && status(e.obj).printableStatus === "ImagePullBackOff",
    );
    vms.stop();
    const printable = dedupe(
      vms.events.filter((e) => e.obj.metadata.name === "fail-pull").map((e) => status(e.obj).printableStatus),
    );
    expect(printable.indexOf("ErrImagePull")).toBeGreaterThanOrEqual(0);
    expect(printable.indexOf("ErrImagePull")).toBeLessThan(printable.indexOf("ImagePullBackOff"));
    expect(
      (status(vm).conditions as { type: string; reason: string }[]).find((c) => c.type === "Failure")?.reason,
    ).toBe("ImagePullBackOff");
  });

  it("ErrorUnschedulable: the VMI stays in Scheduling with PodScheduled=False", async () => {
    await failing("fail-sched", "ErrorUnschedulable");
    await waitVmStatus(t, ns, "fail-sched", "ErrorUnschedulable");
    const vmi = await getVmi("fail-sched");
    expect(status(vmi).phase).toBe("Scheduling");
    expect(
      (status(vmi).conditions as { type: string; status: string; reason: string }[]).find(
        (c) => c.type === "PodScheduled",
      ),
    ).toMatchObject({ status: "False", reason: "Unschedulable" });
  });

  it("CrashLoopBackOff: the VMI fails, the VM records startFailure and backs off", async () => {
    await failing("fail-crash", "CrashLoopBackOff");
    const vm = await waitVmStatus(t, ns, "fail-crash", "CrashLoopBackOff");
    expect(status(vm).startFailure).toMatchObject({ consecutiveFailCount: 1 });
  });

  it("ErrorPvcNotFound: the VMI stays Pending", async () => {
    await failing("fail-pvc", "ErrorPvcNotFound");
    await waitVmStatus(t, ns, "fail-pvc", "ErrorPvcNotFound");
    expect(status(await getVmi("fail-pvc")).phase).toBe("Pending");
  });

  it("real unschedulability: 3 GPUs wanted, none fits → ErrorUnschedulable; a new GPU node fixes it", async () => {
    await create("fail-gpu", {
      runStrategy: "Always",
      templateSpec: {
        domain: {
          devices: { gpus: [1, 2, 3].map((i) => ({ name: `g${i}`, deviceName: "nvidia.com/gpu" })) },
          memory: { guest: "1Gi" },
        },
      },
    });
    await waitVmStatus(t, ns, "fail-gpu", "ErrorUnschedulable");
    await t.sim.client.addNode({ name: "big-gpu", gpus: 8 });
    await waitVmStatus(t, ns, "fail-gpu", "Running");
    expect(status(await getVmi("fail-gpu")).nodeName).toBe("big-gpu");
    await t.sim.client.removeNode("big-gpu");
  });
});

describe("namespaces", () => {
  it("deleting a namespace removes its VMs (through their finalizers) and then the namespace", async () => {
    await t.core.createNamespace({ body: { metadata: { name: "doomed" } } });
    await t.co.createNamespacedCustomObject({
      ...VM,
      namespace: "doomed",
      body: vmManifest("d1", { runStrategy: "Always" }),
    });
    await waitVmStatus(t, "doomed", "d1", "Running");
    const gone = waitGone(t, "/api/v1/namespaces", "doomed");
    await t.core.deleteNamespace({ name: "doomed" });
    const ns2 = await t.core.readNamespace({ name: "doomed" }).catch(() => undefined);
    if (ns2) expect(ns2.status?.phase).toBe("Terminating");
    await gone;
    const left = (await t.co.listNamespacedCustomObject({ ...VM, namespace: "doomed" })) as {
      items: unknown[];
    };
    expect(left.items).toHaveLength(0);
    expect(isRecord(ns2) || ns2 === undefined).toBe(true);
  });
});
