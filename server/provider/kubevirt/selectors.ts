/**
 * Nil-safe, type-checking readers for untrusted KubeVirt objects. Each returns either a value of the promised
 * type or `undefined`; none throws, whatever the input (null, a number where a string belongs, an array where
 * an object belongs …).
 */
import type { Condition } from "./wire";

/**
 * A wire type whose field names are checked but whose values are `unknown`, so every value must pass through
 * a reader below before use.
 */
export type Unsafe<T> = { readonly [K in keyof T]?: unknown };

/** `value` as an object with the fields of `T`, or an empty object when it is not a plain object. */
export function rec<T>(value: unknown): Unsafe<T> {
  return isRecord(value) ? (value as Unsafe<T>) : {};
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A non-empty string (after trimming), or undefined. */
export function str(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  return value.trim() === "" ? undefined : value;
}

/** A finite number, or undefined. */
export function num(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

/** The array, or an empty one for anything else. */
export function arr(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Only the string-valued entries of an object; undefined when there are none or it is not an object. */
export function strMap(value: unknown): Record<string, string> | undefined {
  if (!isRecord(value)) return undefined;
  const out: Record<string, string> = {};
  let any = false;
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === "string") {
      out[k] = v;
      any = true;
    }
  }
  return any ? out : undefined;
}

/** An RFC 3339 timestamp as a valid Date, or undefined. */
export function date(value: unknown): Date | undefined {
  if (typeof value !== "string" || value === "") return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** The Unix epoch: the creation time of an object that reports none (deterministic, unlike "now"). */
export const EPOCH = 0;

export interface WireCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

/** `status.conditions` with untyped entries dropped; a missing status reads as "Unknown". */
export function conditions(value: unknown): WireCondition[] {
  const out: WireCondition[] = [];
  for (const raw of arr(value)) {
    const c = rec<Condition>(raw);
    const type = str(c.type);
    if (type === undefined) continue;
    const cond: WireCondition = { type, status: str(c.status) ?? "Unknown" };
    const reason = str(c.reason);
    const message = str(c.message);
    if (reason !== undefined) cond.reason = reason;
    if (message !== undefined) cond.message = message;
    out.push(cond);
  }
  return out;
}

export function findCondition(
  list: readonly WireCondition[],
  type: string,
  status?: "True" | "False",
): WireCondition | undefined {
  return list.find((c) => c.type === type && (status === undefined || c.status === status));
}

const BINARY: Record<string, number> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};
const DECIMAL: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  "": 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};
const QUANTITY = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]))?$/;

/**
 * A Kubernetes quantity (`resource.Quantity`) as a plain number in base units: "2Gi" → 2147483648,
 * "1500M" → 1.5e9, "500m" → 0.5, "2" → 2, "1e3" → 1000. JSON numbers are accepted as they are. Undefined for
 * anything malformed, negative or non-finite.
 */
export function parseQuantity(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) && value >= 0 ? value : undefined;
  if (typeof value !== "string") return undefined;
  const m = QUANTITY.exec(value.trim());
  if (m === null) return undefined;
  const [, digits = "", exponent, suffix = ""] = m;
  const base = Number(exponent === undefined ? digits : `${digits}${exponent}`);
  const factor = BINARY[suffix] ?? DECIMAL[suffix] ?? 1;
  const result = base * factor;
  return Number.isFinite(result) && result >= 0 ? result : undefined;
}
