import "server-only";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CloneSourceKind, CloneStatus } from "@/lib/domain/clone";
import { MigrationPhase } from "@/lib/domain/migration";
import type { KubeVirtProvider } from "@/lib/domain/provider";
import { RestoreStatus, SnapshotStatus } from "@/lib/domain/snapshot";
import { type VM, type VMSpec, VMStatus } from "@/lib/domain/vm";
import { VMIPhase } from "@/lib/domain/vmi";
import { isAppError } from "@/lib/errors/app-error";
import type { ErrorCode } from "@/lib/errors/codes";

/**
 * One behavioural suite for every KubeVirtProvider: MockProvider (mock-provider.test.ts) and KubeVirtProvider
 * over HTTP on kubesim (kubevirt-provider.int.test.ts) run it unchanged, which is the proof that the mock
 * behaves like the real thing. Writes are asynchronous on a cluster, so assertions on a state reached after a
 * write go through `pollUntil`, which reads through the provider until the state holds.
 */

/** Objects the suite expects in the cluster before it starts; each target creates them its own way. */
export const CONFORMANCE_FIXTURES = {
  instanceType: { name: "conf-small", cpu: 1, memoryMb: 1024 },
  clusterInstanceType: { name: "conf-cluster-medium", cpu: 2, memoryMb: 4096 },
  preference: { name: "conf-pref" },
  clusterPreference: { name: "conf-cluster-pref" },
} as const;

export interface ConformanceTarget {
  provider: KubeVirtProvider;
  cluster: string;
  /** An existing namespace with no VMs in it; the suite creates everything it reads. */
  namespace: string;
  /** A cluster id the provider does not know. */
  unknownCluster: string;
  /** Creates CONFORMANCE_FIXTURES (namespaced ones in `namespace`). */
  installFixtures(): Promise<void>;
  stop(): Promise<void>;
}

export interface PollOptions {
  timeoutMs?: number;
  intervalMs?: number;
}

/** Reads until `done` holds and returns that value; fails with the last value seen after the timeout. */
export async function pollUntil<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  opts: PollOptions = {},
): Promise<T> {
  const deadline = Date.now() + (opts.timeoutMs ?? 10_000);
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) {
      throw new Error(`state not reached in time; last value: ${JSON.stringify(value)}`);
    }
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 20));
  }
}

/** Reads until the read fails with AppError `code` (e.g. an object being deleted disappears). */
export async function pollUntilError(read: () => Promise<unknown>, code: ErrorCode, opts: PollOptions = {}) {
  const outcome = await pollUntil(
    () =>
      read().then(
        () => undefined,
        (e: unknown) => e,
      ),
    (e) => e !== undefined,
    opts,
  );
  expect(isAppError(outcome, code), `expected ${code}, got ${String(outcome)}`).toBe(true);
  return outcome;
}

/** The AppError a call rejects with, checked for its code (and optionally params). */
export async function expectAppError(
  call: Promise<unknown>,
  code: ErrorCode,
  params?: Record<string, unknown>,
): Promise<void> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, `expected ${code}`).toBeDefined();
  if (!isAppError(error)) throw new Error(`expected AppError ${code}, got ${String(error)}`);
  expect(error.code).toBe(code);
  if (params) expect(error.params).toMatchObject(params);
}

