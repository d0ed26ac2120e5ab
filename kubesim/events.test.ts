// core/v1 Events: served like every resource (discovery, CRUD, field selectors), and recorded by the controller
// with the reasons and messages KubeVirt's components use, aggregated and bounded as client-go/apiserver do.
import * as k8s from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { FAILURE_ANNOTATION } from "./controller.ts";
import { EVENTS_RKEY, EventRecorder } from "./event-recorder.ts";
import {
  createMigration,
  createRestore,
  createSnapshot,
  expectStatus,
  raw,
  startTestSimForFile,
  status,
  VM,
  VMI,
  vmManifest,
  waitForEvent,
  waitVmStatus,
} from "./test/helpers.ts";
import type { KObject } from "./types.ts";

const t = startTestSimForFile();

const ns = "test";
const merge = k8s.setHeaderOptions("Content-Type", k8s.PatchStrategy.MergePatch);

interface Ev {
  type: string;
  reason: string;
  message: string;
  count: number;
  involvedObject: Record<string, string>;
  source: { component: string; host?: string };
  reportingComponent: string;
  firstTimestamp: string;
  lastTimestamp: string;
  metadata: { name: string; namespace: string };
}

async function events(fieldSelector?: string, namespace = ns): Promise<Ev[]> {
  const list = await t.core.listNamespacedEvent({ namespace, fieldSelector });
  return list.items as unknown as Ev[];
}

/** Polls until the object has an Event with `reason`; returns that object's Events. */
async function eventsOf(kind: string, name: string, reason: string): Promise<Ev[]> {
  const sel = `involvedObject.kind=${kind},involvedObject.name=${name}`;
  await expect
    .poll(async () => (await events(sel)).map((e) => e.reason), { timeout: 5000, interval: 10 })
    .toContain(reason);
  return events(sel);
}

const reasons = (evs: Ev[]) => evs.map((e) => e.reason);
const byReason = (evs: Ev[], reason: string) => evs.find((e) => e.reason === reason);

async function runningVm(name: string, meta: Record<string, unknown> = {}): Promise<KObject> {
  await t.co.createNamespacedCustomObject({
    ...VM,
    namespace: ns,
    body: vmManifest(name, { runStrategy: "Always" }, meta),
  });
  return waitVmStatus(t, ns, name, "Running");
}

const getVmi = async (name: string) =>
  (await t.co.getNamespacedCustomObject({ ...VMI, namespace: ns, name })) as KObject;

const sub = (name: string, verb: string) =>
  raw(
    t.sim,
    "PUT",
    `/apis/subresources.kubevirt.io/v1/namespaces/${ns}/virtualmachineinstances/${name}/${verb}`,
    {},
  );

