// JSON patch (RFC 6902) and JSON merge patch (RFC 7386). Strategic merge patch is applied as a merge patch:
// KubeVirt's CRD types carry no patch strategies, and the apiserver treats CRs the same way.
import { errors } from "./status-error.ts";
import { clone, deepEqual, isRecord } from "./types.ts";

export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isRecord(patch)) return clone(patch);
  const out: Record<string, unknown> = isRecord(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

function unescapePointer(seg: string): string {
  return seg.replace(/~1/g, "/").replace(/~0/g, "~");
}

function parsePointer(path: string): string[] {
  if (path === "") return [];
  if (!path.startsWith("/"))
    throw errors.badRequest(
      `the server rejected our request due to an error in our request: invalid JSON pointer "${path}"`,
    );
  return path.slice(1).split("/").map(unescapePointer);
}

function resolveParent(doc: unknown, segs: string[]): { parent: unknown; key: string } {
  let cur = doc;
  for (const s of segs.slice(0, -1)) {
    if (Array.isArray(cur)) cur = cur[Number(s)];
    else if (isRecord(cur)) cur = cur[s];
    else cur = undefined;
    if (cur === undefined)
      throw errors.unprocessable(`doc is missing path: "/${segs.join("/")}": missing value`);
  }
  return { parent: cur, key: segs[segs.length - 1] ?? "" };
}

function getAt(doc: unknown, segs: string[]): unknown {
  let cur = doc;
  for (const s of segs) {
    if (Array.isArray(cur)) cur = cur[Number(s)];
    else if (isRecord(cur)) cur = cur[s];
    else return undefined;
  }
  return cur;
}

function removeAt(doc: unknown, segs: string[]): unknown {
  const { parent, key } = resolveParent(doc, segs);
  if (Array.isArray(parent)) {
    const i = Number(key);
    if (!(i >= 0 && i < parent.length))
      throw errors.unprocessable(`unable to remove nonexistent key: ${key}: missing value`);
    return parent.splice(i, 1)[0];
  }
  if (isRecord(parent) && Object.hasOwn(parent, key)) {
    const v = parent[key];
    delete parent[key];
    return v;
  }
  throw errors.unprocessable(`unable to remove nonexistent key: ${key}: missing value`);
}

function addAt(doc: unknown, segs: string[], value: unknown, replace: boolean): unknown {
  if (segs.length === 0) return value;
  const { parent, key } = resolveParent(doc, segs);
  if (Array.isArray(parent)) {
    const i = key === "-" ? parent.length : Number(key);
    if (!(i >= 0 && i <= parent.length))
      throw errors.unprocessable(`add operation does not apply: doc is missing path`);
    if (replace) parent[i] = value;
    else parent.splice(i, 0, value);
  } else if (isRecord(parent)) {
    if (replace && !Object.hasOwn(parent, key))
      throw errors.unprocessable(
        `replace operation does not apply: doc is missing key: /${segs.join("/")}: missing value`,
      );
    parent[key] = value;
  } else throw errors.unprocessable(`doc is missing path: "/${segs.join("/")}": missing value`);
  return doc;
}

export function jsonPatch(doc: unknown, ops: unknown): unknown {
  if (!Array.isArray(ops)) throw errors.badRequest("json patch must be an array of operations");
  let out = clone(doc);
  for (const raw of ops) {
    if (!isRecord(raw) || typeof raw.op !== "string" || typeof raw.path !== "string")
      throw errors.badRequest("invalid json patch operation");
    const segs = parsePointer(raw.path);
    switch (raw.op) {
      case "add":
        out = addAt(out, segs, clone(raw.value), false);
        break;
      case "replace":
        out = addAt(out, segs, clone(raw.value), true);
        break;
      case "remove":
        removeAt(out, segs);
        break;
      case "test":
        if (!deepEqual(getAt(out, segs), raw.value))
          throw errors.unprocessable(`testing value ${raw.path} failed: test failed`);
        break;
      case "move":
      case "copy": {
        if (typeof raw.from !== "string") throw errors.badRequest("missing from");
        const from = parsePointer(raw.from);
        const v = raw.op === "move" ? removeAt(out, from) : clone(getAt(out, from));
        if (v === undefined) throw errors.unprocessable(`doc is missing from path: ${raw.from}`);
        out = addAt(out, segs, v, false);
        break;
      }
      default:
        throw errors.badRequest(`Unexpected kind: ${raw.op}`);
    }
  }
  return out;
}
