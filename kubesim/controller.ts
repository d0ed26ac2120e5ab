// Imitates virt-controller and virt-handler: reacts to store events, and moves VMs, VMIs, migrations,
// snapshots, restores and clones one step at a time (each step after `stepDelayMs`). Every reconcile is
// idempotent; a step's own write re-queues the object for the next step. All timers are owned (TimerSet).
import { randomUUID } from "node:crypto";
import {
  EventRecorder,
  type EventRecorderOptions,
  type EventSource,
  type InvolvedObject,
} from "./event-recorder.ts";
import { parseKubeVirtVersion } from "./feature-gates.ts";
import { ORPHAN_FINALIZER } from "./garbage-collector.ts";
import { RK } from "./kubevirt-info.ts";
import type { ObjectService } from "./object-service.ts";
import { randomSuffix } from "./object-service.ts";
import { jsonPatch } from "./patch.ts";
import type { ResourceRegistry } from "./resource-registry.ts";
import type { ResourceStore, StoreEvent } from "./resource-store.ts";
import type { ResourceType } from "./resource-type.ts";
import { gpuRequest, pickNode } from "./scheduler.ts";
import { TimerSet } from "./timer-set.ts";
import { asArray, asRecord, clone, getPath, isRecord, type KObject, nowIso } from "./types.ts";
import {
  condition,
  conditions,
  isFinal,
  isPaused,
  runStrategyOf,
  setCondition,
  stateChangeRequests,
  vmiPhase,
} from "./vm-util.ts";

/** Per-VM failure scenario, read from the VM (or VMI) annotations. */
export const FAILURE_ANNOTATION = "kubesim.kubevirt-shepherd.io/failure";
export type FailureScenario = "ErrImagePull" | "ErrorUnschedulable" | "CrashLoopBackOff" | "ErrorPvcNotFound";

export const VM_FINALIZER = "kubevirt.io/virtualMachineControllerFinalize";
const VMI_FINALIZERS = ["kubevirt.io/virtualMachineControllerFinalize", "foregroundDeleteVirtualMachine"];
const VMIM_FINALIZER = "kubevirt.io/migrationJobFinalize";
const SNAPSHOT_FINALIZER = "snapshot.kubevirt.io/vmsnapshot-protection";

export interface ControllerOptions {
  stepDelayMs: number;
  /** Back-off before a crash-looping VM's next start (KubeVirt: 10 s doubling to 5 min). */
  crashLoopBackoffMs?: number;
  /** The simulated KubeVirt version (read at each use: a reseed may change it). Default: the newest. */
  kubevirtVersion?: () => string;
  /** Bounds of the core/v1 Events the controller records (TTL, cap). */
  events?: EventRecorderOptions;
}

/** The two KubeVirt components whose Events kubesim imitates. */
const VIRT_CONTROLLER: EventSource = { component: "virt-controller" };
const handlerOn = (vmi: KObject | undefined): EventSource => {
  const host = getPath(vmi, ["status", "nodeName"]);
  return typeof host === "string" && host !== ""
    ? { component: "virt-handler", host }
    : { component: "virt-handler" };
};

type Kind = "vm" | "vmi" | "vmim" | "snapshot" | "restore" | "clone" | "namespace";

export class Controller {
  private readonly timers = new TimerSet();
  private readonly pending = new Map<
    string,
    { timer: NodeJS.Timeout | undefined; kind: Kind; ns: string | undefined; name: string }
  >();
  private unsubscribe: (() => void) | undefined;
  private suspended = 0;
  private ipCounter = 10;
  /** VM uids that already had a VMI (for Once / RerunOnFailure semantics). */
  private readonly startedOnce = new Set<string>();
  private readonly provisioned = new Set<string>();
  /** Snapshot contents: the VM object captured by each succeeded snapshot (by snapshot uid). */
  readonly snapshotContents = new Map<string, KObject>();
  /** virt-launcher pod names by VMI uid (Events about the pod name it). */
  private readonly launcherPods = new Map<string, string>();
  errors: string[] = [];
  /** Records the core/v1 Events virt-controller and virt-handler emit. */
  readonly events: EventRecorder;

  constructor(
    private readonly store: ResourceStore,
    private readonly objects: ObjectService,
    private readonly registry: ResourceRegistry,
    public options: ControllerOptions,
  ) {
    this.events = new EventRecorder(store, objects, registry, options.events);
  }

  start(): void {
    this.unsubscribe = this.store.onEvent((e) => this.onEvent(e));
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.timers.close();
    this.pending.clear();
  }

  /** Bulk loads (seed) are already consistent: don't queue work for their events. */
  quietly<T>(fn: () => T): T {
    this.suspended++;
    try {
      return fn();
    } finally {
      this.suspended--;
    }
  }

  /** Forget per-object memory (control-API reset). */
  forget(): void {
    this.timers.clearAll();
    this.pending.clear();
    this.startedOnce.clear();
    this.provisioned.clear();
    this.snapshotContents.clear();
    this.launcherPods.clear();
    this.events.forget();
  }

  /** Queue a VM for reconciliation (seeded VMs that must start through the controller). */
  kick(ns: string, name: string): void {
    this.enqueue("vm", ns, name);
  }

  get pendingWork(): number {
    return this.pending.size;
  }

  private onEvent(e: StoreEvent): void {
    if (this.suspended > 0) return;
    const ns = e.obj.metadata.namespace;
    const name = e.obj.metadata.name ?? "";
    if (ns && this.store.get(RK.namespace, undefined, ns)?.metadata.deletionTimestamp)
      this.enqueue("namespace", undefined, ns);
    switch (e.rkey) {
      case RK.vm:
        if (e.type !== "DELETED") this.enqueue("vm", ns, name);
        break;
      case RK.vmi:
        if (e.type === "MODIFIED") this.notePauseChange(e);
        if (e.type !== "DELETED") this.enqueue("vmi", ns, name);
        this.enqueue("vm", ns, name);
        for (const m of this.store.list(RK.vmim, ns))
          if (getPath(m, ["spec", "vmiName"]) === name) this.enqueue("vmim", ns, m.metadata.name ?? "");
        // A restore waiting for its target to stop.
        if (e.type === "DELETED") {
          for (const r of this.store.list(RK.restore, ns))
            if (getPath(r, ["spec", "target", "name"]) === name)
              this.enqueue("restore", ns, r.metadata.name ?? "");
        }
        break;
      case RK.vmim:
        if (e.type !== "DELETED") this.enqueue("vmim", ns, name);
        break;
      case RK.snapshot:
        if (e.type !== "DELETED") this.enqueue("snapshot", ns, name);
        for (const r of this.store.list(RK.restore, ns)) this.enqueue("restore", ns, r.metadata.name ?? "");
        break;
      case RK.restore:
        if (e.type !== "DELETED") this.enqueue("restore", ns, name);
        break;
      case RK.clone:
        if (e.type !== "DELETED") this.enqueue("clone", ns, name);
        break;
      case RK.node:
        // Capacity changed: VMIs waiting for a node get another chance.
        for (const vmi of this.store.list(RK.vmi))
          if (vmiPhase(vmi) === "Scheduling")
            this.enqueue("vmi", vmi.metadata.namespace, vmi.metadata.name ?? "");
        break;
      case RK.namespace:
        if (e.obj.metadata.deletionTimestamp) this.enqueue("namespace", undefined, name);
        break;
      default:
        break;
    }
  }

