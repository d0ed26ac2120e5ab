// `Accept: application/json;as=Table;g=meta.k8s.io;v=v1` answers: the printer columns a CRD declares (or the
// built-in ones), evaluated with the small JSONPath subset kubectl columns use.
import type { PrinterColumn, ResourceType } from "./resource-type.ts";
import { asArray, isRecord, type KObject } from "./types.ts";

export function wantsTable(accept: string | undefined): boolean {
  return !!accept && /as=Table/.test(accept);
}

/** Evaluates `.a.b`, `.a[0].b` and `.a[?(@.type=='Ready')].status`. */
export function evalJsonPath(obj: unknown, path: string): unknown {
  const tokens = path.match(/\.[^.[\]]+|\[\?\(@\.[^)]+\)\]|\[\d+\]/g) ?? [];
  let cur: unknown = obj;
  for (const tok of tokens) {
    if (cur === undefined) return undefined;
    if (tok.startsWith("[?(")) {
      const m = /^\[\?\(@\.([\w.]+)\s*==\s*['"]([^'"]*)['"]\)\]$/.exec(tok);
      if (!m) return undefined;
      const field = m[1] ?? "";
      cur = asArray(cur).find((e) => isRecord(e) && String(e[field]) === m[2]);
    } else if (tok.startsWith("[")) {
      cur = asArray(cur)[Number(tok.slice(1, -1))];
    } else {
      cur = isRecord(cur) ? cur[tok.slice(1)] : undefined;
    }
  }
  return cur;
}

export function age(ts: unknown, now = Date.now()): string {
  if (typeof ts !== "string") return "<unknown>";
  const s = Math.max(0, Math.floor((now - Date.parse(ts)) / 1000));
  if (s < 120) return `${s}s`;
  if (s < 7200) return `${Math.floor(s / 60)}m`;
  if (s < 172800) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86400)}d`;
}

function cell(o: KObject, c: PrinterColumn): unknown {
  const v = evalJsonPath(o, c.jsonPath);
  if (c.type === "date") return age(v);
  if (v === undefined) return "";
  return v;
}

export function toTable(
  t: ResourceType,
  objects: KObject[],
  meta: Record<string, unknown>,
): Record<string, unknown> {
  const columns = [
    {
      name: "Name",
      type: "string",
      format: "name",
      description: "Name must be unique within a namespace.",
      priority: 0,
    },
    ...t.printerColumns.map((c) => ({
      name: c.name,
      type: c.type === "date" ? "string" : c.type,
      format: c.format ?? "",
      description: c.description ?? "",
      priority: c.priority ?? 0,
    })),
  ];
  return {
    kind: "Table",
    apiVersion: "meta.k8s.io/v1",
    metadata: meta,
    columnDefinitions: columns,
    rows: objects.map((o) => ({
      cells: [o.metadata.name ?? "", ...t.printerColumns.map((c) => cell(o, c))],
      object: {
        kind: "PartialObjectMetadata",
        apiVersion: "meta.k8s.io/v1",
        metadata: o.metadata,
      },
    })),
  };
}
