// The apiserver's registry semantics on top of the store: create/update/patch/delete with validation,
// optimistic concurrency, generation, finalizers, status subresources, dry run, managedFields and admission.
import { randomUUID } from "node:crypto";
import { FOREGROUND_FINALIZER, ORPHAN_FINALIZER } from "./garbage-collector.ts";
import { serverSideApply, trackUpdate } from "./managed-fields.ts";
import { jsonPatch, mergePatch } from "./patch.ts";
import type { ResourceStore } from "./resource-store.ts";
import { apiVersionOf, type ResourceType, rkeyOf, typeKey } from "./resource-type.ts";
import { errors, StatusError } from "./status-error.ts";
import { asRecord, clone, deepEqual, isRecord, type KObject, nowIso, toKObject } from "./types.ts";

export type Operation = "CREATE" | "UPDATE" | "DELETE";

export interface AdmissionRequest {
  operation: Operation;
  type: ResourceType;
  object: KObject;
  oldObject?: KObject;
  subresource?: string;
}

/** A validating admission plugin (KubeVirt's webhooks). Throws a StatusError to deny; returns warnings. */
export type AdmissionPlugin = (req: AdmissionRequest) => string[] | undefined;

export interface WriteOptions {
  dryRun?: boolean;
  fieldManager?: string;
  /** Controller writes: skip admission (KubeVirt's own components are trusted). */
  internal?: boolean;
  subresource?: string;
  force?: boolean;
}

export interface WriteResult {
  obj: KObject;
  warnings: string[];
  created?: boolean;
}

export type PatchType = "json" | "merge" | "strategic" | "apply";

export type PropagationPolicy = "Foreground" | "Background" | "Orphan";

/** DeleteOptions' `propagationPolicy`, or the deprecated `orphanDependents`; undefined when neither is set. */
function propagationPolicyOf(o: Record<string, unknown>): PropagationPolicy | undefined {
  const p = o.propagationPolicy;
  if (p !== undefined && p !== null && p !== "Foreground" && p !== "Background" && p !== "Orphan") {
    throw errors.invalid("DeleteOptions", "meta.k8s.io", "", [
      {
        reason: "FieldValueNotSupported",
        message: `Unsupported value: "${String(p)}": supported values: "Foreground", "Background", "Orphan"`,
        field: "propagationPolicy",
      },
    ]);
  }
  if (typeof p === "string") {
    if (typeof o.orphanDependents === "boolean") {
      throw errors.invalid("DeleteOptions", "meta.k8s.io", "", [
        {
          reason: "FieldValueForbidden",
          message: "Forbidden: orphanDependents and deletionPropagation cannot be both set",
          field: "propagationPolicy",
        },
      ]);
    }
    return p;
  }
  if (o.orphanDependents === true) return "Orphan";
  if (o.orphanDependents === false) return "Background";
  return undefined;
}

const NAMESPACES = typeKey("", "namespaces");
const NAME_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const GEN_CHARS = "bcdfghjklmnpqrstvwxz2456789";

export function randomSuffix(n = 5): string {
  let s = "";
  for (let i = 0; i < n; i++) s += GEN_CHARS[Math.floor(Math.random() * GEN_CHARS.length)];
  return s;
}

export class ObjectService {
  constructor(
    private readonly store: ResourceStore,
    private readonly admission: AdmissionPlugin[] = [],
  ) {}

  get(t: ResourceType, ns: string | undefined, name: string): KObject {
    const o = this.store.get(rkeyOf(t), t.namespaced ? ns : undefined, name);
    if (!o) throw errors.notFound(t.plural, t.group, name);
    return o;
  }

  find(t: ResourceType, ns: string | undefined, name: string): KObject | undefined {
    return this.store.get(rkeyOf(t), t.namespaced ? ns : undefined, name);
  }

  private admit(req: AdmissionRequest, opts: WriteOptions): string[] {
    if (opts.internal) return [];
    const warnings: string[] = [];
    for (const plugin of this.admission) warnings.push(...(plugin(req) ?? []));
    return warnings;
  }