  /**
   * virt-handler's pause/unpause REST handlers record `Paused`/`Unpaused` on the VMI. kubesim's subresource
   * flips the condition of a Running VMI; the Event follows on the next tick (never from inside a store
   * listener, which would write ahead of the event being delivered).
   */
  private notePauseChange(e: StoreEvent): void {
    if (!e.prev || vmiPhase(e.prev) !== "Running" || vmiPhase(e.obj) !== "Running") return;
    const was = isPaused(e.prev);
    const now = isPaused(e.obj);
    if (was === now) return;
    const vmi = e.obj;
    this.timers.set(() => {
      if (now) this.events.event(vmi, "Normal", "Paused", "VirtualMachineInstance paused", handlerOn(vmi));
      else this.events.event(vmi, "Normal", "Unpaused", "VirtualMachineInstance unpaused", handlerOn(vmi));
    }, 0);
  }

  private enqueue(kind: Kind, ns: string | undefined, name: string, delay = this.options.stepDelayMs): void {
    const key = `${kind}|${ns ?? ""}|${name}`;
    if (this.pending.has(key)) return;
    const timer = this.timers.set(() => {
      this.pending.delete(key);
      this.run(kind, ns, name);
    }, delay);
    this.pending.set(key, { timer, kind, ns, name });
  }

  /** Changes the step delay and reschedules queued work with it (so "slow, then fast" takes effect now). */
  setStepDelay(ms: number): void {
    this.options.stepDelayMs = ms;
    const queued = [...this.pending.values()];
    for (const p of queued) this.timers.clear(p.timer);
    this.pending.clear();
    for (const p of queued) this.enqueue(p.kind, p.ns, p.name, ms);
  }

  private run(kind: Kind, ns: string | undefined, name: string): void {
    try {
      switch (kind) {
        case "vm":
          this.reconcileVm(ns, name);
          return;
        case "vmi":
          this.reconcileVmi(ns, name);
          return;
        case "vmim":
          this.reconcileMigration(ns, name);
          return;
        case "snapshot":
          this.reconcileSnapshot(ns, name);
          return;
        case "restore":
          this.reconcileRestore(ns, name);
          return;
        case "clone":
          this.reconcileClone(ns, name);
          return;
        case "namespace":
          this.reconcileNamespace(name);
          return;
      }
    } catch (e) {
      // A conflict or a vanished object: retry on the next event, like a real controller's requeue.
      this.errors.push(`${kind} ${ns}/${name}: ${(e as Error).message}`);
      if (this.errors.length > 100) this.errors.shift();
      this.enqueue(kind, ns, name, Math.max(this.options.stepDelayMs, 10));
    }
  }

  private t(group: string, plural: string): ResourceType {
    const t = this.registry.get(group, plural);
    if (!t) throw new Error(`${plural}.${group} is not served`);
    return t;
  }

  private write(t: ResourceType, obj: KObject): KObject {
    return this.objects.update(
      t,
      t.versions[0] ?? "v1",
      obj.metadata.namespace,
      obj.metadata.name ?? "",
      obj,
      { internal: true },
    ).obj;
  }

  private remove(t: ResourceType, obj: KObject): void {
    this.objects.delete(t, obj.metadata.namespace, obj.metadata.name ?? "", {}, { internal: true });
  }

  private dropFinalizers(t: ResourceType, obj: KObject, drop: string[]): void {
    const finalizers = (obj.metadata.finalizers ?? []).filter((f) => !drop.includes(f));
    this.write(t, { ...obj, metadata: { ...obj.metadata, finalizers } });
  }

  static failureOf(o: KObject | undefined): FailureScenario | undefined {
    const v = o?.metadata.annotations?.[FAILURE_ANNOTATION];
    return v === "ErrImagePull" ||
      v === "ErrorUnschedulable" ||
      v === "CrashLoopBackOff" ||
      v === "ErrorPvcNotFound"
      ? v
      : undefined;
  }

  // ---------------------------------------------------------------- VirtualMachine (virt-controller)

  private reconcileVm(ns: string | undefined, name: string): unknown {
    const vmT = this.t("kubevirt.io", "virtualmachines");
    const vm = this.store.get(RK.vm, ns, name);
    if (!vm) return;
    const uid = vm.metadata.uid ?? "";
    const vmi = this.store.get(RK.vmi, ns, name);
    if (vmi) this.startedOnce.add(uid);
    if (vm.metadata.deletionTimestamp) {
      // Deleted with propagationPolicy Orphan (`orphan` finalizer), or the VMI was already released: the
      // VMI is not ours to stop, as in KubeVirt (the garbage collector removes its owner reference).
      const owned = asArray(vmi?.metadata.ownerReferences).some((r) => asRecord(r).uid === uid);
      const orphaning = (vm.metadata.finalizers ?? []).includes(ORPHAN_FINALIZER);
      if (!vmi || !owned || orphaning) return this.dropFinalizers(vmT, vm, [VM_FINALIZER]);
      if (!vmi.metadata.deletionTimestamp) this.stopVmi(vm, vmi);
      return this.updateVmStatus(vm, vmi);
    }
    if (!(vm.metadata.finalizers ?? []).includes(VM_FINALIZER)) {
      this.write(vmT, {
        ...vm,
        metadata: { ...vm.metadata, finalizers: [...(vm.metadata.finalizers ?? []), VM_FINALIZER] },
      });
      return;
    }
    const { strategy } = runStrategyOf(vm);
    const reqs = stateChangeRequests(vm);
    const first = reqs[0];
    if (first?.action === "Stop") {
      if (vmi && (!first.uid || first.uid === vmi.metadata.uid)) {
        if (!vmi.metadata.deletionTimestamp) this.stopVmi(vm, vmi);
        return this.updateVmStatus(vm, vmi);
      }
      return this.popRequest(vm);
    }
    if (first?.action === "Start") {
      if (!vmi) {
        this.createVmi(vm, first.data?.startPaused === "true");
        return this.popRequest(this.store.get(RK.vm, ns, name) ?? vm);
      }
      if (isFinal(vmi) && !vmi.metadata.deletionTimestamp) this.stopVmi(vm, vmi);
      else if (!isFinal(vmi)) return this.popRequest(vm);
      return this.updateVmStatus(vm, vmi);
    }
    const status = asRecord(vm.status);
    const failure = asRecord(status.startFailure);
    const wantsRun =
      strategy === "Always" ||
      (strategy === "RerunOnFailure" && !this.startedOnce.has(uid)) ||
      (strategy === "Once" && !this.startedOnce.has(uid));
    if (strategy === "Halted" && vmi && !vmi.metadata.deletionTimestamp && !isFinal(vmi)) {
      this.stopVmi(vm, vmi);
      return this.updateVmStatus(vm, vmi);
    }
    if (vmi && isFinal(vmi) && !vmi.metadata.deletionTimestamp) {
      const failed = vmiPhase(vmi) === "Failed";
      const restart = strategy === "Always" || (strategy === "RerunOnFailure" && failed);
      if (restart) {
        // Record the failure for crash-loop back-off, then clear the dead VMI so a new one can start.
        if (failed) {
          const count =
            (typeof failure.consecutiveFailCount === "number" ? failure.consecutiveFailCount : 0) + 1;
          const backoff = this.options.crashLoopBackoffMs ?? Math.max(1000, this.options.stepDelayMs * 10);
          const retryAfter = new Date(Date.now() + backoff).toISOString();
          const next = {
            ...status,
            startFailure: {
              consecutiveFailCount: count,
              lastFailedVMIUID: vmi.metadata.uid,
              retryAfterTimestamp: retryAfter,
            },
          };
          this.objects.update(
            vmT,
            "v1",
            ns,
            name,
            { ...vm, status: next },
            { internal: true, subresource: "status" },
          );
          this.enqueue("vm", ns, name, backoff);
        }
        this.stopVmi(vm, vmi);
        return;
      }
      return this.updateVmStatus(vm, vmi);
    }
    if (!vmi && wantsRun) {
      const retryAt =
        typeof failure.retryAfterTimestamp === "string" ? Date.parse(failure.retryAfterTimestamp) : 0;
      if (retryAt > Date.now()) {
        this.enqueue("vm", ns, name, retryAt - Date.now());
        return this.updateVmStatus(vm, vmi);
      }
      const dvs = asArray(getPath(vm, ["spec", "dataVolumeTemplates"]));
      if (dvs.length > 0 && !this.provisioned.has(uid)) {
        this.provisioned.add(uid);
        this.updateVmStatus(vm, undefined, "Provisioning");
        this.enqueue("vm", ns, name);
        return;
      }
      this.createVmi(vm, false);
      return;
    }
    this.updateVmStatus(vm, vmi);
  }