describe("the events resource", () => {
  it("is in /api/v1 discovery, namespaced, with every verb and the short name ev", async () => {
    const r = await raw(t.sim, "GET", "/api/v1");
    const res = (r.json as { resources: Record<string, unknown>[] }).resources.find(
      (x) => x.name === "events",
    );
    expect(res).toMatchObject({ kind: "Event", namespaced: true, shortNames: ["ev"] });
    expect(res?.verbs).toEqual(expect.arrayContaining(["create", "delete", "get", "list", "watch"]));
  });

  it("create, get, watch and delete through the API; the Table has kubectl's event columns", async () => {
    const created = await t.core.createNamespacedEvent({
      namespace: ns,
      body: {
        metadata: { name: "pod-ev" },
        involvedObject: { apiVersion: "v1", kind: "Pod", name: "some-pod", namespace: ns },
        reason: "Pulled",
        message: "Container image already present on machine",
        type: "Normal",
        source: { component: "kubelet" },
      },
    });
    expect(created.metadata?.uid).toBeTruthy();
    const got = await t.core.readNamespacedEvent({ namespace: ns, name: "pod-ev" });
    expect(got.reason).toBe("Pulled");
    const table = await raw(t.sim, "GET", `/api/v1/namespaces/${ns}/events/pod-ev`, undefined, {
      Accept: "application/json;as=Table;g=meta.k8s.io;v=v1",
    });
    const cols = (table.json as { columnDefinitions: { name: string }[] }).columnDefinitions.map(
      (c) => c.name,
    );
    expect(cols).toEqual(["Name", "Last Seen", "Type", "Reason", "Object", "Message"]);
    const deleted = waitForEvent(t.kc, `/api/v1/namespaces/${ns}/events`, "pod-ev", (ty) => ty === "DELETED");
    await t.core.deleteNamespacedEvent({ namespace: ns, name: "pod-ev" });
    await deleted;
  });

  it("field selectors: involvedObject.*, reason, type, source (=, ==, !=); an unknown field is a 400", async () => {
    for (const [name, kind, reason, type, component] of [
      ["sel-a", "VirtualMachine", "SuccessfulCreate", "Normal", "virt-controller"],
      ["sel-b", "VirtualMachineInstance", "Started", "Normal", "virt-handler"],
      ["sel-c", "VirtualMachineInstance", "Stopped", "Warning", "virt-handler"],
    ] as const) {
      await t.core.createNamespacedEvent({
        namespace: ns,
        body: {
          metadata: { name },
          involvedObject: {
            apiVersion: "kubevirt.io/v1",
            kind,
            name: "sel-vm",
            namespace: ns,
            uid: `uid-${name}`,
          },
          reason,
          message: "m",
          type,
          source: { component },
        },
      });
    }
    const names = async (sel: string) =>
      (await events(`involvedObject.name=sel-vm,${sel}`)).map((e) => e.metadata.name).sort();
    expect(await names("involvedObject.kind=VirtualMachineInstance")).toEqual(["sel-b", "sel-c"]);
    expect(await names("involvedObject.kind==VirtualMachine")).toEqual(["sel-a"]);
    expect(await names("involvedObject.uid=uid-sel-b")).toEqual(["sel-b"]);
    expect(await names("involvedObject.apiVersion=kubevirt.io/v1")).toEqual(["sel-a", "sel-b", "sel-c"]);
    expect(await names(`involvedObject.namespace=${ns}`)).toEqual(["sel-a", "sel-b", "sel-c"]);
    expect(await names("reason=Started")).toEqual(["sel-b"]);
    expect(await names("type=Warning")).toEqual(["sel-c"]);
    expect(await names("type!=Warning")).toEqual(["sel-a", "sel-b"]);
    expect(await names("source=virt-handler")).toEqual(["sel-b", "sel-c"]);
    expect(await names("metadata.name=sel-a")).toEqual(["sel-a"]);
    await expectStatus(events("involvedObject.color=red"), 400, "BadRequest");
    // Other kinds still know only metadata.name and metadata.namespace.
    await expectStatus(
      t.co.listNamespacedCustomObject({ ...VM, namespace: ns, fieldSelector: "involvedObject.name=x" }),
      400,
      "BadRequest",
    );
  });

  it("a watch with a field selector sees only the matching Events", async () => {
    const seen: string[] = [];
    const ac = await new k8s.Watch(t.kc).watch(
      `/api/v1/namespaces/${ns}/events`,
      { fieldSelector: "involvedObject.name=watched-vm,reason=Started", resourceVersion: "0" },
      (_ty, o: KObject) => seen.push(o.metadata.name ?? ""),
      () => undefined,
    );
    for (const [name, obj, reason] of [
      ["w-1", "other-vm", "Started"],
      ["w-2", "watched-vm", "Stopped"],
      ["w-3", "watched-vm", "Started"],
    ] as const) {
      await t.core.createNamespacedEvent({
        namespace: ns,
        body: {
          metadata: { name },
          involvedObject: { kind: "VirtualMachineInstance", name: obj, namespace: ns },
          reason,
          message: "m",
          type: "Normal",
        },
      });
    }
    await expect.poll(() => seen, { timeout: 5000, interval: 10 }).toContain("w-3");
    ac.abort();
    expect(seen).toEqual(["w-3"]);
  });
});

