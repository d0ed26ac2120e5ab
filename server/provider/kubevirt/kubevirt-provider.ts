import "server-only";
import type { Clone } from "@/lib/domain/clone";
import type { ConsoleConnection } from "@/lib/domain/console";
import type { InstanceType, Preference } from "@/lib/domain/instance-type";
import type { Migration } from "@/lib/domain/migration";
import type {
  CallOptions,
  CloneOptions,
  CreateNamespaceResult,
  KubeVirtProvider as KubeVirtProviderContract,
  ListVMsOptions,
  RestoreOptions,
  StopVMOptions,
} from "@/lib/domain/provider";
import type { Restore, Snapshot } from "@/lib/domain/snapshot";
import type { ValidationResult } from "@/lib/domain/validation";
import type { VM, VMList, VMSpec } from "@/lib/domain/vm";
import type { VMI } from "@/lib/domain/vmi";
import { AppError, isAppError } from "@/lib/errors/app-error";
import { KubeApiError } from "@/server/k8s/kube-api-error";
import type { KubeRequest, KubeTransport } from "@/server/k8s/kube-client";
import {
  type ApiResource,
  CLONE,
  CLUSTER_INSTANCE_TYPE,
  CLUSTER_PREFERENCE,
  INSTANCE_TYPE,
  MIGRATION,
  NAMESPACE,
  PREFERENCE,
  RESTORE,
  resourcePath,
  SNAPSHOT,
  VIRTUAL_MACHINE,
  VIRTUAL_MACHINE_INSTANCE,
} from "./api-paths";
import { type KubeErrorContext, toAppError } from "./kube-errors";
import {
  type MapContext,
  mapClone,
  mapInstanceType,
  mapMigration,
  mapPreference,
  mapRestore,
  mapSnapshot,
  mapVM,
  mapVMI,
  mapVMList,
} from "./mapper";
import { namespaceCreateError } from "./namespace-errors";
import * as sub from "./subresources";
import { FIELD_MANAGER, renderVMManifest } from "./vm-manifest";
import type { RunStrategy } from "./wire";

/** The transport gate the provider needs (ClusterGate satisfies it); consumer-owned so tests can fake it. */
export interface ProviderGate {
  run<T>(
    clusterId: string,
    fn: (signal: AbortSignal) => Promise<T>,
    opts?: { signal?: AbortSignal; timeoutMs?: number },
  ): Promise<T>;
}

export interface KubeVirtProviderDeps {
  /** The cluster's transport; rejects with AppError CLUSTER_NOT_FOUND for an unknown id. */
  transportFor(clusterId: string, signal?: AbortSignal): Promise<KubeTransport>;
  gate: ProviderGate;
  /** Told about objects the mapper skipped in a list (logged by the caller's logger). */
  onSkip?: (info: { cluster: string; kind: string; error: unknown; raw: unknown }) => void;
  /**
   * The cluster's detected feature gates (issue 7), to refuse an operation the cluster cannot do before calling
   * it. Absent, or resolving to undefined (never detected), leaves the decision to the cluster.
   */
  capabilitiesOf?: (clusterId: string) => Promise<{ enabledFeatures: readonly string[] } | undefined>;
}

/** The feature gate each gated operation needs (KUBEVIRT-API.md §4.4–§4.6: clone is snapshot + restore). */
const SNAPSHOT_GATE = "Snapshot";
const LIVE_MIGRATION_GATE = "LiveMigration";

type Request = Omit<KubeRequest, "signal">;
type ErrorScope = Omit<KubeErrorContext, "cluster">;

const APPLY = "application/apply-patch+yaml";
const MIGRATION_GENERATE_NAME = "kubevirt-migrate-vm-";

/**
 * InfrastructureProvider & co. over the Kubernetes API of one KubeVirt cluster per call (SPEC §9).
 *
 * - Every HTTP request goes through the gate (per-cluster concurrency, timeout) with the caller's signal;
 *   an abort rejects with `signal.reason` unchanged.
 * - Writes resolve when the API server accepted them; KubeVirt's controllers move the VM afterwards.
 * - Kubernetes failures become AppErrors in kube-errors.ts.
 */
export class KubeVirtProvider implements KubeVirtProviderContract {
  constructor(private readonly deps: KubeVirtProviderDeps) {}