  /** virt-controller's stopVMI: deletes the VMI and says so on the VM. */
  private stopVmi(vm: KObject, vmi: KObject): void {
    this.remove(this.t("kubevirt.io", "virtualmachineinstances"), vmi);
    this.events.event(
      vm,
      "Normal",
      "SuccessfulDelete",
      `Stopped the virtual machine by deleting the virtual machine instance ${vmi.metadata.uid ?? ""}`,
      VIRT_CONTROLLER,
    );
  }

  private popRequest(vm: KObject): void {
    const vmT = this.t("kubevirt.io", "virtualmachines");
    const reqs = stateChangeRequests(vm).slice(1);
    const status: Record<string, unknown> = { ...asRecord(vm.status), stateChangeRequests: reqs };
    if (reqs.length === 0) delete status.stateChangeRequests;
    this.objects.update(
      vmT,
      "v1",
      vm.metadata.namespace,
      vm.metadata.name ?? "",
      { ...vm, status },
      { internal: true, subresource: "status" },
    );
  }

  private createVmi(vm: KObject, paused: boolean): void {
    const vmiT = this.t("kubevirt.io", "virtualmachineinstances");
    const template = asRecord(getPath(vm, ["spec", "template"]));
    const tmeta = asRecord(template.metadata);
    const spec: Record<string, unknown> = clone(asRecord(template.spec));
    if (paused) spec.startStrategy = "Paused";
    const annotations: Record<string, string> = {
      ...(asRecord(tmeta.annotations) as Record<string, string>),
      "kubevirt.io/vm-generation": String(vm.metadata.generation ?? 1),
    };
    const failure = Controller.failureOf(vm);
    if (failure) annotations[FAILURE_ANNOTATION] = failure;
    this.startedOnce.add(vm.metadata.uid ?? "");
    const created = this.objects.create(
      vmiT,
      "v1",
      vm.metadata.namespace,
      {
        apiVersion: "kubevirt.io/v1",
        kind: "VirtualMachineInstance",
        metadata: {
          name: vm.metadata.name,
          namespace: vm.metadata.namespace,
          labels: { ...(asRecord(tmeta.labels) as Record<string, string>) },
          annotations,
          finalizers: VMI_FINALIZERS,
          ownerReferences: [
            {
              apiVersion: "kubevirt.io/v1",
              kind: "VirtualMachine",
              name: vm.metadata.name ?? "",
              uid: vm.metadata.uid ?? "",
              controller: true,
              blockOwnerDeletion: true,
            },
          ],
        },
        spec,
        status: {
          phase: "Pending",
          phaseTransitionTimestamps: [{ phase: "Pending", phaseTransitionTimestamp: nowIso() }],
          guestOSInfo: {},
          qosClass: "Burstable",
        },
      },
      { internal: true },
    ).obj;
    this.events.event(
      vm,
      "Normal",
      "SuccessfulCreate",
      `Started the virtual machine by creating the new virtual machine instance ${created.metadata.name ?? ""}`,
      VIRT_CONTROLLER,
    );
  }

  /** VM status from its VMI: printableStatus, created/ready, conditions (virt-controller's status sync). */
  private updateVmStatus(vm: KObject, vmi: KObject | undefined, forced?: string): void {
    const vmT = this.t("kubevirt.io", "virtualmachines");
    const current = this.store.get(RK.vm, vm.metadata.namespace, vm.metadata.name ?? "") ?? vm;
    const status: Record<string, unknown> = { ...asRecord(current.status) };
    const printable = forced ?? this.printableStatus(current, vmi);
    status.printableStatus = printable;
    const running = vmiPhase(vmi) === "Running" && !vmi?.metadata.deletionTimestamp;
    if (vmi) status.created = true;
    else delete status.created;
    if (running && condition(vmi, "Ready")?.status === "True") status.ready = true;
    else delete status.ready;
    let conds = conditions(current).filter((c) => c.type !== "Failure" && c.type !== "Paused");
    if (running) {
      conds = setCondition(conds, { type: "Ready", status: "True", reason: "", message: "" });
    } else if (!vmi) {
      conds = setCondition(conds, {
        type: "Ready",
        status: "False",
        reason: "VMINotExists",
        message: "VMI does not exist",
      });
    } else {
      const podCond = condition(vmi, "PodScheduled") ?? condition(vmi, "Synchronized");
      conds = setCondition(conds, {
        type: "Ready",
        status: "False",
        reason: podCond?.status === "False" ? String(podCond.reason ?? "NotReady") : "GuestNotRunning",
        message:
          podCond?.status === "False" ? String(podCond.message ?? "") : "Guest VM is not reported as running",
      });
    }
    if (isPaused(vmi))
      conds.push({
        type: "Paused",
        status: "True",
        reason: "PausedByUser",
        message: "VMI was paused by user",
        lastProbeTime: null,
        lastTransitionTime: String(condition(vmi, "Paused")?.lastTransitionTime ?? nowIso()),
      });
    if (
      [
        "ErrImagePull",
        "ImagePullBackOff",
        "ErrorUnschedulable",
        "ErrorPvcNotFound",
        "CrashLoopBackOff",
      ].includes(printable)
    ) {
      const old = conditions(current).find((c) => c.type === "Failure");
      conds.push({
        type: "Failure",
        status: "True",
        reason: printable,
        message: `VM is in ${printable}`,
        lastProbeTime: null,
        lastTransitionTime: String(old?.lastTransitionTime ?? nowIso()),
      });
    }
    status.conditions = conds;
    const { strategy } = runStrategyOf(current);
    status.runStrategy = strategy;
    status.desiredGeneration = current.metadata.generation ?? 1;
    if (vmi)
      status.observedGeneration = Number(
        vmi.metadata.annotations?.["kubevirt.io/vm-generation"] ?? current.metadata.generation ?? 1,
      );
    if (running && status.startFailure) delete status.startFailure;
    this.objects.update(
      vmT,
      "v1",
      current.metadata.namespace,
      current.metadata.name ?? "",
      { ...current, status },
      { internal: true, subresource: "status" },
    );
  }

