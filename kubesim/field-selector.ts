// Field selectors: the apiserver supports `metadata.name` and `metadata.namespace` on every resource, plus the
// per-type fields its registry declares (KubeVirt CRDs declare none; core/v1 events declare the ones below,
// as pkg/registry/core/event/strategy.go ToSelectableFields). Unsupported fields are a 400, as on a cluster.
import { errors } from "./status-error.ts";
import { asRecord, type KObject } from "./types.ts";

export type FieldMatcher = (obj: KObject) => boolean;

type FieldReader = (obj: KObject) => string;

const str = (v: unknown): string => (typeof v === "string" ? v : "");

const COMMON: Record<string, FieldReader> = {
  "metadata.name": (o) => o.metadata.name ?? "",
  "metadata.namespace": (o) => o.metadata.namespace ?? "",
};

const involved =
  (field: string): FieldReader =>
  (o) =>
    str(asRecord(o.involvedObject)[field]);

const EVENT_FIELDS: Record<string, FieldReader> = {
  ...COMMON,
  "involvedObject.kind": involved("kind"),
  "involvedObject.namespace": involved("namespace"),
  "involvedObject.name": involved("name"),
  "involvedObject.uid": involved("uid"),
  "involvedObject.apiVersion": involved("apiVersion"),
  "involvedObject.resourceVersion": involved("resourceVersion"),
  "involvedObject.fieldPath": involved("fieldPath"),
  reason: (o) => str(o.reason),
  reportingComponent: (o) => str(o.reportingComponent),
  source: (o) => str(asRecord(o.source).component),
  type: (o) => str(o.type),
};

function fieldsOf(t: { group: string; kind: string }): Record<string, FieldReader> {
  return t.group === "" && t.kind === "Event" ? EVENT_FIELDS : COMMON;
}

export function parseFieldSelector(
  selector: string | undefined | null,
  t: { group: string; kind: string },
): FieldMatcher {
  if (!selector || selector.trim() === "") return () => true;
  const fields = fieldsOf(t);
  const reqs = selector
    .split(",")
    .map((p) => p.trim())
    .filter((p) => p !== "")
    .map((part) => {
      const m = /^([^!=]+?)\s*(==|=|!=)\s*(.*)$/.exec(part);
      if (!m) throw errors.badRequest(`invalid selector: '${selector}'; can't understand '${part}'`);
      const field = (m[1] ?? "").trim();
      const read = fields[field];
      if (!read) {
        if (fields === COMMON)
          throw errors.badRequest(
            `"${field}" is not a known field selector: only "metadata.name", "metadata.namespace"`,
          );
        throw errors.badRequest(`field label not supported: ${field}`);
      }
      return { read, neg: m[2] === "!=", value: (m[3] ?? "").trim() };
    });
  return (obj) =>
    reqs.every((r) => {
      const actual = r.read(obj);
      return r.neg ? actual !== r.value : actual === r.value;
    });
}