  name(): string {
    return "kubevirt";
  }

  type(): string {
    return "kubevirt";
  }

  // ------------------------------------------------------------------------------------------- VMs

  async getVM(cluster: string, namespace: string, name: string, opts?: CallOptions): Promise<VM> {
    const ref = { namespace, name };
    // The VMI is best effort: a stopped VM has none, and the VM alone still maps.
    const [vm, vmi] = await Promise.all([
      this.request(cluster, get(VIRTUAL_MACHINE, ref), vmScope(ref), opts?.signal),
      this.request(cluster, get(VIRTUAL_MACHINE_INSTANCE, ref), vmiScope(ref), opts?.signal).catch(
        () => null,
      ),
    ]);
    return mapVM(vm, vmi, this.mapContext(cluster, "VirtualMachine"));
  }

  async listVMs(cluster: string, namespace: string, opts: ListVMsOptions = {}): Promise<VMList> {
    const query = {
      labelSelector: opts.labelSelector,
      fieldSelector: opts.fieldSelector,
      limit: opts.limit,
      continue: opts.continue,
    };
    const [vms, vmis] = await Promise.all([
      this.request(
        cluster,
        { method: "GET", path: resourcePath(VIRTUAL_MACHINE, { namespace }), query },
        listScope(VIRTUAL_MACHINE, namespace),
        opts.signal,
      ),
      // Fetched once for the whole page and joined by namespace/name in the mapper.
      this.request(
        cluster,
        { method: "GET", path: resourcePath(VIRTUAL_MACHINE_INSTANCE, { namespace }) },
        listScope(VIRTUAL_MACHINE_INSTANCE, namespace),
        opts.signal,
      ).catch(() => null),
    ]);
    const page = readList(vms);
    const items = mapVMList(page.items, readList(vmis).items, this.mapContext(cluster, "VirtualMachine"));
    // remainingItemCount counts what follows this page, so it gives a total only on the first page.
    const total =
      page.remainingItemCount !== undefined && opts.continue === undefined
        ? page.items.length + page.remainingItemCount
        : page.items.length;
    return { items, total, ...(page.continue ? { continue: page.continue } : {}) };
  }

  async createVM(cluster: string, namespace: string, spec: VMSpec, opts?: CallOptions): Promise<VM> {
    const manifest = renderVMManifest(namespace, spec);
    const applied = await this.request(
      cluster,
      applyRequest(namespace, spec.name, manifest),
      vmScope({ namespace, name: spec.name }),
      opts?.signal,
    );
    return mapVM(applied, null, this.mapContext(cluster, "VirtualMachine"));
  }

  async updateVM(
    cluster: string,
    namespace: string,
    name: string,
    spec: VMSpec,
    opts?: CallOptions,
  ): Promise<VM> {
    const ref = { namespace, name };
    // Read first: an apply would create a missing VM, and it must keep the VM's run strategy (a forced
    // `Always` would restart a VM that a stop set to `Halted`).
    const current = await this.request(cluster, get(VIRTUAL_MACHINE, ref), vmScope(ref), opts?.signal);
    const run = currentRun(current);
    const manifest = renderVMManifest(
      namespace,
      { ...spec, name },
      run.strategy ? { runStrategy: run.strategy } : {},
    );
    if (run.legacy && manifest.spec) delete manifest.spec.runStrategy;
    // The resourceVersion we read makes the apply conditional: a VM changed meanwhile is K8S_CONFLICT.
    const resourceVersion = run.resourceVersion;
    if (resourceVersion && manifest.metadata) manifest.metadata.resourceVersion = resourceVersion;
    const applied = await this.request(
      cluster,
      applyRequest(namespace, name, manifest),
      vmScope(ref),
      opts?.signal,
    );
    return mapVM(applied, null, this.mapContext(cluster, "VirtualMachine"));
  }

  async deleteVM(cluster: string, namespace: string, name: string, opts?: CallOptions): Promise<void> {
    const ref = { namespace, name };
    // Default propagation: KubeVirt's own VM finalizer keeps the VM (Terminating → DELETING) until its VMI is
    // gone, so Foreground would add nothing.
    await this.request(
      cluster,
      { method: "DELETE", path: resourcePath(VIRTUAL_MACHINE, ref) },
      vmScope(ref),
      opts?.signal,
    );
  }