  printableStatus(vm: KObject, vmi: KObject | undefined): string {
    if (vm.metadata.deletionTimestamp) return "Terminating";
    const { strategy } = runStrategyOf(vm);
    if (vmi) {
      if (vmi.metadata.deletionTimestamp) return "Stopping";
      if (strategy === "Halted" && !isFinal(vmi)) return "Stopping";
      if (stateChangeRequests(vm)[0]?.action === "Stop") return "Stopping";
      const sync = condition(vmi, "Synchronized");
      if (sync?.status === "False") {
        if (sync.reason === "ErrImagePull" || sync.reason === "ImagePullBackOff") return String(sync.reason);
        if (sync.reason === "FailedPvcNotFound") return "ErrorPvcNotFound";
      }
      if (condition(vmi, "PodScheduled")?.status === "False") return "ErrorUnschedulable";
      const phase = vmiPhase(vmi);
      if (phase === "Running") {
        const ms = asRecord(getPath(vmi, ["status", "migrationState"]));
        if (Object.keys(ms).length > 0 && ms.completed !== true) return "Migrating";
        return isPaused(vmi) ? "Paused" : "Running";
      }
      if (phase === "Failed")
        return asRecord(getPath(vm, ["status", "startFailure"])).consecutiveFailCount
          ? "CrashLoopBackOff"
          : "Stopped";
      if (phase === "Succeeded") return "Stopped";
      return "Starting";
    }
    const failure = asRecord(getPath(vm, ["status", "startFailure"]));
    if (failure.consecutiveFailCount && (strategy === "Always" || strategy === "RerunOnFailure"))
      return "CrashLoopBackOff";
    return "Stopped";
  }

  // -------------------------------------------------------- VirtualMachineInstance (virt-handler side)

  /** The next pod-network address no VMI holds (seeded VMIs took addresses from the same range). */
  private nextIp(): string {
    const inUse = new Set<string>();
    for (const vmi of this.store.list(RK.vmi)) {
      for (const iface of asArray(asRecord(vmi.status).interfaces)) {
        const ip = asRecord(iface).ipAddress;
        if (typeof ip === "string") inUse.add(ip);
      }
    }
    for (;;) {
      this.ipCounter++;
      const ip = `10.244.${Math.floor(this.ipCounter / 250) % 250}.${(this.ipCounter % 250) + 2}`;
      if (!inUse.has(ip)) return ip;
    }
  }

  private setPhase(vmi: KObject, phase: string, extra: Record<string, unknown> = {}): void {
    const vmiT = this.t("kubevirt.io", "virtualmachineinstances");
    const status = asRecord(vmi.status);
    const transitions = [
      ...asArray(status.phaseTransitionTimestamps),
      { phase, phaseTransitionTimestamp: nowIso() },
    ];
    this.write(vmiT, {
      ...vmi,
      status: { ...status, phase, phaseTransitionTimestamps: transitions, ...extra },
    });
  }

