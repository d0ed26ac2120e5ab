// Server-side apply and managedFields bookkeeping. Simplified structured-merge-diff: lists are atomic
// (KubeVirt's CRDs mostly are), maps merge by key; ownership is per leaf path. Conflicts happen when another
// manager owns a leaf the applier sets to a different value; `force` takes ownership instead.
import { errors, StatusError } from "./status-error.ts";
import { clone, deepEqual, isRecord, type JsonObject, type KObject, nowIso } from "./types.ts";

type Path = string[];

interface Entry {
  manager: string;
  operation: "Apply" | "Update";
  apiVersion: string;
  time: string;
  subresource?: string;
  paths: Set<string>;
}

const SERVER_META = new Set([
  "name",
  "namespace",
  "uid",
  "resourceVersion",
  "generation",
  "creationTimestamp",
  "deletionTimestamp",
  "deletionGracePeriodSeconds",
  "managedFields",
  "selfLink",
  "generateName",
]);

function leafPaths(v: unknown, prefix: Path, out: Path[]): void {
  if (isRecord(v) && Object.keys(v).length > 0) {
    for (const [k, c] of Object.entries(v)) {
      if (c === undefined) continue;
      leafPaths(c, [...prefix, k], out);
    }
  } else out.push(prefix);
}

/** Leaf paths of the user-owned part of an object (spec/status side chosen by `subresource`). */
export function ownedPaths(obj: unknown, subresource?: string): Path[] {
  const out: Path[] = [];
  if (!isRecord(obj)) return out;
  for (const [k, v] of Object.entries(obj)) {
    if (k === "apiVersion" || k === "kind") continue;
    if (subresource === "status" ? k !== "status" : k === "status") continue;
    if (k === "metadata" && isRecord(v)) {
      for (const [mk, mv] of Object.entries(v)) {
        if (SERVER_META.has(mk) || mv === undefined) continue;
        leafPaths(mv, ["metadata", mk], out);
      }
      continue;
    }
    leafPaths(v, [k], out);
  }
  return out;
}

function get(v: unknown, p: Path): unknown {
  let cur = v;
  for (const s of p) {
    if (!isRecord(cur)) return undefined;
    cur = cur[s];
  }
  return cur;
}

function del(v: unknown, p: Path): void {
  if (p.length === 0) return;
  const parent = get(v, p.slice(0, -1));
  if (isRecord(parent)) delete parent[p[p.length - 1] ?? ""];
}

const enc = (p: Path): string => JSON.stringify(p);
const dec = (s: string): Path => JSON.parse(s) as Path;

function toFieldsV1(paths: Iterable<string>): JsonObject {
  const root: JsonObject = {};
  for (const s of paths) {
    let cur = root;
    for (const seg of dec(s)) {
      const key = `f:${seg}`;
      const next = cur[key];
      if (isRecord(next)) cur = next as JsonObject;
      else {
        const n: JsonObject = {};
        cur[key] = n;
        cur = n;
      }
    }
  }
  return root;
}

function fromFieldsV1(f: unknown, prefix: Path, out: Set<string>): void {
  if (!isRecord(f)) return;
  const children = Object.keys(f).filter((k) => k.startsWith("f:"));
  if (children.length === 0) {
    if (prefix.length > 0) out.add(enc(prefix));
    return;
  }
  for (const k of children) fromFieldsV1(f[k], [...prefix, k.slice(2)], out);
}

function parseEntries(obj: KObject | undefined): Entry[] {
  const mf = obj?.metadata.managedFields ?? [];
  return mf.map((m) => {
    const paths = new Set<string>();
    fromFieldsV1(m.fieldsV1, [], paths);
    return {
      manager: typeof m.manager === "string" ? m.manager : "unknown",
      operation: m.operation === "Apply" ? "Apply" : "Update",
      apiVersion: typeof m.apiVersion === "string" ? m.apiVersion : "v1",
      time: typeof m.time === "string" ? m.time : nowIso(),
      subresource: typeof m.subresource === "string" ? m.subresource : undefined,
      paths,
    };
  });
}

function serialize(entries: Entry[]): JsonObject[] {
  return entries
    .filter((e) => e.paths.size > 0)
    .map((e) => {
      const o: JsonObject = {
        manager: e.manager,
        operation: e.operation,
        apiVersion: e.apiVersion,
        time: e.time,
        fieldsType: "FieldsV1",
        fieldsV1: toFieldsV1(e.paths),
      };
      if (e.subresource) o.subresource = e.subresource;
      return o;
    });
}

/** Deep merge for apply: maps merge, lists and scalars are replaced by the applied value. */
function applyMerge(base: unknown, cfg: unknown): unknown {
  if (!isRecord(cfg) || !isRecord(base)) return clone(cfg);
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(cfg)) out[k] = applyMerge(base[k], v);
  return out;
}