  startVM(cluster: string, namespace: string, name: string, opts?: CallOptions): Promise<void> {
    return this.power(cluster, { namespace, name }, "start", opts?.signal, sub.startVM);
  }

  stopVM(cluster: string, namespace: string, name: string, opts?: StopVMOptions): Promise<void> {
    const force = opts?.force === true;
    return this.power(cluster, { namespace, name }, "stop", opts?.signal, (t, ref) =>
      sub.stopVM(t, ref, force),
    );
  }

  restartVM(cluster: string, namespace: string, name: string, opts?: CallOptions): Promise<void> {
    return this.power(cluster, { namespace, name }, "restart", opts?.signal, sub.restartVM);
  }

  pauseVM(cluster: string, namespace: string, name: string, opts?: CallOptions): Promise<void> {
    return this.onInstance(cluster, { namespace, name }, "pause", opts?.signal, sub.pauseVMI);
  }

  unpauseVM(cluster: string, namespace: string, name: string, opts?: CallOptions): Promise<void> {
    return this.onInstance(cluster, { namespace, name }, "unpause", opts?.signal, sub.unpauseVMI);
  }

  async getVMI(cluster: string, namespace: string, name: string, opts?: CallOptions): Promise<VMI> {
    const ref = { namespace, name };
    const vmi = await this.request(cluster, get(VIRTUAL_MACHINE_INSTANCE, ref), vmiScope(ref), opts?.signal);
    return mapVMI(vmi, this.mapContext(cluster, "VirtualMachineInstance"));
  }

  listVMIs(cluster: string, namespace: string, opts?: CallOptions): Promise<VMI[]> {
    return this.list(cluster, VIRTUAL_MACHINE_INSTANCE, namespace, mapVMI, opts?.signal);
  }

  async validateSpec(
    cluster: string,
    namespace: string,
    spec: VMSpec,
    opts?: CallOptions,
  ): Promise<ValidationResult> {
    let manifest: ReturnType<typeof renderVMManifest>;
    try {
      manifest = renderVMManifest(namespace, spec);
    } catch (e) {
      if (isAppError(e, "VALIDATION_FAILED")) {
        return { valid: false, errors: (e.fieldErrors ?? []).map((f) => f.message ?? f.field) };
      }
      throw e;
    }
    const req = applyRequest(namespace, spec.name, manifest, true);
    try {
      await this.rawRequest(cluster, req, opts?.signal);
      return { valid: true };
    } catch (e) {
      if (opts?.signal?.aborted) throw opts.signal.reason;
      if (e instanceof KubeApiError && isRefusal(e)) return { valid: false, errors: refusalMessages(e) };
      throw toAppError(e, { cluster, ...vmScope({ namespace, name: spec.name }) });
    }
  }

  // ------------------------------------------------------------------------------------- snapshots

  async createSnapshot(
    cluster: string,
    namespace: string,
    vmName: string,
    snapshotName: string,
    opts?: CallOptions,
  ): Promise<Snapshot> {
    await this.requireFeature(cluster, SNAPSHOT_GATE, opts?.signal);
    // KubeVirt accepts a snapshot of a missing VM and fails it later; the contract wants VM_NOT_FOUND now.
    await this.request(
      cluster,
      get(VIRTUAL_MACHINE, { namespace, name: vmName }),
      vmScope({ namespace, name: vmName }),
      opts?.signal,
    );
    const created = await this.request(
      cluster,
      {
        method: "POST",
        path: resourcePath(SNAPSHOT, { namespace }),
        body: {
          apiVersion: apiVersion(SNAPSHOT),
          kind: SNAPSHOT.kind,
          metadata: { name: snapshotName, namespace },
          spec: { source: { apiGroup: VIRTUAL_MACHINE.group, kind: VIRTUAL_MACHINE.kind, name: vmName } },
        },
      },
      objectScope(SNAPSHOT, { namespace, name: snapshotName }),
      opts?.signal,
    );
    return mapSnapshot(created, this.mapContext(cluster, SNAPSHOT.kind));
  }