  private reconcileVmi(ns: string | undefined, name: string): unknown {
    const vmiT = this.t("kubevirt.io", "virtualmachineinstances");
    const vmi = this.store.get(RK.vmi, ns, name);
    if (!vmi) return;
    const status = asRecord(vmi.status);
    const phase = vmiPhase(vmi);
    if (vmi.metadata.deletionTimestamp) {
      // Graceful shutdown: the domain stops (Succeeded), then the finalizers go and the VMI disappears.
      if (!isFinal(vmi)) {
        const conds = setCondition(
          conditions(vmi).filter((c) => c.type !== "Paused"),
          { type: "Ready", status: "False", reason: "PodTerminating", message: "" },
        );
        if (phase === "Running")
          this.events.event(vmi, "Normal", "ShuttingDown", "Signaled Graceful Shutdown", handlerOn(vmi));
        this.setPhase(vmi, "Succeeded", { conditions: conds });
        if (phase === "Running")
          this.events.event(
            vmi,
            "Normal",
            "Stopped",
            "The VirtualMachineInstance was shut down.",
            handlerOn(vmi),
          );
        return;
      }
      return this.dropFinalizers(vmiT, vmi, VMI_FINALIZERS);
    }
    const failure = Controller.failureOf(vmi);
    let conds = conditions(vmi);
    switch (phase) {
      case "":
        return this.setPhase(vmi, "Pending");
      case "Pending":
        if (failure === "ErrorPvcNotFound") {
          const claim = this.firstClaim(vmi) ?? `${name}-disk`;
          conds = setCondition(conds, {
            type: "Synchronized",
            status: "False",
            reason: "FailedPvcNotFound",
            message: `PVC ${ns}/${claim} does not exist, waiting for it to appear`,
          });
          this.events.event(
            vmi,
            "Warning",
            "FailedPvcNotFound",
            `failed to render launch manifest: PVC ${ns}/${claim} does not exist, waiting for it to appear`,
            VIRT_CONTROLLER,
          );
          return this.write(vmiT, { ...vmi, status: { ...status, conditions: conds } });
        }
        this.events.event(
          vmi,
          "Normal",
          "SuccessfulCreate",
          `Created virtual machine pod ${this.launcherPod(vmi)}`,
          VIRT_CONTROLLER,
        );
        return this.setPhase(vmi, "Scheduling", { conditions: conds });
      case "Scheduling": {
        if (failure === "ErrImagePull") {
          const sync = condition(vmi, "Synchronized");
          const reason = sync?.reason === "ErrImagePull" ? "ImagePullBackOff" : "ErrImagePull";
          if (sync?.reason === "ImagePullBackOff") return;
          const image =
            asArray(getPath(vmi, ["spec", "volumes"]))
              .map((v) => getPath(v, ["containerDisk", "image"]))
              .find((i) => typeof i === "string") ?? "quay.io/containerdisks/missing:latest";
          conds = setCondition(conds, {
            type: "Synchronized",
            status: "False",
            reason,
            message: `failed to pull image "${String(image)}"`,
          });
          // The kubelet reports image pulls on the virt-launcher pod, not on KubeVirt's objects.
          const kubelet = { component: "kubelet" };
          if (reason === "ErrImagePull") {
            this.events.eventFor(
              this.podRef(vmi),
              "Warning",
              "Failed",
              `Failed to pull image "${String(image)}": rpc error: code = NotFound desc = failed to pull and unpack image "${String(image)}": not found`,
              kubelet,
            );
            this.events.eventFor(this.podRef(vmi), "Warning", "Failed", "Error: ErrImagePull", kubelet);
          } else {
            this.events.eventFor(
              this.podRef(vmi),
              "Normal",
              "BackOff",
              `Back-off pulling image "${String(image)}"`,
              kubelet,
            );
            this.events.eventFor(this.podRef(vmi), "Warning", "Failed", "Error: ImagePullBackOff", kubelet);
          }
          return this.write(vmiT, { ...vmi, status: { ...status, conditions: conds } });
        }
        const pick =
          failure === "ErrorUnschedulable"
            ? { reason: "0/3 nodes are available: 3 Insufficient devices.kubevirt.io/kvm." }
            : pickNode(this.store, vmi);
        if (!pick.node) {
          conds = setCondition(conds, {
            type: "PodScheduled",
            status: "False",
            reason: "Unschedulable",
            message: pick.reason ?? "",
          });
          // The scheduler reports on the pod; KubeVirt only mirrors the pod's condition onto the VMI.
          this.events.eventFor(this.podRef(vmi), "Warning", "FailedScheduling", pick.reason ?? "", {
            component: "default-scheduler",
          });
          return this.write(vmiT, { ...vmi, status: { ...status, conditions: conds } });
        }
        conds = conds.filter((c) => c.type !== "PodScheduled");
        const labels = { ...vmi.metadata.labels, "kubevirt.io/nodeName": pick.node };
        return this.setPhase({ ...vmi, metadata: { ...vmi.metadata, labels } }, "Scheduled", {
          nodeName: pick.node,
          conditions: conds,
        });
      }
      case "Scheduled": {
        if (failure === "CrashLoopBackOff") {
          conds = setCondition(conds, {
            type: "Ready",
            status: "False",
            reason: "GuestCrashed",
            message: "virt-launcher exited with an error",
          });
          this.setPhase(vmi, "Failed", { conditions: conds, reason: "PodFailed" });
          this.events.event(vmi, "Warning", "Stopped", "The VirtualMachineInstance crashed.", handlerOn(vmi));
          return;
        }
        const ifaces = asArray(getPath(vmi, ["spec", "domain", "devices", "interfaces"])).filter(isRecord);
        const first = String(ifaces[0]?.name ?? "default");
        const ip = this.nextIp();
        const mac = `02:${randomUUID().replace(/-/g, "").slice(0, 10).match(/../g)?.join(":") ?? "00:00:00:00:00"}`;
        conds = setCondition(conds, { type: "Ready", status: "True", reason: "", message: "" });
        conds = setCondition(
          conds,
          gpuRequest(vmi) > 0
            ? {
                type: "LiveMigratable",
                status: "False",
                reason: "HostDeviceNotLiveMigratable",
                message: "VMI uses a GPU",
              }
            : { type: "LiveMigratable", status: "True", reason: "", message: "" },
        );
        conds = setCondition(conds, { type: "AgentConnected", status: "True", reason: "", message: "" });
        if (getPath(vmi, ["spec", "startStrategy"]) === "Paused") {
          conds = setCondition(conds, {
            type: "Paused",
            status: "True",
            reason: "PausedByUser",
            message: "VMI was paused by user",
          });
        }
        this.events.event(vmi, "Normal", "Created", "VirtualMachineInstance defined.", handlerOn(vmi));
        this.events.event(vmi, "Normal", "Started", "VirtualMachineInstance started.", handlerOn(vmi));
        return this.setPhase(vmi, "Running", {
          conditions: conds,
          interfaces: [
            {
              name: first,
              interfaceName: "eth0",
              ipAddress: ip,
              ipAddresses: [ip],
              mac,
              infoSource: "domain, guest-agent",
            },
          ],
          guestOSInfo: {
            id: "fedora",
            name: "Fedora Linux",
            version: "41",
            kernelRelease: "6.11.4-301.fc41.x86_64",
          },
          launcherContainerImageVersion: "quay.io/kubevirt/virt-launcher:v1",
          migrationMethod: "BlockMigration",
        });
      }
      default:
        return;
    }
  }

  /** The virt-launcher pod kubesim pretends runs a VMI (stable per VMI, for its Events). */
  private launcherPod(vmi: KObject): string {
    const uid = vmi.metadata.uid ?? "";
    let pod = this.launcherPods.get(uid);
    if (!pod) {
      pod = `virt-launcher-${vmi.metadata.name ?? ""}-${randomSuffix()}`;
      this.launcherPods.set(uid, pod);
    }
    return pod;
  }

  private podRef(vmi: KObject): InvolvedObject {
    return { apiVersion: "v1", kind: "Pod", name: this.launcherPod(vmi), namespace: vmi.metadata.namespace };
  }

  private firstClaim(vmi: KObject): string | undefined {
    for (const v of asArray(getPath(vmi, ["spec", "volumes"]))) {
      const c = getPath(v, ["persistentVolumeClaim", "claimName"]) ?? getPath(v, ["dataVolume", "name"]);
      if (typeof c === "string") return c;
    }
    return undefined;
  }

  // ------------------------------------------------------------------ VirtualMachineInstanceMigration

  /**
   * VMIM `status.migrationState` exists from KubeVirt v0.59 (kubevirt/kubevirt#7862, "Store the finalized
   * VMI migration status in the migration object"). virt-controller fills it only once the migration is
   * final (Succeeded or Failed), as a copy of the VMI's `status.migrationState`, and only when that state
   * belongs to this migration (same `migrationUid`). While the migration runs, the VMI carries it alone.
   */
  private vmimHasMigrationState(): boolean {
    const version = this.options.kubevirtVersion?.();
    return version === undefined || parseKubeVirtVersion(version) >= parseKubeVirtVersion("0.59");
  }