  private checkTypeMeta(t: ResourceType, version: string, body: KObject): void {
    const expected = apiVersionOf(t.group, version);
    if (
      body.apiVersion !== undefined &&
      body.apiVersion !== expected &&
      !t.versions.some((v) => apiVersionOf(t.group, v) === body.apiVersion)
    ) {
      throw errors.badRequest(
        `the API version in the data (${String(body.apiVersion)}) does not match the expected API version (${expected})`,
      );
    }
    if (body.kind !== undefined && body.kind !== t.kind) {
      throw errors.badRequest(
        `the kind in the data (${String(body.kind)}) does not match the expected kind (${t.kind})`,
      );
    }
  }

  private checkNamespace(t: ResourceType, ns: string | undefined, body: KObject): string | undefined {
    if (!t.namespaced) return undefined;
    const bodyNs = body.metadata.namespace;
    if (bodyNs && ns && bodyNs !== ns) {
      throw errors.badRequest(
        "the namespace of the provided object does not match the namespace sent on the request",
      );
    }
    const effective = ns ?? bodyNs;
    if (!effective) throw errors.badRequest("an empty namespace may not be set during creation");
    return effective;
  }

  private requireNamespace(ns: string, forCreate: boolean): void {
    const nsObj = this.store.get(NAMESPACES, undefined, ns);
    if (!nsObj) throw errors.notFound("namespaces", "", ns);
    if (forCreate && nsObj.metadata.deletionTimestamp) {
      throw new StatusError(
        403,
        "Forbidden",
        `unable to create new content in namespace ${ns} because it is being terminated`,
        {
          causes: [
            {
              reason: "NamespaceTerminating",
              message: `namespace ${ns} is being terminated`,
              field: "metadata.namespace",
            },
          ],
        },
      );
    }
  }

  create(
    t: ResourceType,
    version: string,
    ns: string | undefined,
    raw: unknown,
    opts: WriteOptions = {},
  ): WriteResult {
    const body = toKObject(clone(raw));
    if (!body) throw errors.badRequest("the body of the request was not a JSON object");
    this.checkTypeMeta(t, version, body);
    const namespace = this.checkNamespace(t, ns, body);
    if (namespace) this.requireNamespace(namespace, true);
    const meta = { ...body.metadata };
    if (!meta.name && meta.generateName) meta.name = `${meta.generateName}${randomSuffix()}`;
    const name = meta.name;
    if (!name) {
      throw errors.invalid(t.kind, t.group, "", [
        {
          reason: "FieldValueRequired",
          message: "Required value: name or generateName is required",
          field: "metadata.name",
        },
      ]);
    }
    this.validateName(t, name);
    if (this.store.get(rkeyOf(t), namespace, name)) {
      if (body.metadata.generateName && !body.metadata.name) {
        throw new StatusError(
          409,
          "AlreadyExists",
          `${t.plural}.${t.group} "${name}" already exists, the server was not able to generate a unique name for the object`,
        );
      }
      throw errors.alreadyExists(t.plural, t.group, name);
    }
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    delete meta.resourceVersion;
    if (opts.fieldManager !== "__apply__") delete meta.managedFields;
    meta.namespace = namespace;
    if (!t.namespaced) delete meta.namespace;
    meta.uid = randomUUID();
    meta.creationTimestamp = nowIso();
    meta.generation = 1;
    let obj: KObject = {
      ...body,
      apiVersion: apiVersionOf(t.group, t.versions[0] ?? version),
      kind: t.kind,
      metadata: meta,
    };
    if (t.statusSubresource && !opts.internal && t.group !== "") delete obj.status;
    if (t.group === "" && t.plural === "namespaces") {
      obj = { ...obj, spec: { finalizers: ["kubernetes"] }, status: { phase: "Active" } };
      obj.metadata = {
        ...obj.metadata,
        labels: { ...obj.metadata.labels, "kubernetes.io/metadata.name": name },
      };
    }
    const warnings = this.admit({ operation: "CREATE", type: t, object: obj }, opts);
    if (opts.fieldManager && opts.fieldManager !== "__apply__")
      obj = trackUpdate(undefined, obj, opts.fieldManager);
    if (opts.dryRun) return { obj, warnings, created: true };
    return { obj: this.store.insert(rkeyOf(t), obj), warnings, created: true };
  }