  async getSnapshot(cluster: string, namespace: string, name: string, opts?: CallOptions): Promise<Snapshot> {
    const ref = { namespace, name };
    const raw = await this.request(cluster, get(SNAPSHOT, ref), objectScope(SNAPSHOT, ref), opts?.signal);
    return mapSnapshot(raw, this.mapContext(cluster, SNAPSHOT.kind));
  }

  async listSnapshots(
    cluster: string,
    namespace: string,
    vmName: string,
    opts?: CallOptions,
  ): Promise<Snapshot[]> {
    // spec.source.name is not a supported field selector: filter here.
    const all = await this.list(cluster, SNAPSHOT, namespace, mapSnapshot, opts?.signal);
    return newestFirst(all.filter((s) => s.sourceVm === vmName));
  }

  async deleteSnapshot(cluster: string, namespace: string, name: string, opts?: CallOptions): Promise<void> {
    await this.delete(cluster, SNAPSHOT, { namespace, name }, opts?.signal);
  }

  async restoreFromSnapshot(
    cluster: string,
    namespace: string,
    snapshotName: string,
    targetVmName: string,
    opts?: RestoreOptions,
  ): Promise<Restore> {
    await this.requireFeature(cluster, SNAPSHOT_GATE, opts?.signal);
    await this.getSnapshot(cluster, namespace, snapshotName, opts);
    const created = await this.request(
      cluster,
      {
        method: "POST",
        path: resourcePath(RESTORE, { namespace }),
        body: {
          apiVersion: apiVersion(RESTORE),
          kind: RESTORE.kind,
          metadata: {
            ...(opts?.name ? { name: opts.name } : { generateName: `${targetVmName}-restore-` }),
            namespace,
          },
          spec: {
            target: { apiGroup: VIRTUAL_MACHINE.group, kind: VIRTUAL_MACHINE.kind, name: targetVmName },
            virtualMachineSnapshotName: snapshotName,
          },
        },
      },
      opts?.name ? objectScope(RESTORE, { namespace, name: opts.name }) : listScope(RESTORE, namespace),
      opts?.signal,
    );
    return mapRestore(created, this.mapContext(cluster, RESTORE.kind));
  }

  async getRestore(cluster: string, namespace: string, name: string, opts?: CallOptions): Promise<Restore> {
    const ref = { namespace, name };
    const raw = await this.request(cluster, get(RESTORE, ref), objectScope(RESTORE, ref), opts?.signal);
    return mapRestore(raw, this.mapContext(cluster, RESTORE.kind));
  }

  async listRestores(cluster: string, namespace: string, opts?: CallOptions): Promise<Restore[]> {
    return newestFirst(await this.list(cluster, RESTORE, namespace, mapRestore, opts?.signal));
  }

  // ---------------------------------------------------------------------------------------- clones

  async cloneVM(
    cluster: string,
    namespace: string,
    sourceVm: string,
    targetName: string,
    opts?: CloneOptions,
  ): Promise<Clone> {
    await this.requireFeature(cluster, SNAPSHOT_GATE, opts?.signal);
    const ref = { namespace, name: sourceVm };
    await this.request(cluster, get(VIRTUAL_MACHINE, ref), vmScope(ref), opts?.signal);
    return this.startClone(
      cluster,
      namespace,
      { apiGroup: VIRTUAL_MACHINE.group, kind: VIRTUAL_MACHINE.kind, name: sourceVm },
      targetName,
      opts,
    );
  }

  async cloneFromSnapshot(
    cluster: string,
    namespace: string,
    snapshotName: string,
    targetName: string,
    opts?: CloneOptions,
  ): Promise<Clone> {
    await this.requireFeature(cluster, SNAPSHOT_GATE, opts?.signal);
    await this.getSnapshot(cluster, namespace, snapshotName, opts);
    return this.startClone(
      cluster,
      namespace,
      { apiGroup: SNAPSHOT.group, kind: SNAPSHOT.kind, name: snapshotName },
      targetName,
      opts,
    );
  }

  async getClone(cluster: string, namespace: string, name: string, opts?: CallOptions): Promise<Clone> {
    const ref = { namespace, name };
    const raw = await this.request(cluster, get(CLONE, ref), objectScope(CLONE, ref), opts?.signal);
    return mapClone(raw, this.mapContext(cluster, CLONE.kind));
  }

