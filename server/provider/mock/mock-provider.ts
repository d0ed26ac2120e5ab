import "server-only";
import { type Clone, CloneSourceKind, CloneStatus } from "@/lib/domain/clone";
import type { ConsoleConnection } from "@/lib/domain/console";
import type { InstanceType, Preference } from "@/lib/domain/instance-type";
import { FQDN_ANNOTATION, MANAGED_BY_VALUE, readGovernance, ShepherdLabel } from "@/lib/domain/labels";
import { type Migration, MigrationPhase } from "@/lib/domain/migration";
import type {
  CallOptions,
  CloneOptions,
  CreateNamespaceResult,
  KubeVirtProvider,
  ListVMsOptions,
  RestoreOptions,
  StopVMOptions,
} from "@/lib/domain/provider";
import { type Restore, RestoreStatus, type Snapshot, SnapshotStatus } from "@/lib/domain/snapshot";
import type { ValidationResult } from "@/lib/domain/validation";
import { type VM, type VMList, type VMSpec, VMStatus } from "@/lib/domain/vm";
import { type VMI, VMIPhase } from "@/lib/domain/vmi";
import { AppError, isAppError } from "@/lib/errors/app-error";
import { renderVMManifest } from "../kubevirt/vm-manifest";
import { matchesFieldSelector, matchesLabelSelector } from "./list-selectors";

/**
 * An in-memory KubeVirtProvider for service unit tests (SPEC §10), keyed by cluster/namespace/name, with the
 * state rules of the real provider on kubesim (the conformance suite runs both).
 *
 * Asynchrony: as on a cluster, a write returns the object as accepted (a new VM is CREATING, a stopped one
 * STOPPING) and the "controller" finishes the transition later. Transitions queue up and `settle()` runs
 * them; with `settle: "immediate"` (the default) every write settles before it returns, so a read right after
 * sees the final state. `settle: "manual"` lets a test observe the in-between states.
 */

export type MockProviderMethod = Exclude<keyof KubeVirtProvider, "name" | "type">;

export interface MockProviderOptions {
  /** "immediate" (default): writes settle before returning; "manual": call `settle()`. */
  settle?: "immediate" | "manual";
  /** Known cluster ids; any other is CLUSTER_NOT_FOUND. Absent: every id is known. */
  clusters?: string[];
  /** Node names VMIs are scheduled on, round-robin (migrations move to the next one). */
  nodes?: string[];
  now?: () => Date;
}

export interface MockSeed {
  /** VMs as the provider would return them; `status` RUNNING/PAUSED/MIGRATING give them an instance. */
  vms?: VM[];
  instanceTypes?: (InstanceType & { cluster: string })[];
  preferences?: (Preference & { cluster: string })[];
  /** Namespaces that exist before the test (a VM's namespace exists too). */
  namespaces?: { cluster: string; name: string }[];
}

interface VmState {
  cluster: string;
  namespace: string;
  name: string;
  cpu: number;
  memoryMb: number;
  diskGb?: number;
  image?: string;
  runStrategy: string;
  status: VMStatus;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  createdAt: Date;
  updatedAt?: Date;
  vmi?: VmiState;
}

interface VmiState {
  phase: VMIPhase;
  paused: boolean;
  nodeName: string;
  ip: string;
  createdAt: Date;
}

interface SnapshotState {
  snapshot: Snapshot;
  /** The VM as captured, for restores and clones. */
  captured?: VmState;
}

type Step = () => "done" | "wait";

/** Read into `VM.serviceId`, as the mapper does (SPEC §4 implementation label). */
const SERVICE_ID_LABEL = "shepherd.io/service-id";

const CONFLICT = (kind: string, name: string, why: string) =>
  `Operation cannot be fulfilled on ${kind}.kubevirt.io "${name}": ${why}`;

export class MockProvider implements KubeVirtProvider {
  private readonly settleMode: "immediate" | "manual";
  private readonly clusters?: Set<string>;
  private readonly nodes: string[];
  private readonly now: () => Date;
  private vms = new Map<string, VmState>();
  private snapshots = new Map<string, SnapshotState>();
  private restores = new Map<string, Restore>();
  private clones = new Map<string, Clone>();
  private migrations = new Map<string, Migration>();
  private instanceTypes: (InstanceType & { cluster: string })[] = [];
  private preferences: (Preference & { cluster: string })[] = [];
  /** cluster/name → labels of namespaces created or seeded. */
  private namespaces = new Map<string, Record<string, string>>();
  private pending: Step[] = [];
  private failures = new Map<MockProviderMethod | "*", unknown[]>();
  private validation?: ValidationResult;
  private counter = 0;
  private nodeCursor = 0;
  private ipCounter = 10;

  constructor(opts: MockProviderOptions = {}) {
    this.settleMode = opts.settle ?? "immediate";
    if (opts.clusters) this.clusters = new Set(opts.clusters);
    this.nodes = opts.nodes && opts.nodes.length > 0 ? opts.nodes : ["node-1", "node-2"];
    this.now = opts.now ?? (() => new Date());
  }

