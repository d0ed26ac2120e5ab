/**
 * Capability interfaces of a VM provider (SPEC §7, ADR-0024). Services depend on the narrowest one they need;
 * KubeVirtProvider (server/provider/kubevirt) and MockProvider (server/provider/mock) implement all of them.
 *
 * Contract shared by every method below:
 * - Arguments: the cluster id first, then namespace and names, then one options object. `name()`/`type()` are
 *   pure identity getters and take none.
 * - Results are domain types from lib/domain, never KubeVirt wire objects.
 * - Writes resolve once the API server has ACCEPTED the request (e.g. 202 from a subresource), not when the VM
 *   reaches the new state; the new state arrives through the ResourceWatcher. Two calls on the same object are
 *   not ordered by the provider; callers that need order await the first.
 * - Reads go to the cluster (they are for the worker and the jobs); pages read the cache instead.
 * - Failures are thrown as `AppError` (lib/errors) with these codes, never raw client errors:
 *   CLUSTER_NOT_FOUND (unknown cluster id) · VM_NOT_FOUND (the named VM does not exist) ·
 *   K8S_NOT_FOUND (any other named object is missing: snapshot, restore, clone, migration) ·
 *   VM_WRONG_STATE (a power/migrate subresource refused with 409 because of the VM's state) ·
 *   K8S_CONFLICT (other 409s: AlreadyExists, stale resourceVersion) · K8S_INVALID (400/422, admission refusals) ·
 *   K8S_UNAUTHORIZED (401) · K8S_FORBIDDEN (403, RBAC) · K8S_TOO_MANY_REQUESTS (429) · K8S_SERVER_ERROR (5xx) ·
 *   K8S_UNREACHABLE (network/TLS) · K8S_TIMEOUT (the provider's own K8S_OPERATION_TIMEOUT elapsed) ·
 *   K8S_SCHEMA_INCOMPATIBLE (the cluster returned an object missing a field the mapper needs) ·
 *   PROVIDER_NOT_SUPPORTED (see below).
 * - `PROVIDER_NOT_SUPPORTED` (params `capability`, `cluster`) means "this provider does not implement the
 *   method, or the cluster lacks the feature (API group absent, feature gate off)". It is thrown before any
 *   request that changes state, so nothing was changed; retrying will not help until the cluster's capabilities
 *   change. Declared-but-unbuilt methods throw it; none silently no-op.
 * - Cancellation: when `signal` aborts, the promise rejects with `signal.reason` unchanged (so a caller can tell
 *   its own abort from a K8S_TIMEOUT). An abort after the API server accepted a write does not undo it.
 */
import type { Clone } from "./clone";
import type { ConsoleConnection } from "./console";
import type { InstanceType, Preference } from "./instance-type";
import type { Migration } from "./migration";
import type { Restore, Snapshot } from "./snapshot";
import type { ValidationResult } from "./validation";
import type { ListOptions, VM, VMList, VMSpec } from "./vm";
import type { VMI } from "./vmi";

/** Carried by the last parameter of every provider call. */
export interface CallOptions {
  signal?: AbortSignal;
}

export interface ListVMsOptions extends CallOptions, ListOptions {}

export interface StopVMOptions extends CallOptions {
  /** Skip the guest's graceful shutdown (KubeVirt `gracePeriod: 0`); also ends a VM stuck in STOPPING. */
  force?: boolean;
}

export interface RestoreOptions extends CallOptions {
  /**
   * The VirtualMachineRestore's name. Given, a second call with the same name is refused with K8S_CONFLICT
   * (AlreadyExists) instead of restoring twice, which makes a retried restore idempotent; default generated.
   */
  name?: string;
}

export interface CloneOptions extends CallOptions {
  /**
   * Labels of the new VM (`metadata.labels`), set over those KubeVirt copies from the source, so the target
   * carries its own governance (SPEC §4) rather than the source's. Sent as the clone's JSON `patches`.
   */
  labels?: Record<string, string>;
}