describe("Events the controller records (KubeVirt's reasons and messages)", () => {
  it("start: VM SuccessfulCreate (virt-controller); VMI SuccessfulCreate pod, Created, Started (virt-handler on its node)", async () => {
    await runningVm("ev-start");
    const vm = (await t.co.getNamespacedCustomObject({ ...VM, namespace: ns, name: "ev-start" })) as KObject;
    const vmEvents = await eventsOf("VirtualMachine", "ev-start", "SuccessfulCreate");
    const created = byReason(vmEvents, "SuccessfulCreate");
    expect(created).toMatchObject({
      type: "Normal",
      message: "Started the virtual machine by creating the new virtual machine instance ev-start",
      source: { component: "virt-controller" },
      reportingComponent: "virt-controller",
      count: 1,
      involvedObject: {
        apiVersion: "kubevirt.io/v1",
        kind: "VirtualMachine",
        name: "ev-start",
        namespace: ns,
        uid: vm.metadata.uid,
      },
    });
    expect(created?.involvedObject.resourceVersion).toMatch(/^\d+$/);
    expect(created?.firstTimestamp).toEqual(created?.lastTimestamp);
    const vmiEvents = await eventsOf("VirtualMachineInstance", "ev-start", "Started");
    expect(reasons(vmiEvents)).toEqual(expect.arrayContaining(["SuccessfulCreate", "Created", "Started"]));
    expect(byReason(vmiEvents, "SuccessfulCreate")?.message).toMatch(
      /^Created virtual machine pod virt-launcher-ev-start-[a-z0-9]{5}$/,
    );
    const started = byReason(vmiEvents, "Started");
    const vmi = await getVmi("ev-start");
    expect(started).toMatchObject({
      type: "Normal",
      message: "VirtualMachineInstance started.",
      source: { component: "virt-handler", host: status(vmi).nodeName },
    });
  });

  it("stop: VM SuccessfulDelete names the VMI's uid; the VMI gets ShuttingDown and Stopped", async () => {
    await runningVm("ev-stop");
    const vmi = await getVmi("ev-stop");
    await t.co.patchNamespacedCustomObject(
      { ...VM, namespace: ns, name: "ev-stop", body: { spec: { runStrategy: "Halted" } } },
      merge,
    );
    await waitVmStatus(t, ns, "ev-stop", "Stopped");
    const vmEvents = await eventsOf("VirtualMachine", "ev-stop", "SuccessfulDelete");
    expect(byReason(vmEvents, "SuccessfulDelete")?.message).toBe(
      `Stopped the virtual machine by deleting the virtual machine instance ${vmi.metadata.uid}`,
    );
    const vmiEvents = await eventsOf("VirtualMachineInstance", "ev-stop", "Stopped");
    expect(byReason(vmiEvents, "ShuttingDown")?.message).toBe("Signaled Graceful Shutdown");
    expect(byReason(vmiEvents, "Stopped")).toMatchObject({
      type: "Normal",
      message: "The VirtualMachineInstance was shut down.",
      involvedObject: { uid: vmi.metadata.uid },
    });
  });

  it("pause / unpause: Paused and Unpaused on the VMI (virt-handler)", async () => {
    await runningVm("ev-pause");
    expect((await sub("ev-pause", "pause")).status).toBe(202);
    const paused = await eventsOf("VirtualMachineInstance", "ev-pause", "Paused");
    expect(byReason(paused, "Paused")).toMatchObject({
      message: "VirtualMachineInstance paused",
      source: { component: "virt-handler" },
    });
    expect((await sub("ev-pause", "unpause")).status).toBe(202);
    const unpaused = await eventsOf("VirtualMachineInstance", "ev-pause", "Unpaused");
    expect(byReason(unpaused, "Unpaused")?.message).toBe("VirtualMachineInstance unpaused");
  });

  it("migrate: the VMIM gets SuccessfulCreate, SuccessfulHandOver, SuccessfulMigration; the VMI Migrating and Migrated", async () => {
    await runningVm("ev-mig");
    await createMigration(t, ns, "ev-mig-m", "ev-mig");
    const vmim = await eventsOf("VirtualMachineInstanceMigration", "ev-mig-m", "SuccessfulMigration");
    expect(reasons(vmim)).toEqual(
      expect.arrayContaining(["SuccessfulCreate", "SuccessfulHandOver", "SuccessfulMigration"]),
    );
    expect(byReason(vmim, "SuccessfulMigration")?.message).toBe("Source node reported migration succeeded");
    const vmi = await eventsOf("VirtualMachineInstance", "ev-mig", "Migrated");
    expect(reasons(vmi)).toEqual(expect.arrayContaining(["PreparingTarget", "Migrating", "Migrated"]));
    const migrated = byReason(vmi, "Migrated");
    expect(migrated?.message).toBe(`The VirtualMachineInstance migrated to node ${migrated?.source.host}.`);
  });

  it("a migration with no target node: Warning migrationTargetPodUnschedulable on the VMIM", async () => {
    await runningVm("ev-mig-nt");
    await createMigration(t, ns, "ev-mig-nt-m", "ev-mig-nt", {
      addedNodeSelector: { "example.com/no-such-node": "true" },
    });
    const evs = await eventsOf(
      "VirtualMachineInstanceMigration",
      "ev-mig-nt-m",
      "migrationTargetPodUnschedulable",
    );
    expect(byReason(evs, "migrationTargetPodUnschedulable")).toMatchObject({
      type: "Warning",
      message: `Migration target pod for VMI [${ns}/ev-mig-nt] is currently unschedulable.`,
    });
  });

  it("snapshot, restore and clone record their completion reasons", async () => {
    await t.co.createNamespacedCustomObject({
      ...VM,
      namespace: ns,
      body: vmManifest("ev-snap-src", { runStrategy: "Halted" }),
    });
    await createSnapshot(t, ns, "ev-snap", "ev-snap-src");
    const snap = await eventsOf(
      "VirtualMachineSnapshot",
      "ev-snap",
      "SuccessfulVirtualMachineSnapshotContentCreate",
    );
    expect(snap[0]?.message).toMatch(
      /^Successfully created VirtualMachineSnapshotContent vmsnapshot-content-/,
    );
    expect(snap[0]?.involvedObject.apiVersion).toBe("snapshot.kubevirt.io/v1beta1");
    await createRestore(t, ns, "ev-restore", "ev-snap-src", "ev-snap");
    const restore = await eventsOf("VirtualMachineRestore", "ev-restore", "VirtualMachineRestoreComplete");
    expect(byReason(restore, "VirtualMachineRestoreComplete")?.message).toBe(
      "Successfully completed VirtualMachineRestore ev-restore",
    );
    await t.co.createNamespacedCustomObject({
      group: "clone.kubevirt.io",
      version: "v1beta1",
      plural: "virtualmachineclones",
      namespace: ns,
      body: {
        apiVersion: "clone.kubevirt.io/v1beta1",
        kind: "VirtualMachineClone",
        metadata: { name: "ev-clone" },
        spec: {
          source: { apiGroup: "kubevirt.io", kind: "VirtualMachine", name: "ev-snap-src" },
          target: { apiGroup: "kubevirt.io", kind: "VirtualMachine", name: "ev-clone-vm" },
        },
      },
    });
    const clone = await eventsOf("VirtualMachineClone", "ev-clone", "RestoreReady");
    expect(reasons(clone)).toEqual(
      expect.arrayContaining([
        "SnapshotCreated",
        "SnapshotReady",
        "RestoreCreated",
        "TargetVMCreated",
        "RestoreReady",
      ]),
    );
    expect(byReason(clone, "TargetVMCreated")?.message).toBe(
      "created target VM ev-clone-vm for clone ev-clone",
    );
    expect(clone.every((e) => e.involvedObject.apiVersion === "clone.kubevirt.io/v1beta1")).toBe(true);
  });

  it('a restore onto a running VM with FailImmediate: Warning "Operation failed"', async () => {
    await runningVm("ev-rfail");
    await createSnapshot(t, ns, "ev-rfail-snap", "ev-rfail");
    await eventsOf(
      "VirtualMachineSnapshot",
      "ev-rfail-snap",
      "SuccessfulVirtualMachineSnapshotContentCreate",
    );
    await createRestore(t, ns, "ev-rfail-r", "ev-rfail", "ev-rfail-snap", {
      targetReadinessPolicy: "FailImmediate",
    });
    const evs = await eventsOf("VirtualMachineRestore", "ev-rfail-r", "Operation failed");
    expect(byReason(evs, "Operation failed")).toMatchObject({
      type: "Warning",
      message: "VirtualMachineRestore failed Restore target VMI must be powered off before restore operation",
    });
  });

  it("failures: ErrorPvcNotFound is a Warning FailedPvcNotFound on the VMI; unschedulable is FailedScheduling on the pod", async () => {
    for (const [name, failure] of [
      ["ev-pvc", "ErrorPvcNotFound"],
      ["ev-unsched", "ErrorUnschedulable"],
    ] as const) {
      await t.co.createNamespacedCustomObject({
        ...VM,
        namespace: ns,
        body: vmManifest(name, { runStrategy: "Always" }, { annotations: { [FAILURE_ANNOTATION]: failure } }),
      });
    }
    const pvc = await eventsOf("VirtualMachineInstance", "ev-pvc", "FailedPvcNotFound");
    expect(byReason(pvc, "FailedPvcNotFound")).toMatchObject({
      type: "Warning",
      source: { component: "virt-controller" },
      message: expect.stringMatching(/^failed to render launch manifest: PVC test\/.* does not exist/),
    });
    await expect
      .poll(async () => (await events("reason=FailedScheduling")).map((e) => e.involvedObject.name), {
        timeout: 5000,
        interval: 10,
      })
      .toContainEqual(expect.stringMatching(/^virt-launcher-ev-unsched-/));
    const sched = (await events("reason=FailedScheduling")).find((e) =>
      (e.involvedObject.name ?? "").includes("ev-unsched"),
    );
    expect(sched).toMatchObject({
      type: "Warning",
      source: { component: "default-scheduler" },
      involvedObject: { apiVersion: "v1", kind: "Pod" },
    });
  });
});