  private validateName(t: ResourceType, name: string): void {
    const re = t.plural === "namespaces" ? LABEL_RE : NAME_RE;
    const max = t.plural === "namespaces" ? 63 : 253;
    if (name.length > max || !re.test(name)) {
      throw errors.invalid(t.kind, t.group, name, [
        {
          reason: "FieldValueInvalid",
          message: `Invalid value: "${name}": a lowercase RFC 1123 ${t.plural === "namespaces" ? "label" : "subdomain"} must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character`,
          field: "metadata.name",
        },
      ]);
    }
  }

  /** PUT semantics. `raw` is the full desired object (or status, for the status subresource). */
  update(
    t: ResourceType,
    version: string,
    ns: string | undefined,
    name: string,
    raw: unknown,
    opts: WriteOptions = {},
  ): WriteResult {
    const body = toKObject(clone(raw));
    if (!body) throw errors.badRequest("the body of the request was not a JSON object");
    this.checkTypeMeta(t, version, body);
    if (body.metadata.name && body.metadata.name !== name) {
      throw errors.badRequest(
        `the name of the object (${body.metadata.name}) does not match the name on the URL (${name})`,
      );
    }
    if (t.namespaced && body.metadata.namespace && ns && body.metadata.namespace !== ns) {
      throw errors.badRequest(
        "the namespace of the provided object does not match the namespace sent on the request",
      );
    }
    const current = this.find(t, ns, name);
    if (!current) throw errors.notFound(t.plural, t.group, name);
    const rv = body.metadata.resourceVersion;
    if (!rv && t.group !== "" && !opts.internal) {
      throw errors.invalid(t.kind, t.group, name, [
        {
          reason: "FieldValueInvalid",
          message: "Invalid value: 0x0: must be specified for an update",
          field: "metadata.resourceVersion",
        },
      ]);
    }
    if (rv && rv !== current.metadata.resourceVersion) {
      throw errors.conflict(
        t.plural,
        t.group,
        name,
        "the object has been modified; please apply your changes to the latest version and try again",
      );
    }
    return this.commitUpdate(t, current, body, opts);
  }

