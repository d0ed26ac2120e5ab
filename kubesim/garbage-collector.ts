// The part of kube-controller-manager's garbage collector that kubesim needs: it follows
// `metadata.ownerReferences` (matched by uid, as the real one does) and finishes what the apiserver's
// delete starts (object-service.ts):
// - Background (the default): once an owner is gone, its dependents that have no other live owner are
//   deleted (a dependent that still has a live owner only loses the dangling reference).
// - Foreground (`foregroundDeletion` finalizer): the owner's dependents are deleted, and the finalizer is
//   removed once no dependent with `blockOwnerDeletion: true` is left, so the owner goes last.
// - Orphan (`orphan` finalizer): the references to the owner are removed from its dependents, which stay,
//   then the finalizer is removed.
// Not simulated: an object created with references to owners that never existed is left alone (the real
// collector would delete it), and cross-namespace references are treated like any other.
import type { ObjectService } from "./object-service.ts";
import type { ResourceRegistry } from "./resource-registry.ts";
import type { ResourceStore, StoreEvent } from "./resource-store.ts";
import type { ResourceType } from "./resource-type.ts";
import { TimerSet } from "./timer-set.ts";
import { asArray, asRecord, deepEqual, type KObject } from "./types.ts";

export const FOREGROUND_FINALIZER = "foregroundDeletion";
export const ORPHAN_FINALIZER = "orphan";

interface Loc {
  rkey: string;
  ns: string | undefined;
  name: string;
}

interface OwnerRef {
  uid: string;
  blockOwnerDeletion: boolean;
}

function ownerRefs(o: KObject | undefined): OwnerRef[] {
  return asArray(o?.metadata.ownerReferences)
    .map(asRecord)
    .filter((r) => typeof r.uid === "string" && r.uid !== "")
    .map((r) => ({ uid: String(r.uid), blockOwnerDeletion: r.blockOwnerDeletion === true }));
}

const locKey = (l: Loc) => `${l.rkey}|${l.ns ?? ""}|${l.name}`;

export class GarbageCollector {
  private readonly timers = new TimerSet();
  /** Where each uid lives (a hint: always checked against the store). */
  private readonly byUid = new Map<string, Loc>();
  /** Owner uid → the objects whose ownerReferences name it (a hint, like byUid). */
  private readonly dependents = new Map<string, Map<string, Loc>>();
  /** Owner uids to look at on the next pass. */
  private readonly queue = new Set<string>();
  private scheduled = false;
  private unsubscribe: (() => void) | undefined;
  errors: string[] = [];

  constructor(
    private readonly store: ResourceStore,
    private readonly objects: ObjectService,
    private readonly registry: ResourceRegistry,
  ) {}

  start(): void {
    this.unsubscribe = this.store.onEvent((e) => this.onEvent(e));
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.timers.close();
    this.queue.clear();
  }

  /** Forget the indexes and pending work (the store was cleared). */
  forget(): void {
    this.timers.clearAll();
    this.scheduled = false;
    this.queue.clear();
    this.byUid.clear();
    this.dependents.clear();
  }

  private onEvent(e: StoreEvent): void {
    const o = e.obj;
    const uid = o.metadata.uid;
    const loc: Loc = { rkey: e.rkey, ns: o.metadata.namespace, name: o.metadata.name ?? "" };
    const before = ownerRefs(e.prev);
    const after = e.type === "DELETED" ? [] : ownerRefs(o);
    for (const r of before) this.dependents.get(r.uid)?.delete(locKey(loc));
    for (const r of after) {
      let deps = this.dependents.get(r.uid);
      if (!deps) {
        deps = new Map();
        this.dependents.set(r.uid, deps);
      }
      deps.set(locKey(loc), loc);
    }
    if (!uid) return;
    if (e.type === "DELETED") {
      this.byUid.delete(uid);
      // Its dependents may now be garbage; its owners may have been waiting for it.
      if (this.dependents.has(uid)) this.enqueue(uid);
      for (const r of ownerRefs(o)) this.enqueue(r.uid);
      return;
    }
    this.byUid.set(uid, loc);
    const finalizers = o.metadata.finalizers ?? [];
    if (
      o.metadata.deletionTimestamp &&
      (finalizers.includes(FOREGROUND_FINALIZER) || finalizers.includes(ORPHAN_FINALIZER))
    )
      this.enqueue(uid);
    // A dependent that dropped (or unblocked) a reference may unblock a foreground deletion.
    if (e.type === "MODIFIED" && !deepEqual(before, after)) for (const r of before) this.enqueue(r.uid);
  }

  private enqueue(uid: string): void {
    this.queue.add(uid);
    if (this.scheduled) return;
    this.scheduled = true;
    this.timers.set(() => {
      this.scheduled = false;
      this.drain();
    }, 0);
  }