  name(): string {
    return "mock";
  }

  type(): string {
    return "kubevirt";
  }

  // ----------------------------------------------------------------------------------- test helpers

  /** Adds objects (replacing same-keyed ones). */
  seed(seed: MockSeed): void {
    for (const vm of seed.vms ?? []) {
      const running =
        vm.status === VMStatus.RUNNING || vm.status === VMStatus.PAUSED || vm.status === VMStatus.MIGRATING;
      const state: VmState = {
        cluster: vm.cluster,
        namespace: vm.namespace,
        name: vm.name,
        cpu: vm.cpu,
        memoryMb: vm.memoryMb,
        ...(vm.diskGb !== undefined ? { diskGb: vm.diskGb } : {}),
        ...(vm.image !== undefined ? { image: vm.image } : {}),
        runStrategy: vm.runStrategy ?? (running ? "Always" : "Halted"),
        status: vm.status,
        labels: { ...vm.labels },
        annotations: { ...vm.annotations },
        createdAt: vm.createdAt,
      };
      if (running) {
        state.vmi = this.newVmi();
        state.vmi.phase = VMIPhase.RUNNING;
        state.vmi.paused = vm.status === VMStatus.PAUSED;
        if (vm.nodeName) state.vmi.nodeName = vm.nodeName;
        if (vm.ip) state.vmi.ip = vm.ip;
      }
      this.vms.set(key(vm.cluster, vm.namespace, vm.name), state);
    }
    this.instanceTypes.push(...(seed.instanceTypes ?? []));
    this.preferences.push(...(seed.preferences ?? []));
    for (const ns of seed.namespaces ?? []) this.namespaces.set(`${ns.cluster}/${ns.name}`, {});
  }

  /** The labels of a namespace the mock knows (created or seeded), for assertions. */
  namespaceLabels(cluster: string, name: string): Record<string, string> | undefined {
    return this.namespaces.get(`${cluster}/${name}`);
  }

  /** Forgets every object, queued transition, injected failure and validation result. */
  reset(): void {
    this.vms.clear();
    this.snapshots.clear();
    this.restores.clear();
    this.clones.clear();
    this.migrations.clear();
    this.instanceTypes = [];
    this.preferences = [];
    this.namespaces.clear();
    this.pending = [];
    this.failures.clear();
    this.validation = undefined;
  }

  /** The next call of `method` ("*": of any method) throws `error` instead of running. Queued per method. */
  failNext(method: MockProviderMethod | "*", error: unknown): void {
    const queue = this.failures.get(method) ?? [];
    queue.push(error);
    this.failures.set(method, queue);
  }

  /** What `validateSpec` answers for specs that render (SPEC §10: injectable); undefined restores the rules. */
  setValidationResult(result: ValidationResult | undefined): void {
    this.validation = result;
  }

  /** Runs queued transitions until none can progress (the controller catching up). */
  settle(): void {
    for (let progressed = true; progressed && this.pending.length > 0; ) {
      progressed = false;
      const steps = this.pending;
      this.pending = [];
      for (const step of steps) {
        if (step() === "done") progressed = true;
        else this.pending.push(step);
      }
    }
  }

  /** Transitions still waiting (e.g. a restore onto a VM that has not stopped). */
  pendingTransitions(): number {
    return this.pending.length;
  }

  // -------------------------------------------------------------------------------------------- VMs

  async getVM(cluster: string, namespace: string, name: string, opts?: CallOptions): Promise<VM> {
    this.enter("getVM", cluster, opts);
    return this.toVM(this.requireVm(cluster, namespace, name));
  }

  async listVMs(cluster: string, namespace: string, opts: ListVMsOptions = {}): Promise<VMList> {
    this.enter("listVMs", cluster, opts);
    const all = [...this.vms.values()]
      .filter((vm) => vm.cluster === cluster && (namespace === "" || vm.namespace === namespace))
      .filter((vm) => matchesLabelSelector(vm.labels, opts.labelSelector))
      .filter((vm) => matchesFieldSelector({ name: vm.name, namespace: vm.namespace }, opts.fieldSelector))
      .sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
    const after = opts.continue ? decodeContinue(opts.continue) : undefined;
    const rest = after ? all.filter((vm) => `${vm.namespace}/${vm.name}`.localeCompare(after) > 0) : all;
    const limit = opts.limit && opts.limit > 0 ? opts.limit : rest.length;
    const page = rest.slice(0, limit);
    const last = page.at(-1);
    const more = rest.length > page.length && last !== undefined;
    return {
      items: page.map((vm) => this.toVM(vm)),
      // As the API server: remainingItemCount only on an unfiltered list, so a total only on its first page.
      total: after === undefined && !opts.labelSelector && !opts.fieldSelector ? rest.length : page.length,
      ...(more ? { continue: encodeContinue(`${last.namespace}/${last.name}`) } : {}),
    };
  }