  /** Shared tail of update and patch: merge server-owned fields, admit, bump generation, store. */
  private commitUpdate(t: ResourceType, current: KObject, body: KObject, opts: WriteOptions): WriteResult {
    const keepMeta = {
      name: current.metadata.name,
      namespace: current.metadata.namespace,
      uid: current.metadata.uid,
      creationTimestamp: current.metadata.creationTimestamp,
      generation: current.metadata.generation,
      deletionTimestamp: current.metadata.deletionTimestamp,
      deletionGracePeriodSeconds: current.metadata.deletionGracePeriodSeconds,
      generateName: current.metadata.generateName,
    };
    let next: KObject;
    let managedOverride: KObject["metadata"]["managedFields"] | null = null;
    if (opts.subresource === "status") {
      // The status endpoint changes only status (metadata and spec come from the stored object).
      next = { ...current, metadata: { ...current.metadata }, status: body.status };
      if (opts.fieldManager === "__apply__")
        next.metadata = { ...current.metadata, managedFields: body.metadata.managedFields };
    } else {
      next = {
        ...body,
        apiVersion: current.apiVersion,
        kind: current.kind,
        metadata: { ...body.metadata, ...keepMeta },
      };
      if (!t.namespaced) delete next.metadata.namespace;
      if (opts.fieldManager !== "__apply__") {
        // As the apiserver's field manager (decodeLiveOrNew): managedFields sent in an update or patch that
        // differ from the stored ones replace them (`[]` resets them); that is how `kubectl apply
        // --server-side` migrates client-side-apply ownership (a JSON patch of /metadata/managedFields).
        const sent = body.metadata.managedFields;
        if (Array.isArray(sent) && !deepEqual(sent, current.metadata.managedFields)) {
          managedOverride = sent.length > 0 ? sent : undefined;
          next.metadata.managedFields = managedOverride;
        } else next.metadata.managedFields = current.metadata.managedFields;
      }
      if (next.metadata.managedFields === undefined) delete next.metadata.managedFields;
      for (const k of Object.keys(keepMeta) as (keyof typeof keepMeta)[])
        if (keepMeta[k] === undefined) delete next.metadata[k];
      if (t.statusSubresource && !opts.internal) next.status = current.status;
      if (current.metadata.deletionTimestamp) {
        const added = (next.metadata.finalizers ?? []).filter(
          (f) => !(current.metadata.finalizers ?? []).includes(f),
        );
        if (added.length > 0) {
          throw errors.forbidden(
            `no new finalizers can be added if the object is being deleted, found new finalizers ${JSON.stringify(added)}`,
          );
        }
      }
    }
    delete next.metadata.resourceVersion;
    const stripped = (o: KObject) => {
      const { metadata, status, ...rest } = o;
      void metadata;
      void status;
      return rest;
    };
    if (!deepEqual(stripped(current), stripped(next)))
      next.metadata.generation = (current.metadata.generation ?? 1) + 1;
    const warnings = this.admit(
      { operation: "UPDATE", type: t, object: next, oldObject: current, subresource: opts.subresource },
      opts,
    );
    if (opts.fieldManager && opts.fieldManager !== "__apply__") {
      const base =
        managedOverride === null
          ? current
          : { ...current, metadata: { ...current.metadata, managedFields: managedOverride } };
      if (managedOverride === undefined) delete base.metadata.managedFields;
      next = trackUpdate(base, next, opts.fieldManager, opts.subresource);
    }
    const { resourceVersion: _rv, ...curMeta } = current.metadata;
    void _rv;
    if (deepEqual({ ...current, metadata: curMeta }, next)) return { obj: current, warnings };
    if (opts.dryRun)
      return {
        obj: { ...next, metadata: { ...next.metadata, resourceVersion: current.metadata.resourceVersion } },
        warnings,
      };
    if (next.metadata.deletionTimestamp && (next.metadata.finalizers ?? []).length === 0) {
      const gone = this.store.remove(rkeyOf(t), current.metadata.namespace, current.metadata.name ?? "");
      return { obj: gone ?? next, warnings };
    }
    return { obj: this.store.replace(rkeyOf(t), next), warnings };
  }

  patch(
    t: ResourceType,
    version: string,
    ns: string | undefined,
    name: string,
    type: PatchType,
    patch: unknown,
    opts: WriteOptions = {},
  ): WriteResult {
    const current = this.find(t, ns, name);
    if (type === "apply") {
      const cfg = toKObject(patch);
      if (!cfg) throw errors.badRequest("the body of the request was not a JSON object");
      this.checkTypeMeta(t, version, cfg);
      if (cfg.metadata.name && cfg.metadata.name !== name) {
        throw errors.badRequest(
          `the name of the object (${cfg.metadata.name}) does not match the name on the URL (${name})`,
        );
      }
      const manager = opts.fieldManager ?? "";
      if (!current) {
        if (opts.subresource) throw errors.notFound(t.plural, t.group, name);
        const applied = serverSideApply(
          undefined,
          { ...cfg, metadata: { ...cfg.metadata, name, namespace: t.namespaced ? ns : undefined } },
          manager,
          true,
        );
        return this.create(t, version, ns, applied, { ...opts, fieldManager: "__apply__" });
      }
      const rv = cfg.metadata.resourceVersion;
      if (rv && rv !== current.metadata.resourceVersion) {
        throw errors.conflict(
          t.plural,
          t.group,
          name,
          "the object has been modified; please apply your changes to the latest version and try again",
        );
      }
      const merged = serverSideApply(current, cfg, manager, opts.force === true, opts.subresource);
      return this.commitUpdate(t, current, merged, { ...opts, fieldManager: "__apply__" });
    }
    if (!current) throw errors.notFound(t.plural, t.group, name);
    const base = clone(current);
    let patched: unknown;
    if (type === "json") patched = jsonPatch(base, patch);
    else {
      if (!isRecord(patch)) throw errors.badRequest("merge patch body must be a JSON object");
      patched = mergePatch(base, patch);
    }
    const obj = toKObject(patched);
    if (!obj) throw errors.badRequest("patch produced a non-object");
    if (obj.metadata.name !== undefined && obj.metadata.name !== name) {
      throw errors.badRequest(
        `the name of the object (${String(obj.metadata.name)}) does not match the name on the URL (${name})`,
      );
    }
    const rv = obj.metadata.resourceVersion;
    if (rv !== undefined && rv !== current.metadata.resourceVersion) {
      throw errors.conflict(
        t.plural,
        t.group,
        name,
        "the object has been modified; please apply your changes to the latest version and try again",
      );
    }
    return this.commitUpdate(t, current, obj, opts);
  }