export function runProviderConformance(label: string, setup: () => Promise<ConformanceTarget>): void {
  describe(`provider conformance: ${label}`, () => {
    let t: ConformanceTarget;
    let p: KubeVirtProvider;
    let cluster: string;
    let ns: string;
    let seq = 0;
    const run = `r${Date.now().toString(36).slice(-5)}`;
    const nextName = (what: string) => `conf-${what}-${++seq}`;
    const specFor = (name: string, over: Partial<VMSpec> = {}): VMSpec => ({
      name,
      cpu: 1,
      memoryMb: 1024,
      image: "quay.io/containerdisks/fedora:41",
      labels: {
        "kubevirt-shepherd.io/system": "shop",
        "kubevirt-shepherd.io/service": "redis",
        "kubevirt-shepherd.io/instance": String(seq).padStart(2, "0"),
        "kubevirt-shepherd.io/ticket-id": "TKT-1",
        "kubevirt-shepherd.io/created-by": "alice",
        "conformance-run": run,
      },
      ...over,
    });
    const vmState = (name: string) => () => p.getVM(cluster, ns, name);
    const settledAs = (name: string, status: VMStatus) =>
      pollUntil(vmState(name), (vm) => vm.status === status);
    /** A VM created and settled RUNNING. */
    const runningVM = async (what: string, over: Partial<VMSpec> = {}): Promise<VM> => {
      const name = nextName(what);
      await p.createVM(cluster, ns, specFor(name, over));
      return settledAs(name, VMStatus.RUNNING);
    };
    const stoppedVM = async (what: string): Promise<VM> => {
      const vm = await runningVM(what);
      await p.stopVM(cluster, ns, vm.name);
      return settledAs(vm.name, VMStatus.STOPPED);
    };

    beforeAll(async () => {
      t = await setup();
      p = t.provider;
      cluster = t.cluster;
      ns = t.namespace;
      await t.installFixtures();
    });
    afterAll(async () => {
      await t?.stop();
    });

    describe("identity", () => {
      it("names itself and reports the kubevirt kind", () => {
        expect(p.name()).not.toBe("");
        expect(p.type()).toBe("kubevirt");
      });
    });

    describe("VMs", () => {
      it("creates a VM from a spec with the canonical labels, and it comes up RUNNING", async () => {
        const name = nextName("create");
        const created = await p.createVM(cluster, ns, specFor(name, { cpu: 2, memoryMb: 2048, diskGb: 10 }));
        expect(created).toMatchObject({ id: "", name, namespace: ns, cluster, cpu: 2, memoryMb: 2048 });
        expect(created.runStrategy).toBe("Always");
        expect(created.labels).toMatchObject({
          "kubevirt-shepherd.io/managed-by": "kubevirt-shepherd",
          "kubevirt-shepherd.io/hostname": name,
          "kubevirt-shepherd.io/system": "shop",
          "kubevirt-shepherd.io/service": "redis",
        });
        expect(created.annotations?.["kubevirt-shepherd.io/fqdn"]).toBe(`${name}.${ns}.svc.cluster.local`);
        expect(created.governance).toMatchObject({ managed: true, system: "shop", service: "redis" });
        const vm = await settledAs(name, VMStatus.RUNNING);
        expect(vm).toMatchObject({
          name,
          cpu: 2,
          memoryMb: 2048,
          diskGb: 10,
          image: "quay.io/containerdisks/fedora:41",
          instance: created.instance,
        });
        expect(vm.nodeName).toBeTruthy();
        expect(vm.ip).toBeTruthy();
      });

      it("keeps a pvc: image as the root disk", async () => {
        const name = nextName("pvc");
        const created = await p.createVM(cluster, ns, specFor(name, { image: "pvc:golden-root" }));
        expect(created.image).toBe("pvc:golden-root");
      });

      it("refuses an unknown VM with VM_NOT_FOUND and an unknown cluster with CLUSTER_NOT_FOUND", async () => {
        await expectAppError(p.getVM(cluster, ns, "conf-missing"), "VM_NOT_FOUND", {
          name: "conf-missing",
          namespace: ns,
          cluster,
        });
        await expectAppError(p.getVM(t.unknownCluster, ns, "x"), "CLUSTER_NOT_FOUND", {
          cluster: t.unknownCluster,
        });
      });

      it("lists VMs by label and field selector, page by page", async () => {
        const group = `g${++seq}`;
        const names = [nextName("list"), nextName("list"), nextName("list")];
        for (const name of names) {
          const spec = specFor(name);
          await p.createVM(cluster, ns, { ...spec, labels: { ...spec.labels, "conformance-group": group } });
        }
        const selector = `conformance-group=${group}`;
        const all = await p.listVMs(cluster, ns, { labelSelector: selector });
        expect(all.items.map((v) => v.name).sort()).toEqual([...names].sort());
        expect(all.total).toBe(3);
        expect(all.continue).toBeUndefined();

        const first = await p.listVMs(cluster, ns, { labelSelector: selector, limit: 2 });
        expect(first.items).toHaveLength(2);
        // A filtered page carries no remainingItemCount, so its total is the page's own count.
        expect(first.total).toBe(2);
        expect(first.continue).toBeTruthy();
        const second = await p.listVMs(cluster, ns, {
          labelSelector: selector,
          limit: 2,
          continue: first.continue,
        });
        expect(second.items).toHaveLength(1);
        expect(second.continue).toBeUndefined();
        expect([...first.items, ...second.items].map((v) => v.name).sort()).toEqual([...names].sort());

        const byName = await p.listVMs(cluster, ns, { fieldSelector: `metadata.name=${names[1]}` });
        expect(byName.items.map((v) => v.name)).toEqual([names[1]]);
        const everywhere = await p.listVMs(cluster, "", { labelSelector: selector });
        expect(everywhere.items).toHaveLength(3);
      });

      it("reports the namespace total on the first page of an unfiltered list", async () => {
        const full = await p.listVMs(cluster, ns);
        expect(full.items.length).toBeGreaterThan(1);
        const page = await p.listVMs(cluster, ns, { limit: 1 });
        expect(page.items).toHaveLength(1);
        expect(page.total).toBe(full.items.length);
        expect(page.continue).toBeTruthy();
      });

      it("joins the running instance into listed VMs", async () => {
        const vm = await runningVM("join");
        const list = await p.listVMs(cluster, ns, { fieldSelector: `metadata.name=${vm.name}` });
        expect(list.items[0]).toMatchObject({
          name: vm.name,
          status: VMStatus.RUNNING,
          nodeName: vm.nodeName,
        });
        expect(list.items[0]?.ip).toBeTruthy();
      });

      it("updates a VM's size and labels and keeps a stopped VM stopped", async () => {
        const vm = await stoppedVM("update");
        const spec = specFor(vm.name, { cpu: 4, memoryMb: 4096 });
        const updated = await p.updateVM(cluster, ns, vm.name, {
          ...spec,
          labels: { ...spec.labels, "conformance-updated": "yes" },
        });
        expect(updated).toMatchObject({ name: vm.name, cpu: 4, memoryMb: 4096, runStrategy: "Halted" });
        expect(updated.labels?.["conformance-updated"]).toBe("yes");
        const after = await settledAs(vm.name, VMStatus.STOPPED);
        expect(after).toMatchObject({ cpu: 4, memoryMb: 4096, runStrategy: "Halted" });
        await expectAppError(
          p.updateVM(cluster, ns, "conf-missing", specFor("conf-missing")),
          "VM_NOT_FOUND",
        );
      });

      it("deletes a VM, which then disappears", async () => {
        const vm = await runningVM("delete");
        await p.deleteVM(cluster, ns, vm.name);
        await pollUntilError(vmState(vm.name), "VM_NOT_FOUND");
        await expectAppError(p.deleteVM(cluster, ns, vm.name), "VM_NOT_FOUND");
      });
    });

    describe("power", () => {
      it("stops, starts and restarts, refusing actions the state does not allow", async () => {
        const vm = await runningVM("power");
        await expectAppError(p.startVM(cluster, ns, vm.name), "VM_WRONG_STATE", { action: "start" });
        await p.stopVM(cluster, ns, vm.name);
        const stopped = await settledAs(vm.name, VMStatus.STOPPED);
        expect(stopped.runStrategy).toBe("Halted");
        expect(stopped.ip).toBeUndefined();
        await expectAppError(p.stopVM(cluster, ns, vm.name), "VM_WRONG_STATE", { action: "stop" });
        await expectAppError(p.restartVM(cluster, ns, vm.name), "VM_WRONG_STATE", { action: "restart" });
        await p.startVM(cluster, ns, vm.name);
        const started = await settledAs(vm.name, VMStatus.RUNNING);
        expect(started.runStrategy).toBe("Always");
        await p.restartVM(cluster, ns, vm.name);
        await settledAs(vm.name, VMStatus.RUNNING);
        await p.stopVM(cluster, ns, vm.name, { force: true });
        await settledAs(vm.name, VMStatus.STOPPED);
      });

      it("carries KubeVirt's refusal in the wrong-state error", async () => {
        const vm = await runningVM("refusal");
        const error = await p.startVM(cluster, ns, vm.name).catch((e: unknown) => e);
        expect(isAppError(error, "VM_WRONG_STATE") && error.params.k8s_message).toMatch(/already running/);
      });

      it("pauses and unpauses the running instance", async () => {
        const vm = await runningVM("pause");
        await expectAppError(p.unpauseVM(cluster, ns, vm.name), "VM_WRONG_STATE", { action: "unpause" });
        await p.pauseVM(cluster, ns, vm.name);
        await settledAs(vm.name, VMStatus.PAUSED);
        const vmi = await p.getVMI(cluster, ns, vm.name);
        expect(vmi.conditions).toContainEqual(expect.objectContaining({ type: "Paused", status: "True" }));
        await expectAppError(p.pauseVM(cluster, ns, vm.name), "VM_WRONG_STATE", { action: "pause" });
        await p.unpauseVM(cluster, ns, vm.name);
        await settledAs(vm.name, VMStatus.RUNNING);
      });

      it("refuses to pause a stopped VM (wrong state) and an unknown one (not found)", async () => {
        const vm = await stoppedVM("pausestopped");
        await expectAppError(p.pauseVM(cluster, ns, vm.name), "VM_WRONG_STATE", { action: "pause" });
        await expectAppError(p.unpauseVM(cluster, ns, vm.name), "VM_WRONG_STATE", { action: "unpause" });
        await expectAppError(p.pauseVM(cluster, ns, "conf-missing"), "VM_NOT_FOUND");
      });

      it.each([
        ["startVM", (name: string) => p.startVM(cluster, ns, name)],
        ["stopVM", (name: string) => p.stopVM(cluster, ns, name)],
        ["restartVM", (name: string) => p.restartVM(cluster, ns, name)],
        ["unpauseVM", (name: string) => p.unpauseVM(cluster, ns, name)],
      ])("%s on an unknown VM is VM_NOT_FOUND", async (_method, call) => {
        await expectAppError(call("conf-missing"), "VM_NOT_FOUND", { name: "conf-missing" });
      });
    });

    describe("instances", () => {
      it("reads the running instance, and none for a stopped VM", async () => {
        const vm = await runningVM("vmi");
        const vmi = await p.getVMI(cluster, ns, vm.name);
        expect(vmi).toMatchObject({ name: vm.name, namespace: ns, cluster, phase: VMIPhase.RUNNING });
        expect(vmi.nodeName).toBe(vm.nodeName);
        expect(vmi.ips).toContain(vm.ip);
        const listed = await p.listVMIs(cluster, ns);
        expect(listed.map((i) => i.name)).toContain(vm.name);
        await p.stopVM(cluster, ns, vm.name);
        await settledAs(vm.name, VMStatus.STOPPED);
        await expectAppError(p.getVMI(cluster, ns, vm.name), "K8S_NOT_FOUND", {
          kind: "VirtualMachineInstance",
          name: vm.name,
        });
      });
    });

    describe("validateSpec", () => {
      it("accepts a valid spec without creating anything", async () => {
        const name = nextName("valid");
        expect(await p.validateSpec(cluster, ns, specFor(name))).toMatchObject({ valid: true });
        await expectAppError(p.getVM(cluster, ns, name), "VM_NOT_FOUND");
      });

      it.each<[string, Partial<VMSpec>, RegExp]>([
        ["zero CPUs", { cpu: 0 }, /cpu/],
        [
          "an override outside spec",
          { specOverrides: { "metadata.labels.x": "y" } },
          /only spec\.\* is allowed/,
        ],
        ["the deprecated running field", { specOverrides: { "spec.running": true } }, /spec\.running/],
        [
          "an unknown run strategy",
          { specOverrides: { "spec.runStrategy": "Sometimes" } },
          /Invalid RunStrategy/,
        ],
      ])("returns the refusal of %s as a result", async (_case, over, message) => {
        const name = nextName("invalid");
        const result = await p.validateSpec(cluster, ns, specFor(name, over));
        expect(result.valid).toBe(false);
        expect(result.errors?.join("\n")).toMatch(message);
        await expectAppError(p.getVM(cluster, ns, name), "VM_NOT_FOUND");
      });
    });

    describe("snapshots and restores", () => {
      it("snapshots a VM, lists and deletes the snapshot", async () => {
        const vm = await runningVM("snap");
        const snapName = nextName("snapshot");
        const created = await p.createSnapshot(cluster, ns, vm.name, snapName);
        expect(created).toMatchObject({ name: snapName, namespace: ns, cluster, sourceVm: vm.name });
        const ready = await pollUntil(
          () => p.getSnapshot(cluster, ns, snapName),
          (s) => s.status === SnapshotStatus.SUCCEEDED,
        );
        expect(ready.readyToUse).toBe(true);
        await expectAppError(p.createSnapshot(cluster, ns, vm.name, snapName), "K8S_CONFLICT");
        const listed = await p.listSnapshots(cluster, ns, vm.name);
        expect(listed.map((s) => s.name)).toEqual([snapName]);
        expect(await p.listSnapshots(cluster, ns, "conf-other-vm")).toEqual([]);
        await p.deleteSnapshot(cluster, ns, snapName);
        await pollUntilError(() => p.getSnapshot(cluster, ns, snapName), "K8S_NOT_FOUND");
      });

      it("refuses snapshots of unknown VMs and unknown snapshots", async () => {
        await expectAppError(
          p.createSnapshot(cluster, ns, "conf-missing", nextName("snapshot")),
          "VM_NOT_FOUND",
          {
            name: "conf-missing",
          },
        );
        await expectAppError(p.getSnapshot(cluster, ns, "conf-missing"), "K8S_NOT_FOUND", {
          kind: "VirtualMachineSnapshot",
          name: "conf-missing",
          namespace: ns,
        });
        await expectAppError(p.deleteSnapshot(cluster, ns, "conf-missing"), "K8S_NOT_FOUND");
        await expectAppError(
          p.restoreFromSnapshot(cluster, ns, "conf-missing", "conf-target"),
          "K8S_NOT_FOUND",
        );
        await expectAppError(p.getRestore(cluster, ns, "conf-missing"), "K8S_NOT_FOUND", {
          kind: "VirtualMachineRestore",
        });
      });

      it("restores a snapshot into a new, stopped VM", async () => {
        const vm = await runningVM("restoresrc", { cpu: 2 });
        const snapName = nextName("snapshot");
        await p.createSnapshot(cluster, ns, vm.name, snapName);
        await pollUntil(
          () => p.getSnapshot(cluster, ns, snapName),
          (s) => s.readyToUse,
        );
        const target = nextName("restored");
        const restore = await p.restoreFromSnapshot(cluster, ns, snapName, target);
        expect(restore).toMatchObject({ namespace: ns, cluster, targetVm: target, snapshotName: snapName });
        const done = await pollUntil(
          () => p.getRestore(cluster, ns, restore.name),
          (r) => r.complete,
        );
        expect(done.status).toBe(RestoreStatus.SUCCEEDED);
        const restored = await settledAs(target, VMStatus.STOPPED);
        expect(restored).toMatchObject({ cpu: 2, runStrategy: "Halted" });
        expect((await p.listRestores(cluster, ns)).map((r) => r.name)).toContain(restore.name);
      });

      it("a restore with a given name is created once: the same name again is K8S_CONFLICT", async () => {
        const vm = await runningVM("restorenamed");
        const snapName = nextName("snapshot");
        await p.createSnapshot(cluster, ns, vm.name, snapName);
        await pollUntil(
          () => p.getSnapshot(cluster, ns, snapName),
          (s) => s.readyToUse,
        );
        const target = nextName("restnamed");
        const name = nextName("fixed-restore");
        const restore = await p.restoreFromSnapshot(cluster, ns, snapName, target, { name });
        expect(restore).toMatchObject({ name, targetVm: target, snapshotName: snapName });
        await expectAppError(p.restoreFromSnapshot(cluster, ns, snapName, target, { name }), "K8S_CONFLICT");
        expect((await p.listRestores(cluster, ns)).filter((r) => r.name === name)).toHaveLength(1);
      });
    });

    describe("clones", () => {
      it("clones a VM into a new, stopped VM", async () => {
        const vm = await runningVM("clonesrc", { memoryMb: 2048 });
        const target = nextName("clone");
        const clone = await p.cloneVM(cluster, ns, vm.name, target);
        expect(clone).toMatchObject({
          namespace: ns,
          cluster,
          source: { kind: CloneSourceKind.VM, name: vm.name },
          targetVm: target,
        });
        const done = await pollUntil(
          () => p.getClone(cluster, ns, clone.name),
          (c) => c.status === CloneStatus.SUCCEEDED,
        );
        expect(done.targetVm).toBe(target);
        expect(await settledAs(target, VMStatus.STOPPED)).toMatchObject({ memoryMb: 2048 });
        expect((await p.listClones(cluster, ns)).map((c) => c.name)).toContain(clone.name);
        await expectAppError(p.cloneVM(cluster, ns, vm.name, target), "K8S_CONFLICT");
      });

      it("clones a snapshot into a new VM", async () => {
        const vm = await runningVM("clonesnap");
        const snapName = nextName("snapshot");
        await p.createSnapshot(cluster, ns, vm.name, snapName);
        await pollUntil(
          () => p.getSnapshot(cluster, ns, snapName),
          (s) => s.readyToUse,
        );
        const target = nextName("fromsnap");
        const clone = await p.cloneFromSnapshot(cluster, ns, snapName, target);
        expect(clone.source).toEqual({ kind: CloneSourceKind.SNAPSHOT, name: snapName });
        await pollUntil(
          () => p.getClone(cluster, ns, clone.name),
          (c) => c.status === CloneStatus.SUCCEEDED,
        );
        await settledAs(target, VMStatus.STOPPED);
      });

      it("sets the given labels on the new VM over those copied from the source", async () => {
        const vm = await runningVM("clonelabels");
        const target = nextName("labelled");
        const clone = await p.cloneVM(cluster, ns, vm.name, target, {
          labels: { "kubevirt-shepherd.io/instance": "07", "kubevirt-shepherd.io/hostname": target },
        });
        await pollUntil(
          () => p.getClone(cluster, ns, clone.name),
          (c) => c.status === CloneStatus.SUCCEEDED,
        );
        const created = await settledAs(target, VMStatus.STOPPED);
        expect(created.labels).toMatchObject({
          "kubevirt-shepherd.io/instance": "07",
          "kubevirt-shepherd.io/hostname": target,
        });
        expect((await p.getVM(cluster, ns, vm.name)).labels?.["kubevirt-shepherd.io/hostname"]).not.toBe(
          target,
        );
      });

      it("refuses unknown sources and clones", async () => {
        await expectAppError(p.cloneVM(cluster, ns, "conf-missing", nextName("clone")), "VM_NOT_FOUND");
        await expectAppError(
          p.cloneFromSnapshot(cluster, ns, "conf-missing", nextName("clone")),
          "K8S_NOT_FOUND",
          { kind: "VirtualMachineSnapshot" },
        );
        await expectAppError(p.getClone(cluster, ns, "conf-missing"), "K8S_NOT_FOUND", {
          kind: "VirtualMachineClone",
        });
      });
    });

    describe("migrations", () => {
      it("live-migrates a running VM to another node", async () => {
        const vm = await runningVM("migrate");
        const migration = await p.migrateVM(cluster, ns, vm.name);
        expect(migration).toMatchObject({ namespace: ns, cluster, vmName: vm.name });
        expect(migration.name).toMatch(/^kubevirt-migrate-vm-/);
        const done = await pollUntil(
          () => p.getMigration(cluster, ns, migration.name),
          (m) => m.status === MigrationPhase.SUCCEEDED,
        );
        const moved = await pollUntil(
          vmState(vm.name),
          (v) => v.status === VMStatus.RUNNING && v.nodeName !== vm.nodeName,
        );
        // The nodes on the migration are optional (only once KubeVirt reports status.migrationState).
        if (done.sourceNode !== undefined) expect(done.sourceNode).toBe(vm.nodeName);
        if (done.targetNode !== undefined) expect(done.targetNode).toBe(moved.nodeName);
        expect((await p.listMigrations(cluster, ns)).map((m) => m.name)).toContain(migration.name);
        await p.cancelMigration(cluster, ns, migration.name);
        await pollUntilError(() => p.getMigration(cluster, ns, migration.name), "K8S_NOT_FOUND");
      });

      it("refuses to migrate a stopped or unknown VM", async () => {
        const vm = await stoppedVM("migratestopped");
        await expectAppError(p.migrateVM(cluster, ns, vm.name), "VM_WRONG_STATE", { action: "migrate" });
        await expectAppError(p.migrateVM(cluster, ns, "conf-missing"), "VM_NOT_FOUND");
        await expectAppError(p.getMigration(cluster, ns, "conf-missing"), "K8S_NOT_FOUND", {
          kind: "VirtualMachineInstanceMigration",
        });
        await expectAppError(p.cancelMigration(cluster, ns, "conf-missing"), "K8S_NOT_FOUND");
      });
    });

    describe("instance types and preferences", () => {
      const f = CONFORMANCE_FIXTURES;
      it("lists namespaced and cluster-wide instance types", async () => {
        expect(await p.listInstanceTypes(cluster, ns)).toContainEqual(
          expect.objectContaining({ ...f.instanceType, namespace: ns }),
        );
        const clusterWide = await p.listClusterInstanceTypes(cluster);
        const medium = clusterWide.find((i) => i.name === f.clusterInstanceType.name);
        expect(medium).toMatchObject(f.clusterInstanceType);
        expect(medium?.namespace).toBeUndefined();
      });

      it("lists namespaced and cluster-wide preferences", async () => {
        expect(await p.listPreferences(cluster, ns)).toContainEqual(
          expect.objectContaining({ ...f.preference, namespace: ns }),
        );
        const clusterWide = await p.listClusterPreferences(cluster);
        expect(clusterWide.map((x) => x.name)).toContain(f.clusterPreference.name);
      });
    });

    describe("namespaces", () => {
      const labels = { "shepherd.io/managed-by": "shepherd", "shepherd.io/environment": "test" };
      it("creates a namespace once; the same name again, or an existing one, is a success without a create", async () => {
        const name = `conf-ns-${run}`;
        expect(await p.createNamespace(cluster, name, labels)).toEqual({ name, created: true });
        expect(await p.createNamespace(cluster, name, labels)).toEqual({ name, created: false });
        expect(await p.createNamespace(cluster, ns, labels)).toEqual({ name: ns, created: false });
      });

      it("refuses a name the API server rejects, and an unknown cluster", async () => {
        await expectAppError(p.createNamespace(cluster, "Not_A_Label", labels), "NAMESPACE_CREATION_FAILED", {
          namespace: "Not_A_Label",
          cluster,
        });
        await expectAppError(p.createNamespace(t.unknownCluster, "conf-ns-x", labels), "CLUSTER_NOT_FOUND");
      });
    });

    describe("console and cancellation", () => {
      it("reports the console as not supported", async () => {
        await expectAppError(p.getVNCConnection(cluster, ns, "any"), "PROVIDER_NOT_SUPPORTED", {
          capability: "console.vnc",
          cluster,
        });
        await expectAppError(p.getSerialConsole(cluster, ns, "any"), "PROVIDER_NOT_SUPPORTED", {
          capability: "console.serial",
          cluster,
        });
      });

      it("rejects with the caller's abort reason", async () => {
        const controller = new AbortController();
        const reason = new Error("caller gave up");
        controller.abort(reason);
        await expect(p.getVM(cluster, ns, "any", { signal: controller.signal })).rejects.toBe(reason);
        await expect(p.listVMs(cluster, ns, { signal: controller.signal })).rejects.toBe(reason);
        await expect(p.startVM(cluster, ns, "any", { signal: controller.signal })).rejects.toBe(reason);
      });
    });
  });
}