  async createVM(cluster: string, namespace: string, spec: VMSpec, opts?: CallOptions): Promise<VM> {
    this.enter("createVM", cluster, opts);
    const manifest = renderVMManifest(namespace, spec);
    this.admitRunStrategy(cluster, manifest.spec?.runStrategy);
    const k = key(cluster, namespace, spec.name);
    const existing = this.vms.get(k);
    // Server-side apply is an upsert: an existing VM takes the new spec.
    const state: VmState = {
      ...(existing ?? {}),
      ...fromSpec(cluster, namespace, spec, manifest.spec?.runStrategy ?? "Always"),
      createdAt: existing?.createdAt ?? this.now(),
      status: existing?.status ?? VMStatus.CREATING,
      ...(existing?.vmi ? { vmi: existing.vmi } : {}),
    };
    this.vms.set(k, state);
    const accepted = this.toVM(state);
    if (!existing && state.runStrategy === "Always") this.queue(() => this.boot(state));
    if (!existing && state.runStrategy !== "Always") state.status = VMStatus.STOPPED;
    this.autoSettle();
    return accepted;
  }

  async updateVM(
    cluster: string,
    namespace: string,
    name: string,
    spec: VMSpec,
    opts?: CallOptions,
  ): Promise<VM> {
    this.enter("updateVM", cluster, opts);
    const current = this.requireVm(cluster, namespace, name);
    const manifest = renderVMManifest(namespace, { ...spec, name }, { runStrategy: current.runStrategy });
    Object.assign(current, fromSpec(cluster, namespace, { ...spec, name }, current.runStrategy), {
      updatedAt: this.now(),
    });
    this.admitRunStrategy(cluster, manifest.spec?.runStrategy);
    return this.toVM(current);
  }

  async deleteVM(cluster: string, namespace: string, name: string, opts?: CallOptions): Promise<void> {
    this.enter("deleteVM", cluster, opts);
    const vm = this.requireVm(cluster, namespace, name);
    vm.status = VMStatus.DELETING;
    this.queue(() => {
      this.vms.delete(key(cluster, namespace, name));
      return "done";
    });
    this.autoSettle();
  }

  async startVM(cluster: string, namespace: string, name: string, opts?: CallOptions): Promise<void> {
    this.enter("startVM", cluster, opts);
    const vm = this.requireVm(cluster, namespace, name);
    if (vm.vmi) throw wrongState("start", CONFLICT("virtualmachine", name, "VM is already running"));
    if (vm.runStrategy !== "Halted" && vm.runStrategy !== "Manual" && vm.runStrategy !== "RerunOnFailure") {
      throw wrongState(
        "start",
        CONFLICT("virtualmachine", name, `${vm.runStrategy} does not support manual start requests`),
      );
    }
    if (vm.runStrategy === "Halted") vm.runStrategy = "Always";
    vm.status = VMStatus.CREATING;
    this.queue(() => this.boot(vm));
    this.autoSettle();
  }

  async stopVM(cluster: string, namespace: string, name: string, opts?: StopVMOptions): Promise<void> {
    this.enter("stopVM", cluster, opts);
    const vm = this.requireVm(cluster, namespace, name);
    if (vm.runStrategy === "Halted") {
      if (!vm.vmi) throw wrongState("stop", CONFLICT("virtualmachine", name, "VM is not running"));
      // Only a shorter grace period (force) may end a VM that is already stopping.
      if (opts?.force !== true) {
        throw wrongState(
          "stop",
          CONFLICT(
            "virtualmachine",
            name,
            "Halted only supports manual stop requests with a shorter graceperiod",
          ),
        );
      }
    } else if ((vm.runStrategy === "Manual" || vm.runStrategy === "RerunOnFailure") && !vm.vmi) {
      throw wrongState("stop", CONFLICT("virtualmachine", name, "VM is not running"));
    }
    if (vm.runStrategy !== "Manual" && vm.runStrategy !== "RerunOnFailure") vm.runStrategy = "Halted";
    vm.status = vm.vmi ? VMStatus.STOPPING : VMStatus.STOPPED;
    this.queue(() => {
      delete vm.vmi;
      vm.status = VMStatus.STOPPED;
      return "done";
    });
    this.autoSettle();
  }

  async restartVM(cluster: string, namespace: string, name: string, opts?: CallOptions): Promise<void> {
    this.enter("restartVM", cluster, opts);
    const vm = this.requireVm(cluster, namespace, name);
    if (vm.runStrategy === "Halted" || vm.runStrategy === "Once") {
      throw wrongState(
        "restart",
        CONFLICT("virtualmachine", name, `${vm.runStrategy} does not support manual restart requests`),
      );
    }
    if (!vm.vmi) throw wrongState("restart", CONFLICT("virtualmachine", name, "VM is not running"));
    vm.status = VMStatus.STOPPING;
    this.queue(() => {
      delete vm.vmi;
      return this.boot(vm);
    });
    this.autoSettle();
  }