describe("aggregation and bounds", () => {
  it("a repeat of the same reason and message on the same object bumps count and lastTimestamp", async () => {
    const vm = await runningVm("ev-agg");
    const rec = t.sim.cluster.controller.events;
    rec.event(vm, "Warning", "Test", "same message", { component: "virt-controller" });
    const before = (await events("involvedObject.name=ev-agg,reason=Test"))[0];
    expect(before?.count).toBe(1);
    rec.event(vm, "Warning", "Test", "same message", { component: "virt-controller" });
    rec.event(vm, "Warning", "Test", "same message", { component: "virt-controller" });
    rec.event(vm, "Warning", "Test", "another message", { component: "virt-controller" });
    const after = await events("involvedObject.name=ev-agg,reason=Test");
    expect(after).toHaveLength(2);
    const same = after.find((e) => e.message === "same message");
    expect(same).toMatchObject({
      count: 3,
      firstTimestamp: before?.firstTimestamp,
      metadata: before?.metadata.name ? { name: before.metadata.name } : {},
    });
    expect(Date.parse(same?.lastTimestamp ?? "")).toBeGreaterThanOrEqual(
      Date.parse(before?.firstTimestamp ?? ""),
    );
    expect(after.find((e) => e.message === "another message")?.count).toBe(1);
  });

  it("prune deletes Events older than the TTL, and keeps at most maxEvents", async () => {
    const rec = t.sim.cluster.controller.events;
    const store = t.sim.cluster.store;
    expect(store.count(EVENTS_RKEY)).toBeGreaterThan(0);
    // Two hours from now every Event is past the 1 h TTL.
    rec.prune(Date.now() + 2 * 3_600_000);
    expect(store.count(EVENTS_RKEY)).toBe(0);
  });

  it("at maxEvents, drops the oldest down to 90 % at once, not one per new Event", async () => {
    const { store, objects, registry } = t.sim.cluster;
    t.sim.cluster.controller.events.prune(Date.now() + 2 * 3_600_000);
    const rec = new EventRecorder(store, objects, registry, { maxEvents: 20 });
    const about = { apiVersion: "v1", kind: "Pod", name: "p", namespace: "default" };
    const record = (i: number) =>
      rec.eventFor(about, "Normal", "Test", `message ${i}`, { component: "test" });
    const messages = () =>
      store
        .list(EVENTS_RKEY)
        .map((e) => String(e.message))
        .sort();
    for (let i = 0; i < 20; i++) record(i);
    expect(store.count(EVENTS_RKEY)).toBe(20);
    record(20); // at the cap: the 2 oldest go, then this one is added
    expect(store.count(EVENTS_RKEY)).toBe(19);
    expect(messages()).not.toContain("message 0");
    expect(messages()).not.toContain("message 1");
    record(21); // below the cap again: nothing is pruned
    expect(store.count(EVENTS_RKEY)).toBe(20);
    expect(messages()).toContain("message 2");
  });
});