  private reconcileMigration(ns: string | undefined, name: string): unknown {
    const mT = this.t("kubevirt.io", "virtualmachineinstancemigrations");
    const vmiT = this.t("kubevirt.io", "virtualmachineinstances");
    const m = this.store.get(RK.vmim, ns, name);
    if (!m) return;
    const vmiName = String(getPath(m, ["spec", "vmiName"]) ?? "");
    const vmi = this.store.get(RK.vmi, ns, vmiName);
    const status = asRecord(m.status);
    const phase = String(status.phase ?? "");
    const ms = asRecord(getPath(vmi, ["status", "migrationState"]));
    const ours = ms.migrationUid !== undefined && ms.migrationUid === m.metadata.uid;
    const final = phase === "Succeeded" || phase === "Failed";
    /** Moves the VMIM to phase `p`; a final phase also gets the VMI's migration state (when it is ours). */
    const setPhase = (p: string, finalState?: Record<string, unknown>) => {
      const transitions = [
        ...asArray(status.phaseTransitionTimestamps),
        { phase: p, phaseTransitionTimestamp: nowIso() },
      ];
      const next: Record<string, unknown> = { ...status, phase: p, phaseTransitionTimestamps: transitions };
      if (finalState && this.vmimHasMigrationState()) next.migrationState = clone(finalState);
      return this.objects.update(
        mT,
        "v1",
        ns,
        name,
        { ...m, status: next },
        { internal: true, subresource: "status" },
      ).obj;
    };
    const writeVmiState = (state: Record<string, unknown>, extra: Record<string, unknown> = {}) => {
      if (!vmi) return;
      this.write(vmiT, { ...vmi, status: { ...asRecord(vmi.status), ...extra, migrationState: state } });
    };
    const failEvent = (message: string) =>
      this.events.event(m, "Warning", "FailedMigration", message, VIRT_CONTROLLER);
    if (m.metadata.deletionTimestamp) {
      // Deleting an unfinished migration cancels it: the VMI stays on its source node. The VMIM ends
      // Failed, with the aborted migration state, before its finalizer goes.
      if (!final) {
        failEvent("Migration failed due to being canceled");
        if (vmi && ours && ms.completed !== true) {
          const aborted = {
            ...ms,
            abortRequested: true,
            abortStatus: "Succeeded",
            completed: true,
            failed: true,
            endTimestamp: nowIso(),
          };
          writeVmiState(aborted);
          return setPhase("Failed", aborted);
        }
        return setPhase("Failed", ours ? ms : undefined);
      }
      const latest = this.store.get(RK.vmim, ns, name) ?? m;
      return this.dropFinalizers(mT, latest, [VMIM_FINALIZER]);
    }
    if (!(m.metadata.finalizers ?? []).includes(VMIM_FINALIZER)) {
      const labels = { ...m.metadata.labels, "kubevirt.io/vmi-name": vmiName };
      this.write(mT, {
        ...m,
        metadata: { ...m.metadata, labels, finalizers: [...(m.metadata.finalizers ?? []), VMIM_FINALIZER] },
      });
      return;
    }
    if (final) return;
    if (!vmi || vmiPhase(vmi) !== "Running" || vmi.metadata.deletionTimestamp) {
      // The VMI went away (or stopped) under the migration.
      failEvent(
        vmi
          ? "Migration failed vmi shutdown during migration."
          : "Migration failed because vmi does not exist.",
      );
      if (vmi && ours && ms.completed !== true) {
        const failed = { ...ms, completed: true, failed: true, endTimestamp: nowIso() };
        writeVmiState(failed);
        return setPhase("Failed", failed);
      }
      return setPhase("Failed", ours ? ms : undefined);
    }
    const source = String(getPath(vmi, ["status", "nodeName"]) ?? "");
    switch (phase) {
      case "":
        return setPhase("Pending");
      case "Pending": {
        if (condition(vmi, "LiveMigratable")?.status === "False") return setPhase("Failed");
        const target = pickNode(
          this.store,
          vmi,
          source,
          asRecord(getPath(m, ["spec", "addedNodeSelector"])) as Record<string, string>,
        );
        if (!target.node) {
          this.events.event(
            m,
            "Warning",
            "migrationTargetPodUnschedulable",
            `Migration target pod for VMI [${ns}/${vmiName}] is currently unschedulable.`,
            VIRT_CONTROLLER,
          );
          return setPhase("Failed");
        }
        const targetPod = `virt-launcher-${vmiName}-${randomSuffix()}`;
        writeVmiState({
          migrationUid: m.metadata.uid,
          sourceNode: source,
          targetNode: target.node,
          targetPod,
          mode: "PreCopy",
        });
        this.events.event(
          m,
          "Normal",
          "SuccessfulCreate",
          `Created migration target pod ${targetPod}`,
          VIRT_CONTROLLER,
        );
        return setPhase("Scheduling");
      }
      case "Scheduling":
        return setPhase("Scheduled");
      case "Scheduled":
        this.events.event(
          m,
          "Normal",
          "SuccessfulHandOver",
          "Migration target pod is ready for preparation by virt-handler.",
          VIRT_CONTROLLER,
        );
        return setPhase("PreparingTarget");
      case "PreparingTarget": {
        // The target virt-handler is ready and publishes where the source should send the domain.
        const targetHandler = { component: "virt-handler", host: String(ms.targetNode ?? "") };
        if (ours) writeVmiState({ ...ms, targetNodeAddress: this.nodeAddress(String(ms.targetNode ?? "")) });
        this.events.event(
          vmi,
          "Normal",
          "PreparingTarget",
          "VirtualMachineInstance Migration Target Prepared.",
          targetHandler,
        );
        return setPhase("TargetReady");
      }
      case "TargetReady":
        if (ours) writeVmiState({ ...ms, startTimestamp: nowIso() });
        this.events.event(vmi, "Normal", "Migrating", "VirtualMachineInstance is migrating.", handlerOn(vmi));
        return setPhase("Running");
      case "Running": {
        const target = String(ms.targetNode ?? source);
        const labels = { ...vmi.metadata.labels, "kubevirt.io/nodeName": target };
        const now = nowIso();
        const done = {
          ...ms,
          targetNodeDomainDetected: true,
          targetNodeDomainReadyTimestamp: now,
          completed: true,
          failed: false,
          endTimestamp: now,
        };
        this.write(vmiT, {
          ...vmi,
          metadata: { ...vmi.metadata, labels },
          status: { ...asRecord(vmi.status), nodeName: target, migrationState: done },
        });
        this.events.event(
          vmi,
          "Normal",
          "Migrated",
          `The VirtualMachineInstance migrated to node ${target}.`,
          {
            component: "virt-handler",
            host: target,
          },
        );
        this.events.event(
          m,
          "Normal",
          "SuccessfulMigration",
          "Source node reported migration succeeded",
          VIRT_CONTROLLER,
        );
        return setPhase("Succeeded", ours ? done : undefined);
      }
      default:
        return;
    }
  }

  /** The address a node's virt-handler listens on for migrations (its InternalIP). */
  private nodeAddress(node: string): string {
    const addresses = asArray(getPath(this.store.get(RK.node, undefined, node), ["status", "addresses"]));
    const internal = addresses.map(asRecord).find((a) => a.type === "InternalIP");
    return typeof internal?.address === "string" ? internal.address : node;
  }

  // ------------------------------------------------------------------------ snapshot / restore / clone