  async pauseVM(cluster: string, namespace: string, name: string, opts?: CallOptions): Promise<void> {
    this.enter("pauseVM", cluster, opts);
    const vmi = this.requireVmi(cluster, namespace, name, "pause");
    if (vmi.phase !== VMIPhase.RUNNING) {
      throw wrongState("pause", CONFLICT("virtualmachineinstance", name, "VMI is not running"));
    }
    if (vmi.paused)
      throw wrongState("pause", CONFLICT("virtualmachineinstance", name, "VMI is already paused"));
    vmi.paused = true;
    const vm = this.requireVm(cluster, namespace, name);
    this.queue(() => {
      if (vm.vmi?.paused) vm.status = VMStatus.PAUSED;
      return "done";
    });
    this.autoSettle();
  }

  async unpauseVM(cluster: string, namespace: string, name: string, opts?: CallOptions): Promise<void> {
    this.enter("unpauseVM", cluster, opts);
    const vmi = this.requireVmi(cluster, namespace, name, "unpause");
    if (!vmi.paused)
      throw wrongState("unpause", CONFLICT("virtualmachineinstance", name, "VMI is not paused"));
    vmi.paused = false;
    const vm = this.requireVm(cluster, namespace, name);
    this.queue(() => {
      if (vm.vmi && !vm.vmi.paused) vm.status = VMStatus.RUNNING;
      return "done";
    });
    this.autoSettle();
  }

  async getVMI(cluster: string, namespace: string, name: string, opts?: CallOptions): Promise<VMI> {
    this.enter("getVMI", cluster, opts);
    const vm = this.vms.get(key(cluster, namespace, name));
    if (!vm?.vmi) throw notFound(cluster, "VirtualMachineInstance", namespace, name);
    return toVMI(vm, vm.vmi);
  }

  async listVMIs(cluster: string, namespace: string, opts?: CallOptions): Promise<VMI[]> {
    this.enter("listVMIs", cluster, opts);
    return [...this.vms.values()]
      .filter((vm) => vm.cluster === cluster && (namespace === "" || vm.namespace === namespace))
      .flatMap((vm) => (vm.vmi ? [toVMI(vm, vm.vmi)] : []))
      .sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
  }

  async validateSpec(
    cluster: string,
    namespace: string,
    spec: VMSpec,
    opts?: CallOptions,
  ): Promise<ValidationResult> {
    this.enter("validateSpec", cluster, opts);
    try {
      const manifest = renderVMManifest(namespace, spec);
      this.admitRunStrategy(cluster, manifest.spec?.runStrategy);
    } catch (e) {
      if (isAppError(e, "VALIDATION_FAILED")) {
        return { valid: false, errors: (e.fieldErrors ?? []).map((f) => f.message ?? f.field) };
      }
      if (isAppError(e, "K8S_INVALID")) {
        return { valid: false, errors: (e.fieldErrors ?? []).map((f) => `${f.field}: ${f.message ?? ""}`) };
      }
      throw e;
    }
    return this.validation ?? { valid: true };
  }

  // -------------------------------------------------------------------------------------- snapshots

  async createSnapshot(
    cluster: string,
    namespace: string,
    vmName: string,
    snapshotName: string,
    opts?: CallOptions,
  ): Promise<Snapshot> {
    this.enter("createSnapshot", cluster, opts);
    const vm = this.requireVm(cluster, namespace, vmName);
    const k = key(cluster, namespace, snapshotName);
    if (this.snapshots.has(k))
      throw alreadyExists(cluster, "virtualmachinesnapshots.snapshot.kubevirt.io", snapshotName);
    const state: SnapshotState = {
      snapshot: {
        name: snapshotName,
        namespace,
        cluster,
        sourceVm: vmName,
        status: SnapshotStatus.IN_PROGRESS,
        createdAt: this.now(),
        readyToUse: false,
      },
    };
    this.snapshots.set(k, state);
    const accepted = { ...state.snapshot };
    this.queue(() => {
      state.captured = structuredClone({ ...vm, vmi: undefined });
      state.snapshot.status = SnapshotStatus.SUCCEEDED;
      state.snapshot.readyToUse = true;
      return "done";
    });
    this.autoSettle();
    return accepted;
  }

  async getSnapshot(cluster: string, namespace: string, name: string, opts?: CallOptions): Promise<Snapshot> {
    this.enter("getSnapshot", cluster, opts);
    return { ...this.requireSnapshot(cluster, namespace, name).snapshot };
  }

  async listSnapshots(
    cluster: string,
    namespace: string,
    vmName: string,
    opts?: CallOptions,
  ): Promise<Snapshot[]> {
    this.enter("listSnapshots", cluster, opts);
    return newestFirst(
      [...this.snapshots.values()]
        .map((s) => s.snapshot)
        .filter((s) => s.cluster === cluster && s.namespace === namespace && s.sourceVm === vmName)
        .map((s) => ({ ...s })),
    );
  }