  async listClones(cluster: string, namespace: string, opts?: CallOptions): Promise<Clone[]> {
    return newestFirst(await this.list(cluster, CLONE, namespace, mapClone, opts?.signal));
  }

  // ------------------------------------------------------------------------------------ migrations

  async migrateVM(
    cluster: string,
    namespace: string,
    vmName: string,
    opts?: CallOptions,
  ): Promise<Migration> {
    await this.requireFeature(cluster, LIVE_MIGRATION_GATE, opts?.signal);
    const ref = { namespace, name: vmName };
    // The subresource answers 202 without the migration's name, so it only checks (dry run, 409 →
    // VM_WRONG_STATE); the VMIM is then created as virt-api would, which returns its generated name.
    await this.power(cluster, ref, "migrate", opts?.signal, sub.checkMigrateVM);
    const created = await this.request(
      cluster,
      {
        method: "POST",
        path: resourcePath(MIGRATION, { namespace }),
        body: {
          apiVersion: apiVersion(MIGRATION),
          kind: MIGRATION.kind,
          metadata: {
            generateName: MIGRATION_GENERATE_NAME,
            namespace,
            labels: { "kubevirt.io/vmi-name": vmName },
          },
          spec: { vmiName: vmName },
        },
      },
      listScope(MIGRATION, namespace),
      opts?.signal,
    );
    return mapMigration(created, this.mapContext(cluster, MIGRATION.kind));
  }

  async getMigration(
    cluster: string,
    namespace: string,
    name: string,
    opts?: CallOptions,
  ): Promise<Migration> {
    const ref = { namespace, name };
    const raw = await this.request(cluster, get(MIGRATION, ref), objectScope(MIGRATION, ref), opts?.signal);
    return mapMigration(raw, this.mapContext(cluster, MIGRATION.kind));
  }

  async listMigrations(cluster: string, namespace: string, opts?: CallOptions): Promise<Migration[]> {
    return newestFirst(await this.list(cluster, MIGRATION, namespace, mapMigration, opts?.signal));
  }

  async cancelMigration(cluster: string, namespace: string, name: string, opts?: CallOptions): Promise<void> {
    await this.delete(cluster, MIGRATION, { namespace, name }, opts?.signal);
  }

  // -------------------------------------------------------------------------------- instance types

  async listInstanceTypes(cluster: string, namespace: string, opts?: CallOptions): Promise<InstanceType[]> {
    return byName(await this.list(cluster, INSTANCE_TYPE, namespace, mapInstanceType, opts?.signal));
  }

  async listClusterInstanceTypes(cluster: string, opts?: CallOptions): Promise<InstanceType[]> {
    return byName(await this.list(cluster, CLUSTER_INSTANCE_TYPE, "", mapInstanceType, opts?.signal));
  }

  async listPreferences(cluster: string, namespace: string, opts?: CallOptions): Promise<Preference[]> {
    return byName(await this.list(cluster, PREFERENCE, namespace, mapPreference, opts?.signal));
  }

  async listClusterPreferences(cluster: string, opts?: CallOptions): Promise<Preference[]> {
    return byName(await this.list(cluster, CLUSTER_PREFERENCE, "", mapPreference, opts?.signal));
  }

  // ------------------------------------------------------------------------------------ namespaces

  async createNamespace(
    cluster: string,
    name: string,
    labels: Record<string, string>,
    opts?: CallOptions,
  ): Promise<CreateNamespaceResult> {
    const signal = opts?.signal;
    const call = async (req: Request): Promise<unknown> => {
      try {
        return await this.rawRequest(cluster, req, signal);
      } catch (e) {
        if (signal?.aborted) throw signal.reason;
        throw e;
      }
    };
    // Look first, so an existing namespace gets no second create. Credentials that may create but not read
    // (a 403 on get) still try the create.
    try {
      await call({ method: "GET", path: resourcePath(NAMESPACE, { name }) });
      return { name, created: false };
    } catch (e) {
      if (!(e instanceof KubeApiError && (e.kind === "not-found" || e.kind === "forbidden"))) {
        throw namespaceCreateError(e, cluster, name);
      }
    }
    try {
      await call({
        method: "POST",
        path: resourcePath(NAMESPACE),
        body: { apiVersion: "v1", kind: "Namespace", metadata: { name, labels } },
      });
      return { name, created: true };
    } catch (e) {
      // Created meanwhile by someone else: NAMESPACE_ALREADY_EXISTS is informational (SPEC §6).
      if (e instanceof KubeApiError && e.kind === "already-exists") return { name, created: false };
      throw namespaceCreateError(e, cluster, name);
    }
  }