  private drain(): void {
    const uids = [...this.queue];
    this.queue.clear();
    for (const uid of uids) {
      try {
        this.processOwner(uid);
      } catch (e) {
        // A conflict or a vanished object: try again shortly, as the real collector requeues.
        this.errors.push(`owner ${uid}: ${(e as Error).message}`);
        if (this.errors.length > 100) this.errors.shift();
        this.timers.set(() => this.enqueue(uid), 10);
      }
    }
  }

  private type(rkey: string): ResourceType | undefined {
    return this.registry.all().find((t) => `${t.group}/${t.plural}` === rkey);
  }

  private lookup(uid: string): { obj: KObject; type: ResourceType } | undefined {
    const loc = this.byUid.get(uid);
    if (!loc) return undefined;
    const obj = this.store.get(loc.rkey, loc.ns, loc.name);
    const type = this.type(loc.rkey);
    return obj && type && obj.metadata.uid === uid ? { obj, type } : undefined;
  }

  /** The live objects that reference `uid` as an owner. */
  private dependentsOf(uid: string): { obj: KObject; type: ResourceType; ref: OwnerRef }[] {
    const out: { obj: KObject; type: ResourceType; ref: OwnerRef }[] = [];
    const deps = this.dependents.get(uid);
    if (!deps) return out;
    for (const [k, loc] of deps) {
      const obj = this.store.get(loc.rkey, loc.ns, loc.name);
      const ref = ownerRefs(obj).find((r) => r.uid === uid);
      const type = this.type(loc.rkey);
      if (!obj || !ref || !type) {
        deps.delete(k);
        continue;
      }
      out.push({ obj, type, ref });
    }
    if (deps.size === 0) this.dependents.delete(uid);
    return out;
  }

  private processOwner(uid: string): void {
    const owner = this.lookup(uid);
    if (!owner) {
      // Background: the owner is gone.
      for (const d of this.dependentsOf(uid)) this.attemptToDelete(d.obj, d.type);
      return;
    }
    const { obj, type } = owner;
    if (!obj.metadata.deletionTimestamp) return;
    const finalizers = obj.metadata.finalizers ?? [];
    if (finalizers.includes(ORPHAN_FINALIZER)) {
      for (const d of this.dependentsOf(uid)) {
        const refs = (d.obj.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
        const metadata: KObject["metadata"] = { ...d.obj.metadata, ownerReferences: refs };
        if (refs.length === 0) delete metadata.ownerReferences;
        this.write(d.type, { ...d.obj, metadata });
      }
      this.dropFinalizer(type, uid, ORPHAN_FINALIZER);
      return;
    }
    if (finalizers.includes(FOREGROUND_FINALIZER)) {
      for (const d of this.dependentsOf(uid)) this.attemptToDelete(d.obj, d.type);
      // Dependents being deleted still block until they are really gone.
      if (this.dependentsOf(uid).some((d) => d.ref.blockOwnerDeletion)) return;
      this.dropFinalizer(type, uid, FOREGROUND_FINALIZER);
    }
  }

  /** The real collector's attemptToDeleteItem: delete a dependent that has no live owner left. */
  private attemptToDelete(dep: KObject, type: ResourceType): void {
    if (dep.metadata.deletionTimestamp) return;
    const refs = ownerRefs(dep);
    if (refs.length === 0) return;
    const solid: string[] = [];
    const gone: string[] = [];
    let waiting = false;
    for (const r of refs) {
      const owner = this.lookup(r.uid)?.obj;
      const ownerNs = owner?.metadata.namespace;
      if (!owner || (ownerNs !== undefined && ownerNs !== dep.metadata.namespace)) gone.push(r.uid);
      else if (
        owner.metadata.deletionTimestamp &&
        (owner.metadata.finalizers ?? []).includes(FOREGROUND_FINALIZER)
      ) {
        waiting = true;
        gone.push(r.uid);
      } else solid.push(r.uid);
    }
    if (solid.length > 0) {
      // Another owner keeps it alive: only drop the references to the owners that are going.
      if (gone.length === 0) return;
      const kept = (dep.metadata.ownerReferences ?? []).filter((r) => !gone.includes(String(r.uid)));
      this.write(type, { ...dep, metadata: { ...dep.metadata, ownerReferences: kept } });
      return;
    }
    const uid = dep.metadata.uid ?? "";
    const hasDependents = uid !== "" && this.dependentsOf(uid).length > 0;
    const policy = waiting && hasDependents ? "Foreground" : "Background";
    this.objects.delete(
      type,
      dep.metadata.namespace,
      dep.metadata.name ?? "",
      { propagationPolicy: policy },
      { internal: true },
    );
  }

  private dropFinalizer(type: ResourceType, uid: string, finalizer: string): void {
    const latest = this.lookup(uid)?.obj;
    if (!latest) return;
    const finalizers = (latest.metadata.finalizers ?? []).filter((f) => f !== finalizer);
    this.write(type, { ...latest, metadata: { ...latest.metadata, finalizers } });
  }

  private write(t: ResourceType, obj: KObject): void {
    this.objects.update(t, t.versions[0] ?? "v1", obj.metadata.namespace, obj.metadata.name ?? "", obj, {
      internal: true,
    });
  }
}
