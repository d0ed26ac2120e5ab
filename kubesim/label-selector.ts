// Label selectors as the apiserver parses them (k8s.io/apimachinery/pkg/labels): equality-based
// (`a=b`, `a==b`, `a!=b`) and set-based (`a in (x,y)`, `a notin (x)`, `a`, `!a`), comma = AND.
import { errors } from "./status-error.ts";

type Op = "=" | "!=" | "in" | "notin" | "exists" | "!";
interface Requirement {
  key: string;
  op: Op;
  values: string[];
}

export type LabelMatcher = (labels: Record<string, string> | undefined) => boolean;

const KEY_RE =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const VALUE_RE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

function splitTopLevel(s: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = "";
  for (const ch of s) {
    if (ch === "(") depth++;
    if (ch === ")") depth--;
    if (ch === "," && depth === 0) {
      parts.push(cur);
      cur = "";
    } else cur += ch;
  }
  parts.push(cur);
  return parts.map((p) => p.trim()).filter((p) => p !== "");
}

function checkKey(key: string, selector: string): void {
  if (!KEY_RE.test(key))
    throw errors.badRequest(`unable to parse requirement: invalid label key "${key}" in "${selector}"`);
}
function checkValue(v: string, selector: string): void {
  if (v.length > 63 || !VALUE_RE.test(v))
    throw errors.badRequest(`unable to parse requirement: invalid label value "${v}" in "${selector}"`);
}

function parseRequirement(part: string, selector: string): Requirement {
  const setMatch = /^(\S+)\s+(in|notin)\s*\((.*)\)$/.exec(part);
  if (setMatch) {
    const key = setMatch[1] ?? "";
    checkKey(key, selector);
    const values = (setMatch[3] ?? "")
      .split(",")
      .map((v) => v.trim())
      .filter((v) => v !== "");
    for (const v of values) checkValue(v, selector);
    return { key, op: setMatch[2] === "in" ? "in" : "notin", values };
  }
  if (part.startsWith("!")) {
    const key = part.slice(1).trim();
    checkKey(key, selector);
    return { key, op: "!", values: [] };
  }
  const eq = /^([^!=\s]+)\s*(==|=|!=)\s*(.*)$/.exec(part);
  if (eq) {
    const key = eq[1] ?? "";
    const value = (eq[3] ?? "").trim();
    checkKey(key, selector);
    checkValue(value, selector);
    return { key, op: eq[2] === "!=" ? "!=" : "=", values: [value] };
  }
  checkKey(part, selector);
  return { key: part, op: "exists", values: [] };
}

export function parseLabelSelector(selector: string | undefined | null): LabelMatcher {
  if (!selector || selector.trim() === "") return () => true;
  const reqs = splitTopLevel(selector).map((p) => parseRequirement(p, selector));
  return (labels) => {
    const l = labels ?? {};
    return reqs.every((r) => {
      const has = Object.hasOwn(l, r.key);
      const v = l[r.key];
      switch (r.op) {
        case "=":
          return has && v === r.values[0];
        case "!=":
          return !has || v !== r.values[0];
        case "in":
          return has && v !== undefined && r.values.includes(v);
        case "notin":
          return !has || v === undefined || !r.values.includes(v);
        case "exists":
          return has;
        case "!":
          return !has;
      }
      return false;
    });
  };
}

/** Converts a `metav1.LabelSelector` object (matchLabels/matchExpressions) to a matcher. */
export function labelSelectorFromObject(sel: unknown): LabelMatcher {
  if (typeof sel !== "object" || sel === null) return () => true;
  const parts: string[] = [];
  const s = sel as {
    matchLabels?: Record<string, string>;
    matchExpressions?: { key: string; operator: string; values?: string[] }[];
  };
  for (const [k, v] of Object.entries(s.matchLabels ?? {})) parts.push(`${k}=${v}`);
  for (const e of s.matchExpressions ?? []) {
    const op = e.operator;
    if (op === "In") parts.push(`${e.key} in (${(e.values ?? []).join(",")})`);
    else if (op === "NotIn") parts.push(`${e.key} notin (${(e.values ?? []).join(",")})`);
    else if (op === "Exists") parts.push(e.key);
    else if (op === "DoesNotExist") parts.push(`!${e.key}`);
  }
  return parseLabelSelector(parts.join(","));
}