  async deleteSnapshot(cluster: string, namespace: string, name: string, opts?: CallOptions): Promise<void> {
    this.enter("deleteSnapshot", cluster, opts);
    this.requireSnapshot(cluster, namespace, name);
    this.snapshots.delete(key(cluster, namespace, name));
  }

  async restoreFromSnapshot(
    cluster: string,
    namespace: string,
    snapshotName: string,
    targetVmName: string,
    opts?: RestoreOptions,
  ): Promise<Restore> {
    this.enter("restoreFromSnapshot", cluster, opts);
    const snap = this.requireSnapshot(cluster, namespace, snapshotName);
    const name = opts?.name ?? `${targetVmName}-restore-${this.suffix()}`;
    if (this.restores.has(key(cluster, namespace, name)))
      throw new AppError("K8S_CONFLICT", {
        cluster,
        k8s_message: `virtualmachinerestores.snapshot.kubevirt.io "${name}" already exists`,
      });
    const restore: Restore = {
      name,
      namespace,
      cluster,
      targetVm: targetVmName,
      snapshotName,
      complete: false,
      status: RestoreStatus.IN_PROGRESS,
      createdAt: this.now(),
    };
    this.restores.set(key(cluster, namespace, restore.name), restore);
    const accepted = { ...restore };
    this.queue(() => {
      const target = this.vms.get(key(cluster, namespace, targetVmName));
      // KubeVirt's default targetReadinessPolicy waits for a running target to stop.
      if (!snap.captured || target?.vmi) return "wait";
      this.putVmFrom(snap.captured, cluster, namespace, targetVmName, target);
      restore.complete = true;
      restore.status = RestoreStatus.SUCCEEDED;
      return "done";
    });
    this.autoSettle();
    return accepted;
  }

  async getRestore(cluster: string, namespace: string, name: string, opts?: CallOptions): Promise<Restore> {
    this.enter("getRestore", cluster, opts);
    const r = this.restores.get(key(cluster, namespace, name));
    if (!r) throw notFound(cluster, "VirtualMachineRestore", namespace, name);
    return { ...r };
  }

  async listRestores(cluster: string, namespace: string, opts?: CallOptions): Promise<Restore[]> {
    this.enter("listRestores", cluster, opts);
    return newestFirst(
      [...this.restores.values()]
        .filter((r) => r.cluster === cluster && r.namespace === namespace)
        .map((r) => ({ ...r })),
    );
  }

  // ----------------------------------------------------------------------------------------- clones

  async cloneVM(
    cluster: string,
    namespace: string,
    sourceVm: string,
    targetName: string,
    opts?: CloneOptions,
  ): Promise<Clone> {
    this.enter("cloneVM", cluster, opts);
    const source = this.requireVm(cluster, namespace, sourceVm);
    return this.startClone(
      cluster,
      namespace,
      { kind: CloneSourceKind.VM, name: sourceVm },
      targetName,
      () => structuredClone({ ...source, vmi: undefined }),
      opts?.labels,
    );
  }

  async cloneFromSnapshot(
    cluster: string,
    namespace: string,
    snapshotName: string,
    targetName: string,
    opts?: CloneOptions,
  ): Promise<Clone> {
    this.enter("cloneFromSnapshot", cluster, opts);
    const snap = this.requireSnapshot(cluster, namespace, snapshotName);
    return this.startClone(
      cluster,
      namespace,
      { kind: CloneSourceKind.SNAPSHOT, name: snapshotName },
      targetName,
      () => snap.captured,
      opts?.labels,
    );
  }

  async getClone(cluster: string, namespace: string, name: string, opts?: CallOptions): Promise<Clone> {
    this.enter("getClone", cluster, opts);
    const c = this.clones.get(key(cluster, namespace, name));
    if (!c) throw notFound(cluster, "VirtualMachineClone", namespace, name);
    return { ...c, source: { ...c.source } };
  }

  async listClones(cluster: string, namespace: string, opts?: CallOptions): Promise<Clone[]> {
    this.enter("listClones", cluster, opts);
    return newestFirst(
      [...this.clones.values()]
        .filter((c) => c.cluster === cluster && c.namespace === namespace)
        .map((c) => ({ ...c, source: { ...c.source } })),
    );
  }

  // ------------------------------------------------------------------------------------- migrations