export interface ApplyResult {
  obj: KObject;
}

/**
 * Server-side apply of `config` by `manager` onto `current` (undefined = create). Returns the merged object
 * with updated managedFields, or throws a 409 Conflict listing the contested fields.
 */
export function serverSideApply(
  current: KObject | undefined,
  config: KObject,
  manager: string,
  force: boolean,
  subresource?: string,
): KObject {
  const entries = parseEntries(current);
  const cfgPaths = ownedPaths(config, subresource).map(enc);
  const conflicts: { manager: string; apiVersion: string; path: string }[] = [];
  for (const e of entries) {
    if (e.manager === manager && e.operation === "Apply") continue;
    if ((e.subresource ?? "") !== (subresource ?? "")) continue;
    for (const p of cfgPaths) {
      if (e.paths.has(p) && !deepEqual(get(current, dec(p)), get(config, dec(p)))) {
        conflicts.push({ manager: e.manager, apiVersion: e.apiVersion, path: p });
      }
    }
  }
  if (conflicts.length > 0 && !force) {
    const fields = conflicts.map((c) => `.${dec(c.path).join(".")}`);
    const msg =
      conflicts.length === 1
        ? `Apply failed with 1 conflict: conflict with "${conflicts[0]?.manager}": ${fields[0]}`
        : `Apply failed with ${conflicts.length} conflicts: ${conflicts
            .map((c, i) => `conflict with "${c.manager}": ${fields[i]}`)
            .join("\n")}`;
    throw new StatusError(409, "Conflict", msg, {
      causes: conflicts.map((c, i) => ({
        reason: "FieldManagerConflict",
        message: `conflict with "${c.manager}"`,
        field: fields[i],
      })),
    });
  }
  for (const c of conflicts) {
    for (const e of entries) if (e.manager === c.manager) e.paths.delete(c.path);
  }
  const mine = entries.find(
    (e) => e.manager === manager && e.operation === "Apply" && (e.subresource ?? "") === (subresource ?? ""),
  );
  const previous = mine ? [...mine.paths] : [];
  const cfgForMerge = { ...config, metadata: { ...config.metadata } };
  const merged = applyMerge(current ?? {}, cfgForMerge) as KObject;
  const cfgSet = new Set(cfgPaths);
  for (const p of previous) {
    if (cfgSet.has(p)) continue;
    const ownedByOther = entries.some((e) => e !== mine && e.paths.has(p));
    if (!ownedByOther) del(merged, dec(p));
  }
  const apiVersion = config.apiVersion ?? current?.apiVersion ?? "v1";
  if (mine) {
    mine.paths = cfgSet;
    mine.time = nowIso();
    mine.apiVersion = apiVersion;
  } else
    entries.push({ manager, operation: "Apply", apiVersion, time: nowIso(), subresource, paths: cfgSet });
  merged.metadata = { ...merged.metadata, managedFields: serialize(entries) };
  return merged;
}

/** Records an Update-operation (PUT/PATCH/POST) by `manager`: changed leaves move to it. */
export function trackUpdate(
  prev: KObject | undefined,
  next: KObject,
  manager: string,
  subresource?: string,
): KObject {
  const entries = parseEntries(prev);
  const nextPaths = ownedPaths(next, subresource).map(enc);
  const prevPaths = new Set(ownedPaths(prev, subresource).map(enc));
  const changed = nextPaths.filter(
    (p) => !prevPaths.has(p) || !deepEqual(get(prev, dec(p)), get(next, dec(p))),
  );
  const nextSet = new Set(nextPaths);
  for (const e of entries) {
    if ((e.subresource ?? "") !== (subresource ?? "")) continue;
    for (const p of [...e.paths]) if (!nextSet.has(p)) e.paths.delete(p);
    if (!(e.manager === manager && e.operation === "Update")) for (const p of changed) e.paths.delete(p);
  }
  if (changed.length > 0) {
    const apiVersion = next.apiVersion ?? "v1";
    const mine = entries.find(
      (e) =>
        e.manager === manager && e.operation === "Update" && (e.subresource ?? "") === (subresource ?? ""),
    );
    if (mine) {
      for (const p of changed) mine.paths.add(p);
      mine.time = nowIso();
    } else
      entries.push({
        manager,
        operation: "Update",
        apiVersion,
        time: nowIso(),
        subresource,
        paths: new Set(changed),
      });
  }
  return { ...next, metadata: { ...next.metadata, managedFields: serialize(entries) } };
}

export function requireFieldManager(manager: string | null): string {
  if (!manager) {
    throw errors.unprocessable(
      'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
    );
  }
  return manager;
}