  // --------------------------------------------------------------------------------------- console

  getVNCConnection(cluster: string, _namespace: string, _name: string): Promise<ConsoleConnection> {
    return Promise.reject(notSupported("console.vnc", cluster));
  }

  getSerialConsole(cluster: string, _namespace: string, _name: string): Promise<ConsoleConnection> {
    return Promise.reject(notSupported("console.serial", cluster));
  }

  // --------------------------------------------------------------------------------------- helpers

  /** PROVIDER_NOT_SUPPORTED naming the gate when the cluster's detected gates lack it; no cluster call. */
  private async requireFeature(
    cluster: string,
    gate: string,
    signal: AbortSignal | undefined,
  ): Promise<void> {
    if (!this.deps.capabilitiesOf) return;
    if (signal?.aborted) throw signal.reason;
    const caps = await this.deps.capabilitiesOf(cluster);
    if (signal?.aborted) throw signal.reason;
    if (!caps || caps.enabledFeatures.includes(gate)) return;
    throw new AppError(
      "PROVIDER_NOT_SUPPORTED",
      { capability: gate, cluster },
      { message: `feature gate ${gate} is not in effect on cluster ${cluster} (last capability detection)` },
    );
  }

  /** One gated request; failures as the AppErrors of kube-errors.ts, aborts as `signal.reason`. */
  private async request(
    cluster: string,
    req: Request,
    scope: ErrorScope,
    signal: AbortSignal | undefined,
  ): Promise<unknown> {
    try {
      return await this.rawRequest(cluster, req, signal);
    } catch (e) {
      if (signal?.aborted) throw signal.reason;
      throw toAppError(e, { cluster, ...scope });
    }
  }

  private async rawRequest(cluster: string, req: Request, signal: AbortSignal | undefined): Promise<unknown> {
    const transport = await this.deps.transportFor(cluster, signal);
    return this.deps.gate.run(
      cluster,
      (gateSignal) => transport.request<unknown>({ ...req, signal: gateSignal }),
      signal ? { signal } : {},
    );
  }

  /** A VM subresource whose 409 means the VM's state refuses `action`. */
  private async power(
    cluster: string,
    ref: sub.ObjectRef,
    action: sub.SubresourceAction,
    signal: AbortSignal | undefined,
    verb: (target: sub.SubresourceTarget, ref: sub.ObjectRef) => Promise<void>,
  ): Promise<void> {
    const transport = await this.transport(cluster, signal);
    const scope: KubeErrorContext = { cluster, ...vmScope(ref), action };
    try {
      await this.deps.gate.run(cluster, (s) => verb({ transport, signal: s }, ref), signal ? { signal } : {});
    } catch (e) {
      if (signal?.aborted) throw signal.reason;
      throw toAppError(e, scope);
    }
  }

  /**
   * pause/unpause act on the VMI. A missing VMI means a stopped VM (VM_WRONG_STATE) unless the VM itself is
   * missing (VM_NOT_FOUND).
   */
  private async onInstance(
    cluster: string,
    ref: sub.ObjectRef,
    action: "pause" | "unpause",
    signal: AbortSignal | undefined,
    verb: (target: sub.SubresourceTarget, ref: sub.ObjectRef) => Promise<void>,
  ): Promise<void> {
    const transport = await this.transport(cluster, signal);
    try {
      await this.deps.gate.run(cluster, (s) => verb({ transport, signal: s }, ref), signal ? { signal } : {});
    } catch (e) {
      if (signal?.aborted) throw signal.reason;
      if (e instanceof KubeApiError && e.kind === "not-found") {
        await this.request(cluster, get(VIRTUAL_MACHINE, ref), vmScope(ref), signal);
        throw new AppError(
          "VM_WRONG_STATE",
          { action, k8s_message: e.message },
          {
            message: `VM ${ref.namespace}/${ref.name} on cluster ${cluster} has no running instance`,
            cause: e,
          },
        );
      }
      throw toAppError(e, { cluster, ...vmiScope(ref), action });
    }
  }