  delete(
    t: ResourceType,
    ns: string | undefined,
    name: string,
    options: unknown,
    opts: WriteOptions = {},
  ): WriteResult & { finalized: boolean } {
    const current = this.find(t, ns, name);
    if (!current) throw errors.notFound(t.plural, t.group, name);
    const o = asRecord(options);
    const pre = asRecord(o.preconditions);
    if (typeof pre.uid === "string" && pre.uid !== current.metadata.uid) {
      throw errors.conflict(
        t.plural,
        t.group,
        name,
        `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${current.metadata.uid}`,
      );
    }
    if (typeof pre.resourceVersion === "string" && pre.resourceVersion !== current.metadata.resourceVersion) {
      throw errors.conflict(
        t.plural,
        t.group,
        name,
        `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${current.metadata.resourceVersion}`,
      );
    }
    const policy = propagationPolicyOf(o);
    const warnings = this.admit({ operation: "DELETE", type: t, object: current, oldObject: current }, opts);
    const isNamespace = t.group === "" && t.plural === "namespaces";
    // As the apiserver (deletionFinalizersForGarbageCollection): the policy becomes a finalizer that the
    // garbage collector (garbage-collector.ts) acts on and removes; no policy keeps the current ones.
    let finalizers = [...(current.metadata.finalizers ?? [])];
    if (policy !== undefined && !isNamespace) {
      finalizers = finalizers.filter((f) => f !== FOREGROUND_FINALIZER && f !== ORPHAN_FINALIZER);
      if (policy === "Foreground") finalizers.push(FOREGROUND_FINALIZER);
      if (policy === "Orphan") finalizers.push(ORPHAN_FINALIZER);
    }
    if (current.metadata.deletionTimestamp) {
      // Already being deleted: only the propagation policy can still change (as on a real apiserver).
      const same = deepEqual(finalizers, current.metadata.finalizers ?? []);
      if (same || opts.dryRun) return { obj: current, warnings, finalized: false };
      const next = { ...current, metadata: { ...current.metadata, finalizers } };
      if (finalizers.length === 0 && !isNamespace) {
        const gone = this.store.remove(rkeyOf(t), current.metadata.namespace, name);
        return { obj: gone ?? current, warnings, finalized: true };
      }
      return { obj: this.store.replace(rkeyOf(t), next), warnings, finalized: false };
    }
    if (finalizers.length > 0 || isNamespace) {
      // Graceful: the object stays, marked for deletion, until its finalizers are removed.
      let next: KObject = {
        ...current,
        metadata: {
          ...current.metadata,
          finalizers: finalizers.length > 0 ? finalizers : undefined,
          deletionTimestamp: nowIso(),
          deletionGracePeriodSeconds: 0,
        },
      };
      if (next.metadata.finalizers === undefined) delete next.metadata.finalizers;
      if (isNamespace) next = { ...next, status: { ...asRecord(next.status), phase: "Terminating" } };
      if (opts.dryRun) return { obj: next, warnings, finalized: false };
      return { obj: this.store.replace(rkeyOf(t), next), warnings, finalized: false };
    }
    if (opts.dryRun) return { obj: current, warnings, finalized: true };
    const gone = this.store.remove(rkeyOf(t), current.metadata.namespace, name);
    return { obj: gone ?? current, warnings, finalized: true };
  }
}