  private reconcileSnapshot(ns: string | undefined, name: string): unknown {
    const sT = this.t("snapshot.kubevirt.io", "virtualmachinesnapshots");
    const s = this.store.get(RK.snapshot, ns, name);
    if (!s) return;
    if (s.metadata.deletionTimestamp) {
      this.snapshotContents.delete(s.metadata.uid ?? "");
      return this.dropFinalizers(sT, s, [SNAPSHOT_FINALIZER]);
    }
    const status = asRecord(s.status);
    const phase = String(status.phase ?? "");
    const vmName = String(getPath(s, ["spec", "source", "name"]) ?? "");
    const vm = this.store.get(RK.vm, ns, vmName);
    const update = (next: Record<string, unknown>) =>
      this.objects.update(
        sT,
        sT.versions[0] ?? "v1beta1",
        ns,
        name,
        { ...s, status: next },
        { internal: true, subresource: "status" },
      );
    if (phase === "Succeeded" || phase === "Failed") return;
    if (!(s.metadata.finalizers ?? []).includes(SNAPSHOT_FINALIZER)) {
      this.write(sT, {
        ...s,
        metadata: { ...s.metadata, finalizers: [...(s.metadata.finalizers ?? []), SNAPSHOT_FINALIZER] },
      });
      return;
    }
    if (!vm) {
      return update({
        ...status,
        phase: "Failed",
        readyToUse: false,
        error: { message: `VirtualMachine ${ns}/${vmName} does not exist`, time: nowIso() },
      });
    }
    const vmi = this.store.get(RK.vmi, ns, vmName);
    const online = !!vmi && vmiPhase(vmi) === "Running";
    if (phase === "") {
      return update({
        phase: "InProgress",
        readyToUse: false,
        sourceUID: vm.metadata.uid,
        indications: online ? ["Online", "GuestAgent"] : [],
        conditions: [
          {
            type: "Progressing",
            status: "True",
            reason: "Source locked and operation in progress",
            lastProbeTime: null,
            lastTransitionTime: nowIso(),
          },
          {
            type: "Ready",
            status: "False",
            reason: "Not ready",
            lastProbeTime: null,
            lastTransitionTime: nowIso(),
          },
        ],
      });
    }
    this.snapshotContents.set(s.metadata.uid ?? "", clone(vm));
    const volumes = asArray(getPath(vm, ["spec", "template", "spec", "volumes"]))
      .map((v) => getPath(v, ["name"]))
      .filter((n) => typeof n === "string");
    const contentName = `vmsnapshot-content-${s.metadata.uid}`;
    this.events.event(
      s,
      "Normal",
      "SuccessfulVirtualMachineSnapshotContentCreate",
      `Successfully created VirtualMachineSnapshotContent ${contentName}`,
      VIRT_CONTROLLER,
    );
    return update({
      ...status,
      phase: "Succeeded",
      readyToUse: true,
      creationTime: nowIso(),
      virtualMachineSnapshotContentName: contentName,
      snapshotVolumes: { included: volumes },
      conditions: completedConditions(),
    });
  }

  /** The VM captured by a snapshot, shaped to be created or put back stopped. */
  private vmFromSnapshot(snap: KObject, targetName: string, ns: string | undefined): KObject | undefined {
    const captured = this.snapshotContents.get(snap.metadata.uid ?? "");
    if (!captured) return undefined;
    const spec = clone(asRecord(captured.spec));
    // Restored and cloned VMs are not started unless asked.
    if (typeof spec.running === "boolean") spec.running = false;
    else spec.runStrategy = "Halted";
    return {
      apiVersion: "kubevirt.io/v1",
      kind: "VirtualMachine",
      metadata: {
        name: targetName,
        namespace: ns,
        labels: { ...captured.metadata.labels },
        annotations: { ...captured.metadata.annotations },
      },
      spec,
    };
  }

  private reconcileRestore(ns: string | undefined, name: string): unknown {
    const rT = this.t("snapshot.kubevirt.io", "virtualmachinerestores");
    const vmT = this.t("kubevirt.io", "virtualmachines");
    const r = this.store.get(RK.restore, ns, name);
    if (!r || r.metadata.deletionTimestamp) return;
    const status = asRecord(r.status);
    if (status.complete === true || condition(r, "Failure")?.status === "True") return;
    const update = (next: Record<string, unknown>) =>
      this.objects.update(
        rT,
        rT.versions[0] ?? "v1beta1",
        ns,
        name,
        { ...r, status: next },
        { internal: true, subresource: "status" },
      );
    const snap = this.store.get(
      RK.snapshot,
      ns,
      String(getPath(r, ["spec", "virtualMachineSnapshotName"]) ?? ""),
    );
    const targetName = String(getPath(r, ["spec", "target", "name"]) ?? "");
    const progressing = [
      {
        type: "Progressing",
        status: "True",
        reason: "Initializing VirtualMachineRestore",
        lastProbeTime: null,
        lastTransitionTime: nowIso(),
      },
      {
        type: "Ready",
        status: "False",
        reason: "Initializing VirtualMachineRestore",
        lastProbeTime: null,
        lastTransitionTime: nowIso(),
      },
    ];
    if (status.complete === undefined) return update({ complete: false, conditions: progressing });
    if (!snap || getPath(snap, ["status", "readyToUse"]) !== true) return;
    const vm = this.store.get(RK.vm, ns, targetName);
    const vmi = this.store.get(RK.vmi, ns, targetName);
    if (vm && vmi) {
      const policy = String(getPath(r, ["spec", "targetReadinessPolicy"]) ?? "WaitGracePeriod");
      if (policy === "FailImmediate") {
        this.events.event(
          r,
          "Warning",
          "Operation failed",
          "VirtualMachineRestore failed Restore target VMI must be powered off before restore operation",
          VIRT_CONTROLLER,
        );
        return update({
          ...status,
          conditions: [
            {
              type: "Failure",
              status: "True",
              reason: "VM target is not ready",
              lastProbeTime: null,
              lastTransitionTime: nowIso(),
            },
          ],
        });
      }
      this.events.event(
        r,
        "Warning",
        "RestoreTargetNotReady",
        policy === "StopTarget"
          ? "Automatically stopping restore target for restore operation"
          : "Restore target VMI still exists, please stop the restore target to proceed with restore",
        VIRT_CONTROLLER,
      );
      if (policy === "StopTarget" && runStrategyOf(vm).strategy !== "Halted") {
        const spec = asRecord(vm.spec);
        const nextSpec =
          typeof spec.running === "boolean"
            ? { ...spec, running: false }
            : { ...spec, runStrategy: "Halted" };
        this.write(vmT, { ...vm, spec: nextSpec });
      }
      return; // wait for the target to stop; the VMI deletion re-queues us through the VM
    }
    const restored = this.vmFromSnapshot(snap, targetName, ns);
    if (!restored) {
      this.events.event(
        r,
        "Warning",
        "VirtualMachineRestoreError",
        "VirtualMachineRestore encountered error snapshot content missing",
        VIRT_CONTROLLER,
      );
      return update({
        ...status,
        conditions: [
          {
            type: "Failure",
            status: "True",
            reason: "snapshot content missing",
            lastProbeTime: null,
            lastTransitionTime: nowIso(),
          },
        ],
      });
    }
    const annotations = {
      ...restored.metadata.annotations,
      "restore.kubevirt.io/lastRestoreUID": `${name}-${r.metadata.uid}`,
    };
    if (vm) this.write(vmT, { ...vm, spec: restored.spec, metadata: { ...vm.metadata, annotations } });
    else
      this.objects.create(
        vmT,
        "v1",
        ns,
        { ...restored, metadata: { ...restored.metadata, annotations } },
        { internal: true },
      );
    this.events.event(
      r,
      "Normal",
      "VirtualMachineRestoreComplete",
      `Successfully completed VirtualMachineRestore ${name}`,
      VIRT_CONTROLLER,
    );
    return update({
      ...status,
      complete: true,
      restoreTime: nowIso(),
      conditions: completedConditions(),
    });
  }