  async migrateVM(
    cluster: string,
    namespace: string,
    vmName: string,
    opts?: CallOptions,
  ): Promise<Migration> {
    this.enter("migrateVM", cluster, opts);
    const vm = this.requireVm(cluster, namespace, vmName);
    if (!vm.vmi || vm.vmi.phase !== VMIPhase.RUNNING) {
      throw wrongState("migrate", CONFLICT("virtualmachine", vmName, "VM is not running"));
    }
    const inFlight = [...this.migrations.values()].some(
      (m) =>
        m.cluster === cluster &&
        m.namespace === namespace &&
        m.vmName === vmName &&
        m.status !== MigrationPhase.SUCCEEDED &&
        m.status !== MigrationPhase.FAILED,
    );
    if (inFlight) {
      throw wrongState(
        "migrate",
        CONFLICT(
          "virtualmachine",
          vmName,
          `in-flight migration detected. Active migration job is currently migrating VMI ${vmName}`,
        ),
      );
    }
    const migration: Migration = {
      name: `kubevirt-migrate-vm-${this.suffix()}`,
      namespace,
      cluster,
      vmName,
      status: MigrationPhase.PENDING,
      createdAt: this.now(),
    };
    const k = key(cluster, namespace, migration.name);
    this.migrations.set(k, migration);
    const accepted = { ...migration };
    this.queue(() => {
      // Cancelled (deleted) before it ran, or the instance went away meanwhile.
      if (!this.migrations.has(k)) return "done";
      const vmi = vm.vmi;
      if (!vmi) {
        migration.status = MigrationPhase.FAILED;
        return "done";
      }
      migration.sourceNode = vmi.nodeName;
      vmi.nodeName = this.nextNode(vmi.nodeName);
      migration.targetNode = vmi.nodeName;
      migration.status = MigrationPhase.SUCCEEDED;
      migration.completedAt = this.now();
      return "done";
    });
    this.autoSettle();
    return accepted;
  }

  async getMigration(
    cluster: string,
    namespace: string,
    name: string,
    opts?: CallOptions,
  ): Promise<Migration> {
    this.enter("getMigration", cluster, opts);
    return { ...this.requireMigration(cluster, namespace, name) };
  }

  async listMigrations(cluster: string, namespace: string, opts?: CallOptions): Promise<Migration[]> {
    this.enter("listMigrations", cluster, opts);
    return newestFirst(
      [...this.migrations.values()]
        .filter((m) => m.cluster === cluster && m.namespace === namespace)
        .map((m) => ({ ...m })),
    );
  }

  async cancelMigration(cluster: string, namespace: string, name: string, opts?: CallOptions): Promise<void> {
    this.enter("cancelMigration", cluster, opts);
    this.requireMigration(cluster, namespace, name);
    this.migrations.delete(key(cluster, namespace, name));
  }

  // --------------------------------------------------------------------------------- instance types

  async listInstanceTypes(cluster: string, namespace: string, opts?: CallOptions): Promise<InstanceType[]> {
    this.enter("listInstanceTypes", cluster, opts);
    return byName(this.instanceTypes.filter((t) => t.cluster === cluster && t.namespace === namespace)).map(
      strip,
    );
  }

  async listClusterInstanceTypes(cluster: string, opts?: CallOptions): Promise<InstanceType[]> {
    this.enter("listClusterInstanceTypes", cluster, opts);
    return byName(this.instanceTypes.filter((t) => t.cluster === cluster && t.namespace === undefined)).map(
      strip,
    );
  }

  async listPreferences(cluster: string, namespace: string, opts?: CallOptions): Promise<Preference[]> {
    this.enter("listPreferences", cluster, opts);
    return byName(this.preferences.filter((p) => p.cluster === cluster && p.namespace === namespace)).map(
      strip,
    );
  }

  async listClusterPreferences(cluster: string, opts?: CallOptions): Promise<Preference[]> {
    this.enter("listClusterPreferences", cluster, opts);
    return byName(this.preferences.filter((p) => p.cluster === cluster && p.namespace === undefined)).map(
      strip,
    );
  }

  // ---------------------------------------------------------------------------------------- console

  async getVNCConnection(
    cluster: string,
    _namespace: string,
    _name: string,
    opts?: CallOptions,
  ): Promise<ConsoleConnection> {
    this.enter("getVNCConnection", cluster, opts);
    throw new AppError("PROVIDER_NOT_SUPPORTED", { capability: "console.vnc", cluster });
  }

  async getSerialConsole(
    cluster: string,
    _namespace: string,
    _name: string,
    opts?: CallOptions,
  ): Promise<ConsoleConnection> {
    this.enter("getSerialConsole", cluster, opts);
    throw new AppError("PROVIDER_NOT_SUPPORTED", { capability: "console.serial", cluster });
  }

  // ------------------------------------------------------------------------------------- namespaces