export interface InfrastructureProvider {
  /** Instance name for logs, e.g. "kubevirt" or "mock". */
  name(): string;
  /** Provider kind, e.g. "kubevirt". */
  type(): string;

  /** The VM plus its running instance, if any (instance errors are ignored: a stopped VM has none). */
  getVM(cluster: string, namespace: string, name: string, opts?: CallOptions): Promise<VM>;
  /** One page of VMs; namespace "" lists all namespaces. VMs the mapper cannot read are skipped and logged. */
  listVMs(cluster: string, namespace: string, opts?: ListVMsOptions): Promise<VMList>;
  /**
   * Server-side apply of the rendered VM (fieldManager `kubevirt-shepherd`, force). Idempotency on
   * AlreadyExists is the caller's job (the `shepherd.io/event-id` label).
   */
  createVM(cluster: string, namespace: string, spec: VMSpec, opts?: CallOptions): Promise<VM>;
  updateVM(cluster: string, namespace: string, name: string, spec: VMSpec, opts?: CallOptions): Promise<VM>;
  /** Resolves when deletion is accepted; the VM shows DELETING until the watcher sees it gone. */
  deleteVM(cluster: string, namespace: string, name: string, opts?: CallOptions): Promise<void>;
  startVM(cluster: string, namespace: string, name: string, opts?: CallOptions): Promise<void>;
  stopVM(cluster: string, namespace: string, name: string, opts?: StopVMOptions): Promise<void>;
  restartVM(cluster: string, namespace: string, name: string, opts?: CallOptions): Promise<void>;
  /** Acts on the running instance; VM_WRONG_STATE when it is not running or already paused. */
  pauseVM(cluster: string, namespace: string, name: string, opts?: CallOptions): Promise<void>;
  unpauseVM(cluster: string, namespace: string, name: string, opts?: CallOptions): Promise<void>;
  /** The running instance of a VM; K8S_NOT_FOUND when it has none (a stopped VM). */
  getVMI(cluster: string, namespace: string, name: string, opts?: CallOptions): Promise<VMI>;
  /** Running instances; namespace "" lists all namespaces. VMIs the mapper cannot read are skipped and logged. */
  listVMIs(cluster: string, namespace: string, opts?: CallOptions): Promise<VMI[]>;
  /**
   * Dry-run apply (`dryRun=All`). Refusals by the API server or admission, and specs that cannot be rendered,
   * are returned as `{ valid: false, errors }`; only transport and auth failures throw.
   */
  validateSpec(
    cluster: string,
    namespace: string,
    spec: VMSpec,
    opts?: CallOptions,
  ): Promise<ValidationResult>;
}

export interface SnapshotProvider {
  /** VM_NOT_FOUND when the source VM is missing; K8S_CONFLICT when the snapshot name is taken. */
  createSnapshot(
    cluster: string,
    namespace: string,
    vmName: string,
    snapshotName: string,
    opts?: CallOptions,
  ): Promise<Snapshot>;
  getSnapshot(cluster: string, namespace: string, name: string, opts?: CallOptions): Promise<Snapshot>;
  /** Snapshots of one VM, newest first. */
  listSnapshots(cluster: string, namespace: string, vmName: string, opts?: CallOptions): Promise<Snapshot[]>;
  deleteSnapshot(cluster: string, namespace: string, name: string, opts?: CallOptions): Promise<void>;
  /**
   * Creates a VirtualMachineRestore and returns it, not the VM: the restore is asynchronous and the target is
   * usable only once `complete`. KubeVirt ≤ 1.4 refuses unless the target VM is stopped (K8S_INVALID).
   */
  restoreFromSnapshot(
    cluster: string,
    namespace: string,
    snapshotName: string,
    targetVmName: string,
    opts?: RestoreOptions,
  ): Promise<Restore>;
  getRestore(cluster: string, namespace: string, name: string, opts?: CallOptions): Promise<Restore>;
  /** Restores in the namespace, newest first. */
  listRestores(cluster: string, namespace: string, opts?: CallOptions): Promise<Restore[]>;
}