  private reconcileClone(ns: string | undefined, name: string): unknown {
    const cT = this.t("clone.kubevirt.io", "virtualmachineclones");
    const vmT = this.t("kubevirt.io", "virtualmachines");
    const c = this.store.get(RK.clone, ns, name);
    if (!c || c.metadata.deletionTimestamp) return;
    const status = asRecord(c.status);
    const phase = String(status.phase ?? "");
    const update = (next: Record<string, unknown>) =>
      this.objects.update(
        cT,
        cT.versions[0] ?? "v1beta1",
        ns,
        name,
        { ...c, status: next },
        { internal: true, subresource: "status" },
      );
    const src = asRecord(getPath(c, ["spec", "source"]));
    const srcName = String(src.name ?? "");
    const targetName = String(
      getPath(c, ["spec", "target", "name"]) ?? status.targetName ?? `clone-${name}-${randomSuffix()}`,
    );
    const fail = (msg: string) =>
      update({
        ...status,
        phase: "Failed",
        conditions: [
          { type: "Ready", status: "False", reason: msg, lastProbeTime: null, lastTransitionTime: nowIso() },
        ],
      });
    const note = (reason: string, message: string) =>
      this.events.event(c, "Normal", reason, message, VIRT_CONTROLLER);
    const fromSnapshot = src.kind === "VirtualMachineSnapshot";
    const snapshotName = fromSnapshot ? srcName : `tmp-snapshot-${c.metadata.uid}`;
    const restoreName = `tmp-restore-${c.metadata.uid}`;
    switch (phase) {
      case "":
        if (!fromSnapshot) note("SnapshotCreated", `created snapshot ${snapshotName} for clone ${name}`);
        return update({
          phase: fromSnapshot ? "CreatingTargetVM" : "SnapshotInProgress",
          snapshotName: `tmp-snapshot-${c.metadata.uid}`,
          targetName,
          conditions: [
            {
              type: "Progressing",
              status: "True",
              reason: "Still processing",
              lastProbeTime: null,
              lastTransitionTime: nowIso(),
            },
            {
              type: "Ready",
              status: "False",
              reason: "Still processing",
              lastProbeTime: null,
              lastTransitionTime: nowIso(),
            },
          ],
        });
      case "SnapshotInProgress":
        note("SnapshotReady", `snapshot ${snapshotName} for clone ${name} is ready to use`);
        return update({ ...status, phase: "CreatingTargetVM" });
      case "CreatingTargetVM": {
        let source: KObject | undefined;
        if (src.kind === "VirtualMachineSnapshot") {
          const snap = this.store.get(RK.snapshot, ns, srcName);
          source = snap ? this.vmFromSnapshot(snap, targetName, ns) : undefined;
        } else {
          const vm = this.store.get(RK.vm, ns, srcName);
          source = vm
            ? {
                apiVersion: "kubevirt.io/v1",
                kind: "VirtualMachine",
                metadata: {
                  name: targetName,
                  namespace: ns,
                  labels: { ...vm.metadata.labels },
                  annotations: { ...vm.metadata.annotations },
                },
                spec: clone(vm.spec),
              }
            : undefined;
        }
        if (!source) {
          // KubeVirt's message (clone.go retrieveCloneInfo: ErrSourceDoesntExist).
          note("SourceDoesNotExist", `Source doesnt exist: ${String(src.kind)} ${ns}/${srcName}`);
          return fail(`source ${String(src.kind)} ${srcName} not found`);
        }
        if (this.store.get(RK.vm, ns, targetName)) return fail(`target VM ${targetName} already exists`);
        // spec.patches: JSON patch operations, one JSON string each, applied to the new VM (as virt-controller does).
        try {
          const ops = asArray(getPath(c, ["spec", "patches"])).map((p) => JSON.parse(String(p)) as unknown);
          if (ops.length > 0) source = jsonPatch(source, ops) as KObject;
        } catch (e) {
          return fail(`patches could not be applied: ${e instanceof Error ? e.message : String(e)}`);
        }
        const spec = asRecord(source.spec);
        if (typeof spec.running === "boolean") spec.running = false;
        else spec.runStrategy = "Halted";
        // New MACs and SMBIOS serial: drop the source's so the clone gets its own.
        for (const i of asArray(getPath(spec, ["template", "spec", "domain", "devices", "interfaces"])))
          if (isRecord(i)) delete i.macAddress;
        const fw = getPath(spec, ["template", "spec", "domain", "firmware"]);
        if (isRecord(fw)) {
          delete fw.serial;
          delete fw.uuid;
        }
        note("RestoreCreated", `created restore ${restoreName} for clone ${name}`);
        this.objects.create(vmT, "v1", ns, { ...source, spec }, { internal: true });
        note("TargetVMCreated", `created target VM ${targetName} for clone ${name}`);
        return update({ ...status, phase: "RestoreInProgress", targetName });
      }
      case "RestoreInProgress":
        note("RestoreReady", `restore ${restoreName} for clone ${name} is ready to use`);
        return update({
          ...status,
          phase: "Succeeded",
          conditions: [
            {
              type: "Progressing",
              status: "False",
              reason: "Ready",
              lastProbeTime: null,
              lastTransitionTime: nowIso(),
            },
            {
              type: "Ready",
              status: "True",
              reason: "Ready",
              lastProbeTime: null,
              lastTransitionTime: nowIso(),
            },
          ],
        });
      default:
        return;
    }
  }

  // ---------------------------------------------------------------------------------- namespaces

  private reconcileNamespace(name: string): void {
    const nsObj = this.store.get(RK.namespace, undefined, name);
    if (!nsObj?.metadata.deletionTimestamp) return;
    let remaining = 0;
    for (const t of this.registry.all()) {
      if (!t.namespaced) continue;
      for (const o of this.store.list(`${t.group}/${t.plural}`, name)) {
        remaining++;
        if (!o.metadata.deletionTimestamp) this.remove(t, o);
      }
    }
    if (remaining === 0) this.store.remove(RK.namespace, undefined, name);
  }
}

/** The conditions KubeVirt's snapshot and restore controllers set when an operation has finished. */
function completedConditions(): Record<string, unknown>[] {
  const now = nowIso();
  return [
    {
      type: "Progressing",
      status: "False",
      reason: "Operation complete",
      lastProbeTime: null,
      lastTransitionTime: now,
    },
    {
      type: "Ready",
      status: "True",
      reason: "Operation complete",
      lastProbeTime: null,
      lastTransitionTime: now,
    },
  ];
}