  async createNamespace(
    cluster: string,
    name: string,
    labels: Record<string, string>,
    opts?: CallOptions,
  ): Promise<CreateNamespaceResult> {
    this.enter("createNamespace", cluster, opts);
    const k = `${cluster}/${name}`;
    const hasVms = [...this.vms.values()].some((vm) => vm.cluster === cluster && vm.namespace === name);
    if (this.namespaces.has(k) || hasVms) return { name, created: false };
    // The API server's rule for a namespace name (RFC 1123 label).
    if (name.length > 63 || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name)) {
      throw new AppError("NAMESPACE_CREATION_FAILED", { namespace: name, cluster });
    }
    this.namespaces.set(k, { ...labels });
    return { name, created: true };
  }

  // ---------------------------------------------------------------------------------------- helpers

  /** Abort, unknown cluster and injected failures, in the order a real call meets them. */
  private enter(method: MockProviderMethod, cluster: string, opts: CallOptions | undefined): void {
    if (opts?.signal?.aborted) throw opts.signal.reason;
    if (this.clusters && !this.clusters.has(cluster)) throw new AppError("CLUSTER_NOT_FOUND", { cluster });
    for (const k of [method, "*"] as const) {
      const queue = this.failures.get(k);
      if (queue && queue.length > 0) throw queue.shift();
    }
  }

  private queue(step: Step): void {
    this.pending.push(step);
  }

  private autoSettle(): void {
    if (this.settleMode === "immediate") this.settle();
  }

  private boot(vm: VmState): "done" {
    if (!this.vms.has(key(vm.cluster, vm.namespace, vm.name))) return "done";
    vm.vmi = this.newVmi();
    vm.status = VMStatus.RUNNING;
    return "done";
  }

  private newVmi(): VmiState {
    const nodeName = this.nodes[this.nodeCursor++ % this.nodes.length] ?? "node-1";
    return {
      phase: VMIPhase.RUNNING,
      paused: false,
      nodeName,
      ip: `10.244.0.${this.ipCounter++ % 250}`,
      createdAt: this.now(),
    };
  }

  private nextNode(current: string): string {
    const others = this.nodes.filter((n) => n !== current);
    return others[0] ?? current;
  }

  /** Restored and cloned VMs are created stopped, as KubeVirt does. */
  private putVmFrom(
    captured: VmState,
    cluster: string,
    namespace: string,
    name: string,
    existing: VmState | undefined,
  ): void {
    const base = structuredClone(captured);
    const vm: VmState = {
      ...base,
      cluster,
      namespace,
      name,
      runStrategy: "Halted",
      status: VMStatus.STOPPED,
      createdAt: existing?.createdAt ?? this.now(),
    };
    delete vm.vmi;
    this.vms.set(key(cluster, namespace, name), vm);
  }

  private startClone(
    cluster: string,
    namespace: string,
    source: Clone["source"],
    targetName: string,
    capture: () => VmState | undefined,
    labels: Record<string, string> | undefined,
  ): Clone {
    if (this.vms.has(key(cluster, namespace, targetName))) {
      throw new AppError("K8S_CONFLICT", {
        cluster,
        k8s_message: `VirtualMachine ${namespace}/${targetName} already exists`,
      });
    }
    const clone: Clone = {
      name: `${targetName}-clone-${this.suffix()}`,
      namespace,
      cluster,
      source,
      targetVm: targetName,
      status: CloneStatus.PENDING,
      createdAt: this.now(),
    };
    this.clones.set(key(cluster, namespace, clone.name), clone);
    const accepted = { ...clone, source: { ...source } };
    this.queue(() => {
      const captured = capture();
      if (!captured) {
        clone.status = CloneStatus.FAILED;
        clone.errorMessage = `source ${source.kind} ${source.name} not found`;
        return "done";
      }
      if (this.vms.has(key(cluster, namespace, targetName))) {
        clone.status = CloneStatus.FAILED;
        clone.errorMessage = `target VM ${targetName} already exists`;
        return "done";
      }
      this.putVmFrom(captured, cluster, namespace, targetName, undefined);
      const created = this.vms.get(key(cluster, namespace, targetName));
      if (created && labels) created.labels = { ...created.labels, ...labels };
      clone.status = CloneStatus.SUCCEEDED;
      return "done";
    });
    this.autoSettle();
    return accepted;
  }

  /** KubeVirt's VM admission on the run strategy (the only refusal a rendered spec can meet here). */
  private admitRunStrategy(cluster: string, strategy: string | undefined): void {
    const known = ["Always", "Halted", "Manual", "RerunOnFailure", "Once"];
    if (strategy !== undefined && !known.includes(strategy)) {
      throw new AppError(
        "K8S_INVALID",
        { cluster, k8s_message: `Invalid RunStrategy (${strategy})` },
        {
          fieldErrors: [
            {
              field: "spec.runStrategy",
              code: "FieldValueInvalid",
              message: `Invalid RunStrategy (${strategy})`,
            },
          ],
        },
      );
    }
  }

  private requireVm(cluster: string, namespace: string, name: string): VmState {
    const vm = this.vms.get(key(cluster, namespace, name));
    if (!vm) throw new AppError("VM_NOT_FOUND", { name, namespace, cluster });
    return vm;
  }

  /** pause/unpause: a missing VMI is a wrong state of an existing VM. */
  private requireVmi(cluster: string, namespace: string, name: string, action: string): VmiState {
    const vm = this.requireVm(cluster, namespace, name);
    if (!vm.vmi) {
      throw wrongState(action, `virtualmachineinstances.kubevirt.io "${name}" not found`);
    }
    return vm.vmi;
  }

  private requireSnapshot(cluster: string, namespace: string, name: string): SnapshotState {
    const s = this.snapshots.get(key(cluster, namespace, name));
    if (!s) throw notFound(cluster, "VirtualMachineSnapshot", namespace, name);
    return s;
  }

  private requireMigration(cluster: string, namespace: string, name: string): Migration {
    const m = this.migrations.get(key(cluster, namespace, name));
    if (!m) throw notFound(cluster, "VirtualMachineInstanceMigration", namespace, name);
    return m;
  }

  private suffix(): string {
    return (++this.counter).toString(36).padStart(5, "0");
  }

  private toVM(vm: VmState): VM {
    const governance = readGovernance(vm.labels);
    return {
      id: "",
      name: vm.name,
      namespace: vm.namespace,
      cluster: vm.cluster,
      cpu: vm.cpu,
      memoryMb: vm.memoryMb,
      ...(vm.diskGb ? { diskGb: vm.diskGb } : {}),
      ...(vm.image !== undefined ? { image: vm.image } : {}),
      status: vm.status,
      runStrategy: vm.runStrategy,
      ...(vm.labels[ShepherdLabel.instance] ? { instance: vm.labels[ShepherdLabel.instance] } : {}),
      ...(vm.labels[SERVICE_ID_LABEL] ? { serviceId: vm.labels[SERVICE_ID_LABEL] } : {}),
      ...(vm.vmi ? { ip: vm.vmi.ip, nodeName: vm.vmi.nodeName, startedAt: vm.vmi.createdAt } : {}),
      createdAt: vm.createdAt,
      ...(vm.updatedAt ? { updatedAt: vm.updatedAt } : {}),
      labels: { ...vm.labels },
      annotations: { ...vm.annotations },
      ...(governance ? { governance } : {}),
    };
  }
}

