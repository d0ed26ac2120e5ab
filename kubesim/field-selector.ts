// Field selectors: the apiserver supports `metadata.name` and `metadata.namespace` on every resource (plus a
// few per-type fields; KubeVirt CRDs declare none). Unsupported fields are a 400, as on a real cluster.
import { errors } from "./status-error.ts";
import type { KObject } from "./types.ts";

export type FieldMatcher = (obj: KObject) => boolean;

const SUPPORTED = new Set(["metadata.name", "metadata.namespace"]);

export function parseFieldSelector(selector: string | undefined | null, kind: string): FieldMatcher {
  if (!selector || selector.trim() === "") return () => true;
  const reqs = selector
    .split(",")
    .map((p) => p.trim())
    .filter((p) => p !== "")
    .map((part) => {
      const m = /^([^!=]+?)\s*(==|=|!=)\s*(.*)$/.exec(part);
      if (!m) throw errors.badRequest(`invalid selector: '${selector}'; can't understand '${part}'`);
      const field = (m[1] ?? "").trim();
      if (!SUPPORTED.has(field))
        throw errors.badRequest(
          `"${field}" is not a known field selector: only "metadata.name", "metadata.namespace"`,
        );
      return { field, neg: m[2] === "!=", value: (m[3] ?? "").trim() };
    });
  void kind;
  return (obj) =>
    reqs.every((r) => {
      const actual = r.field === "metadata.name" ? (obj.metadata.name ?? "") : (obj.metadata.namespace ?? "");
      return r.neg ? actual !== r.value : actual === r.value;
    });
}