/** Clones are asynchronous (snapshot + restore inside KubeVirt), so the start methods return the Clone, not a VM. */
export interface CloneProvider {
  cloneVM(
    cluster: string,
    namespace: string,
    sourceVm: string,
    targetName: string,
    opts?: CloneOptions,
  ): Promise<Clone>;
  cloneFromSnapshot(
    cluster: string,
    namespace: string,
    snapshotName: string,
    targetName: string,
    opts?: CloneOptions,
  ): Promise<Clone>;
  getClone(cluster: string, namespace: string, name: string, opts?: CallOptions): Promise<Clone>;
  listClones(cluster: string, namespace: string, opts?: CallOptions): Promise<Clone[]>;
}

export interface MigrationProvider {
  /** Starts a live migration of the VM's running instance; VM_WRONG_STATE when it is not running. */
  migrateVM(cluster: string, namespace: string, vmName: string, opts?: CallOptions): Promise<Migration>;
  /** `name` is the migration's name (from `migrateVM`), not the VM's. */
  getMigration(cluster: string, namespace: string, name: string, opts?: CallOptions): Promise<Migration>;
  listMigrations(cluster: string, namespace: string, opts?: CallOptions): Promise<Migration[]>;
  /** Cancels by deleting the migration object (KubeVirt semantics); a finished migration is not undone. */
  cancelMigration(cluster: string, namespace: string, name: string, opts?: CallOptions): Promise<void>;
}

export interface InstanceTypeProvider {
  listInstanceTypes(cluster: string, namespace: string, opts?: CallOptions): Promise<InstanceType[]>;
  listClusterInstanceTypes(cluster: string, opts?: CallOptions): Promise<InstanceType[]>;
  listPreferences(cluster: string, namespace: string, opts?: CallOptions): Promise<Preference[]>;
  listClusterPreferences(cluster: string, opts?: CallOptions): Promise<Preference[]>;
}

/** Interface only for now (RFC-0011): implementations throw PROVIDER_NOT_SUPPORTED. */
export interface ConsoleProvider {
  getVNCConnection(
    cluster: string,
    namespace: string,
    name: string,
    opts?: CallOptions,
  ): Promise<ConsoleConnection>;
  getSerialConsole(
    cluster: string,
    namespace: string,
    name: string,
    opts?: CallOptions,
  ): Promise<ConsoleConnection>;
}

/** What `createNamespace` did: `created: false` means it was already there (NAMESPACE_ALREADY_EXISTS, a success). */
export interface CreateNamespaceResult {
  name: string;
  created: boolean;
}

/** Cluster namespaces (ADR-0017 just-in-time namespaces; issue 13's "create on cluster"). */
export interface NamespaceProvider {
  /**
   * Creates the namespace with `labels` unless it exists; an existing one is a success with `created: false`
   * and is not sent a second create. Failures the cluster answered: NAMESPACE_PERMISSION_DENIED (403, RBAC),
   * NAMESPACE_QUOTA_EXCEEDED (403 "exceeded quota"), NAMESPACE_CREATION_FAILED (any other refusal, e.g. 422
   * invalid name or 5xx); failures before an answer keep their own codes (CLUSTER_NOT_FOUND, K8S_UNAUTHORIZED,
   * K8S_UNREACHABLE, K8S_TIMEOUT, K8S_TOO_MANY_REQUESTS).
   */
  createNamespace(
    cluster: string,
    name: string,
    labels: Record<string, string>,
    opts?: CallOptions,
  ): Promise<CreateNamespaceResult>;
}

/** Composed statically (§25 #10); per-cluster gaps surface at runtime as PROVIDER_NOT_SUPPORTED. */
export type KubeVirtProvider = InfrastructureProvider &
  NamespaceProvider &
  SnapshotProvider &
  CloneProvider &
  MigrationProvider &
  InstanceTypeProvider &
  ConsoleProvider;