function fromSpec(
  cluster: string,
  namespace: string,
  spec: VMSpec,
  runStrategy: string,
): Omit<VmState, "createdAt" | "status"> {
  return {
    cluster,
    namespace,
    name: spec.name,
    cpu: spec.cpu,
    memoryMb: spec.memoryMb,
    ...(spec.diskGb ? { diskGb: spec.diskGb } : {}),
    image: spec.image,
    runStrategy,
    labels: {
      ...spec.labels,
      [ShepherdLabel.managedBy]: MANAGED_BY_VALUE,
      [ShepherdLabel.hostname]: spec.name,
    },
    annotations: { [FQDN_ANNOTATION]: `${spec.name}.${namespace}.svc.cluster.local` },
  };
}

function toVMI(vm: VmState, vmi: VmiState): VMI {
  return {
    name: vm.name,
    namespace: vm.namespace,
    cluster: vm.cluster,
    phase: vmi.phase,
    nodeName: vmi.nodeName,
    ips: [vmi.ip],
    interfaces: [{ name: "default", ip: vmi.ip, ips: [vmi.ip] }],
    conditions: vmi.paused
      ? [
          { type: "Ready", status: "True" },
          { type: "Paused", status: "True", reason: "PausedByUser", message: "VMI was paused by user" },
        ]
      : [{ type: "Ready", status: "True" }],
    createdAt: vmi.createdAt,
    labels: { ...vm.labels },
  };
}

function wrongState(action: string, k8sMessage: string): AppError<"VM_WRONG_STATE"> {
  return new AppError("VM_WRONG_STATE", { action, k8s_message: k8sMessage });
}

function notFound(cluster: string, kind: string, namespace: string, name: string): AppError<"K8S_NOT_FOUND"> {
  return new AppError("K8S_NOT_FOUND", { cluster, kind, name, namespace });
}

function alreadyExists(cluster: string, resource: string, name: string): AppError<"K8S_CONFLICT"> {
  return new AppError("K8S_CONFLICT", { cluster, k8s_message: `${resource} "${name}" already exists` });
}

const key = (cluster: string, namespace: string, name: string) => `${cluster}/${namespace}/${name}`;

const encodeContinue = (k: string) => Buffer.from(k, "utf8").toString("base64url");

function decodeContinue(token: string): string {
  const decoded = Buffer.from(token, "base64url").toString("utf8");
  if (!decoded.includes("/")) {
    throw new AppError("K8S_INVALID", { cluster: "", k8s_message: "continue key is not valid" });
  }
  return decoded;
}

function newestFirst<T extends { createdAt: Date; name: string }>(items: T[]): T[] {
  return items.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || a.name.localeCompare(b.name));
}

function byName<T extends { name: string }>(items: T[]): T[] {
  return [...items].sort((a, b) => a.name.localeCompare(b.name));
}

function strip<T extends { cluster: string }>(item: T): Omit<T, "cluster"> {
  const { cluster: _cluster, ...rest } = item;
  return rest;
}