  private async transport(cluster: string, signal: AbortSignal | undefined): Promise<KubeTransport> {
    try {
      return await this.deps.transportFor(cluster, signal);
    } catch (e) {
      if (signal?.aborted) throw signal.reason;
      throw e;
    }
  }

  private async delete(
    cluster: string,
    res: ApiResource,
    ref: sub.ObjectRef,
    signal: AbortSignal | undefined,
  ): Promise<void> {
    await this.request(
      cluster,
      { method: "DELETE", path: resourcePath(res, ref) },
      objectScope(res, ref),
      signal,
    );
  }

  /** One list call, mapped item by item; unreadable items are skipped and reported. */
  private async list<T>(
    cluster: string,
    res: ApiResource,
    namespace: string,
    map: (obj: unknown, ctx: MapContext) => T,
    signal: AbortSignal | undefined,
  ): Promise<T[]> {
    const body = await this.request(
      cluster,
      { method: "GET", path: resourcePath(res, { namespace }) },
      listScope(res, namespace),
      signal,
    );
    const ctx = this.mapContext(cluster, res.kind);
    const out: T[] = [];
    for (const raw of readList(body).items) {
      try {
        out.push(map(raw, ctx));
      } catch (e) {
        ctx.onSkip?.(e, raw);
      }
    }
    return out;
  }

  private async startClone(
    cluster: string,
    namespace: string,
    source: { apiGroup: string; kind: string; name: string },
    targetName: string,
    opts: CloneOptions | undefined,
  ): Promise<Clone> {
    const signal = opts?.signal;
    const patches = labelPatches(opts?.labels);
    // KubeVirt accepts a clone onto an existing VM and fails it later; refuse before creating anything.
    const target = { namespace, name: targetName };
    const existing = await this.rawRequest(cluster, get(VIRTUAL_MACHINE, target), signal).then(
      () => true,
      (e: unknown) => {
        if (signal?.aborted) throw signal.reason;
        if (e instanceof KubeApiError && e.kind === "not-found") return false;
        throw toAppError(e, { cluster, ...vmScope(target) });
      },
    );
    if (existing) {
      throw new AppError(
        "K8S_CONFLICT",
        { cluster, k8s_message: `VirtualMachine ${namespace}/${targetName} already exists` },
        { message: `clone target ${namespace}/${targetName} already exists on cluster ${cluster}` },
      );
    }
    const created = await this.request(
      cluster,
      {
        method: "POST",
        path: resourcePath(CLONE, { namespace }),
        body: {
          apiVersion: apiVersion(CLONE),
          kind: CLONE.kind,
          metadata: { generateName: `${targetName}-clone-`, namespace },
          spec: {
            source,
            target: { apiGroup: VIRTUAL_MACHINE.group, kind: VIRTUAL_MACHINE.kind, name: targetName },
            ...(patches.length > 0 ? { patches } : {}),
          },
        },
      },
      listScope(CLONE, namespace),
      signal,
    );
    return mapClone(created, this.mapContext(cluster, CLONE.kind));
  }

  private mapContext(cluster: string, kind: string): MapContext {
    const onSkip = this.deps.onSkip;
    return onSkip ? { cluster, onSkip: (error, raw) => onSkip({ cluster, kind, error, raw }) } : { cluster };
  }
}

// ------------------------------------------------------------------------------------ pure helpers

function get(res: ApiResource, ref: sub.ObjectRef): Request {
  return { method: "GET", path: resourcePath(res, ref) };
}

function applyRequest(namespace: string, name: string, manifest: unknown, dryRun = false): Request {
  return {
    method: "PATCH",
    path: resourcePath(VIRTUAL_MACHINE, { namespace, name }),
    query: { fieldManager: FIELD_MANAGER, force: true, ...(dryRun ? { dryRun: "All" } : {}) },
    body: manifest,
    contentType: APPLY,
  };
}

/**
 * A clone's `spec.patches` setting each label on the new VM: KubeVirt takes one JSON patch operation per
 * string, and `add` on an object member replaces an existing value (RFC 6902 §4.1).
 */
