// Deletion propagation: the apiserver's finalizers (foregroundDeletion, orphan) and the garbage collector
// that follows ownerReferences (garbage-collector.ts).
import * as k8s from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import {
  raw,
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
import type { KObject } from "./types.ts";

const t = startTestSimForFile();

const ns = "test";
// A namespaced kind no KubeVirt controller touches: what happens to it is the garbage collector alone.
const NAD = { group: "k8s.cni.cncf.io", version: "v1", plural: "network-attachment-definitions" } as const;
const nadPath = `/apis/k8s.cni.cncf.io/v1/namespaces/${ns}/network-attachment-definitions`;
const merge = k8s.setHeaderOptions("Content-Type", k8s.PatchStrategy.MergePatch);

const ref = (owner: KObject, block = true) => ({
  apiVersion: "k8s.cni.cncf.io/v1",
  kind: "NetworkAttachmentDefinition",
  name: owner.metadata.name ?? "",
  uid: owner.metadata.uid ?? "",
  blockOwnerDeletion: block,
});
const nad = (name: string, meta: Record<string, unknown> = {}) =>
  t.co.createNamespacedCustomObject({
    ...NAD,
    namespace: ns,
    body: {
      apiVersion: "k8s.cni.cncf.io/v1",
      kind: "NetworkAttachmentDefinition",
      metadata: { name, ...meta },
      spec: { config: "{}" },
    },
  }) as Promise<KObject>;
const getNad = (name: string) =>
  t.co.getNamespacedCustomObject({ ...NAD, namespace: ns, name }) as Promise<KObject>;
const del = (name: string, propagationPolicy?: string) =>
  t.co.deleteNamespacedCustomObject({ ...NAD, namespace: ns, name, propagationPolicy }) as Promise<KObject>;

/** Records the DELETED events of a path from now on, in order. */
async function deletions(path: string) {
  const names: string[] = [];
  const rv = (await t.sim.client.state()).resourceVersion;
  const ac = await new k8s.Watch(t.kc).watch(
    path,
    { resourceVersion: rv },
    (type, obj: KObject) => {
      if (type === "DELETED") names.push(obj.metadata.name ?? "");
    },
    () => undefined,
  );
  return { names, stop: () => ac.abort() };
}

describe("Foreground", () => {
  it("a running VM is deleted after its VMI (blockOwnerDeletion), and then goes away", async () => {
    await t.co.createNamespacedCustomObject({
      ...VM,
      namespace: ns,
      body: vmManifest("fg-vm", { runStrategy: "Always" }),
    });
    await waitVmStatus(t, ns, "fg-vm", "Running");
    const vmis = await deletions(vmiPath(ns));
    const vms = await deletions(vmPath(ns));
    const vmGone = waitGone(t, vmPath(ns), "fg-vm");
    const pending = (await t.co.deleteNamespacedCustomObject({
      ...VM,
      namespace: ns,
      name: "fg-vm",
      propagationPolicy: "Foreground",
    })) as KObject;
    expect(pending.metadata.deletionTimestamp).toBeDefined();
    expect(pending.metadata.finalizers).toContain("foregroundDeletion");
    await vmGone;
    await expect.poll(() => vmis.names.includes("fg-vm"), { timeout: 2000, interval: 5 }).toBe(true);
    vmis.stop();
    vms.stop();
    expect(vms.names).toEqual(["fg-vm"]);
    await expect(
      t.co.getNamespacedCustomObject({ ...VMI, namespace: ns, name: "fg-vm" }),
    ).rejects.toMatchObject({ code: 404 });
  });

  it("an object without dependents goes away at once (the finalizer does not stay forever)", async () => {
    await nad("fg-lone");
    const gone = waitGone(t, nadPath, "fg-lone");
    // DeleteOptions in the body, as kubectl sends them (client-node puts them in the query).
    const res = await raw(t.sim, "DELETE", `${nadPath}/fg-lone`, { propagationPolicy: "Foreground" });
    expect(res.status).toBe(200);
    expect((res.json as KObject).metadata.finalizers).toEqual(["foregroundDeletion"]);
    await gone;
  });

  it("the owner waits for a blocking dependent that has its own finalizer; non-blocking ones do not hold it", async () => {
    const owner = await nad("fg-owner");
    await nad("fg-held", { ownerReferences: [ref(owner)], finalizers: ["example.com/hold"] });
    await nad("fg-loose", { ownerReferences: [ref(owner, false)] });
    const looseGone = waitGone(t, nadPath, "fg-loose");
    await del("fg-owner", "Foreground");
    await looseGone;
    // The blocking dependent is being deleted but still exists: the owner is still there.
    expect((await getNad("fg-held")).metadata.deletionTimestamp).toBeDefined();
    const o = await getNad("fg-owner");
    expect(o.metadata.finalizers).toEqual(["foregroundDeletion"]);
    const ownerGone = waitGone(t, nadPath, "fg-owner");
    await t.co.patchNamespacedCustomObject(
      { ...NAD, namespace: ns, name: "fg-held", body: { metadata: { finalizers: null } } },
      merge,
    );
    await ownerGone;
    await expect(getNad("fg-held")).rejects.toMatchObject({ code: 404 });
  });
});

describe("Background", () => {
  it("dependents go after their owner; one that has another live owner only loses the reference", async () => {
    const owner = await nad("bg-owner");
    const other = await nad("bg-other");
    await nad("bg-dep", { ownerReferences: [ref(owner)] });
    await nad("bg-shared", { ownerReferences: [ref(owner), ref(other)] });
    const depGone = waitGone(t, nadPath, "bg-dep");
    await del("bg-owner", "Background");
    await depGone;
    await expect(getNad("bg-owner")).rejects.toMatchObject({ code: 404 });
    await expect
      .poll(async () => (await getNad("bg-shared")).metadata.ownerReferences, { timeout: 2000, interval: 5 })
      .toEqual([ref(other)]);
  });

  it("no propagationPolicy means Background for these kinds", async () => {
    const owner = await nad("bg-default");
    await nad("bg-default-dep", { ownerReferences: [ref(owner)] });
    const gone = waitGone(t, nadPath, "bg-default-dep");
    await del("bg-default");
    await gone;
  });
});

describe("Orphan", () => {
  it("dependents stay, without the reference to the deleted owner", async () => {
    const owner = await nad("or-owner");
    await nad("or-dep", { ownerReferences: [ref(owner)] });
    const gone = waitGone(t, nadPath, "or-owner");
    const pending = await del("or-owner", "Orphan");
    expect(pending.metadata.finalizers).toContain("orphan");
    await gone;
    const dep = await getNad("or-dep");
    expect(dep.metadata.ownerReferences).toBeUndefined();
    expect(dep.metadata.deletionTimestamp).toBeUndefined();
  });

  it("orphanDependents=true (deprecated) is Orphan", async () => {
    const owner = await nad("or-legacy");
    await nad("or-legacy-dep", { ownerReferences: [ref(owner)] });
    const gone = waitGone(t, nadPath, "or-legacy");
    await t.co.deleteNamespacedCustomObject({
      ...NAD,
      namespace: ns,
      name: "or-legacy",
      orphanDependents: true,
    });
    await gone;
    expect((await getNad("or-legacy-dep")).metadata.ownerReferences).toBeUndefined();
  });

  it("a running VM deleted with Orphan goes away and leaves its VMI running, unowned", async () => {
    await t.co.createNamespacedCustomObject({
      ...VM,
      namespace: ns,
      body: vmManifest("or-vm", { runStrategy: "Always" }),
    });
    await waitVmStatus(t, ns, "or-vm", "Running");
    const gone = waitGone(t, vmPath(ns), "or-vm");
    await t.co.deleteNamespacedCustomObject({
      ...VM,
      namespace: ns,
      name: "or-vm",
      propagationPolicy: "Orphan",
    });
    await gone;
    const vmi = (await t.co.getNamespacedCustomObject({ ...VMI, namespace: ns, name: "or-vm" })) as KObject;
    expect(status(vmi).phase).toBe("Running");
    expect(vmi.metadata.deletionTimestamp).toBeUndefined();
    expect(vmi.metadata.ownerReferences).toBeUndefined();
    // It stays running: the VMI is still there after the controller had time to act on it.
    await waitForEvent(t.kc, vmiPath(ns), "or-vm", (_ty, o) => status(o).phase === "Running");
    await t.co.deleteNamespacedCustomObject({ ...VMI, namespace: ns, name: "or-vm" });
  });
});

describe("DeleteOptions", () => {
  it("an unknown propagationPolicy is 422; propagationPolicy with orphanDependents is 422", async () => {
    await nad("opt-bad");
    const bad = await raw(t.sim, "DELETE", `${nadPath}/opt-bad`, { propagationPolicy: "Sideways" });
    expect(bad.status).toBe(422);
    const both = await raw(t.sim, "DELETE", `${nadPath}/opt-bad`, {
      propagationPolicy: "Orphan",
      orphanDependents: true,
    });
    expect(both.status).toBe(422);
    await getNad("opt-bad");
  });

  it("a second delete may change the policy of an object already being deleted", async () => {
    const owner = await nad("opt-owner", { finalizers: ["example.com/hold"] });
    await nad("opt-dep", { ownerReferences: [ref(owner)] });
    await del("opt-owner", "Orphan");
    expect((await getNad("opt-owner")).metadata.finalizers).toContain("example.com/hold");
    const again = await raw(t.sim, "DELETE", `${nadPath}/opt-owner`, { propagationPolicy: "Background" });
    expect(again.status).toBe(200);
    expect((await getNad("opt-owner")).metadata.finalizers).toEqual(["example.com/hold"]);
    await t.co.patchNamespacedCustomObject(
      { ...NAD, namespace: ns, name: "opt-owner", body: { metadata: { finalizers: null } } },
      merge,
    );
  });
});