function labelPatches(labels: Record<string, string> | undefined): string[] {
  return Object.entries(labels ?? {}).map(([k, value]) =>
    JSON.stringify({
      op: "add",
      path: `/metadata/labels/${k.replaceAll("~", "~0").replaceAll("/", "~1")}`,
      value,
    }),
  );
}

const apiVersion = (res: ApiResource) => `${res.group}/${res.version}`;

const vmScope = (ref: sub.ObjectRef): ErrorScope => ({
  kind: VIRTUAL_MACHINE.kind,
  ...ref,
  vm: true,
  capability: capabilityOf(VIRTUAL_MACHINE),
});

const vmiScope = (ref: sub.ObjectRef): ErrorScope => objectScope(VIRTUAL_MACHINE_INSTANCE, ref);

const objectScope = (res: ApiResource, ref: sub.ObjectRef): ErrorScope => ({
  kind: res.kind,
  ...ref,
  capability: capabilityOf(res),
});

const listScope = (res: ApiResource, namespace: string): ErrorScope => ({
  kind: res.kind,
  ...(namespace ? { namespace } : {}),
  capability: capabilityOf(res),
});

const capabilityOf = (res: ApiResource) => `${res.plural}.${res.group}/${res.version}`;

function notSupported(capability: string, cluster: string): AppError<"PROVIDER_NOT_SUPPORTED"> {
  return new AppError(
    "PROVIDER_NOT_SUPPORTED",
    { capability, cluster },
    { message: `${capability} is not implemented by the kubevirt provider (RFC-0011)` },
  );
}

interface ListPage {
  items: unknown[];
  continue?: string;
  remainingItemCount?: number;
}

function readList(body: unknown): ListPage {
  if (typeof body !== "object" || body === null) return { items: [] };
  const { items, metadata } = body as { items?: unknown; metadata?: unknown };
  const page: ListPage = { items: Array.isArray(items) ? items : [] };
  if (typeof metadata === "object" && metadata !== null) {
    const meta = metadata as { continue?: unknown; remainingItemCount?: unknown };
    if (typeof meta.continue === "string" && meta.continue !== "") page.continue = meta.continue;
    if (typeof meta.remainingItemCount === "number") page.remainingItemCount = meta.remainingItemCount;
  }
  return page;
}

/** `spec.runStrategy`, or "legacy" for an adopted VM still on the deprecated `spec.running`. */
function currentRun(vm: unknown): { strategy?: RunStrategy; legacy: boolean; resourceVersion?: string } {
  const obj = (typeof vm === "object" && vm !== null ? vm : {}) as {
    spec?: { runStrategy?: unknown; running?: unknown };
    metadata?: { resourceVersion?: unknown };
  };
  const rv = obj.metadata?.resourceVersion;
  const resourceVersion = typeof rv === "string" ? { resourceVersion: rv } : {};
  const strategy = obj.spec?.runStrategy;
  if (typeof strategy === "string") return { strategy, legacy: false, ...resourceVersion };
  return { legacy: typeof obj.spec?.running === "boolean", ...resourceVersion };
}

/** Refusals a dry run reports as `valid: false`; anything else (auth, network, 5xx) is thrown. */
function isRefusal(e: KubeApiError): boolean {
  switch (e.kind) {
    case "invalid":
    case "bad-request":
    case "conflict":
    case "already-exists":
      return true;
    case "not-found":
      // e.g. the namespace does not exist; a path the cluster does not serve is not a refusal of the spec.
      return typeof e.details === "object" && e.details !== null && "name" in e.details;
    default:
      return false;
  }
}

function refusalMessages(e: KubeApiError): string[] {
  const fromCauses = e.causes
    .filter((c) => c.message)
    .map((c) => (c.field ? `${c.field}: ${c.message}` : (c.message ?? "")));
  return fromCauses.length > 0 ? fromCauses : [e.message];
}

function newestFirst<T extends { createdAt: Date; name: string }>(items: T[]): T[] {
  return items.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || a.name.localeCompare(b.name));
}

function byName<T extends { name: string; namespace?: string }>(items: T[]): T[] {
  return items.sort(
    (a, b) => (a.namespace ?? "").localeCompare(b.namespace ?? "") || a.name.localeCompare(b.name),
  );
}
