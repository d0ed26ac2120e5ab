// LIST semantics: selectors, limit/continue (continue tokens pin a snapshot revision and expire with the
// history window), and resourceVersion/resourceVersionMatch as described in the API concepts doc.
import { type FieldMatcher, parseFieldSelector } from "./field-selector.ts";
import { type LabelMatcher, parseLabelSelector } from "./label-selector.ts";
import type { ResourceStore } from "./resource-store.ts";
import { apiVersionOf, type ResourceType, rkeyOf } from "./resource-type.ts";
import { errors, type StatusError } from "./status-error.ts";
import type { KObject } from "./types.ts";

export interface ListQuery {
  labelSelector?: string | null;
  fieldSelector?: string | null;
  limit?: string | null;
  continue?: string | null;
  resourceVersion?: string | null;
  resourceVersionMatch?: string | null;
}

export interface ListResult {
  apiVersion: string;
  kind: string;
  metadata: { resourceVersion: string; continue?: string; remainingItemCount?: number };
  items: KObject[];
}

interface ContinueToken {
  v: string;
  rv: number;
  start: string;
}

export function encodeContinue(rv: number, start: string): string {
  return Buffer.from(JSON.stringify({ v: "meta.k8s.io/v1", rv, start } satisfies ContinueToken)).toString(
    "base64url",
  );
}

function decodeContinue(token: string): ContinueToken {
  try {
    const t = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as ContinueToken;
    if (typeof t.rv !== "number" || typeof t.start !== "string") throw new Error("bad token");
    return t;
  } catch {
    throw errors.badRequest(
      "continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)",
    );
  }
}

export function parseRv(rv: string): number {
  if (!/^\d+$/.test(rv)) {
    throw errors.invalid("ListOptions", "meta.k8s.io", "", [
      {
        reason: "FieldValueInvalid",
        message: `Invalid value: "${rv}": must be a valid resource version`,
        field: "resourceVersion",
      },
    ]);
  }
  return Number(rv);
}

export function tooLarge(rv: number, current: number): StatusError {
  return errors.timeout(`Too large resource version: ${rv}, current: ${current}`, [
    { reason: "ResourceVersionTooLarge", message: "Too large resource version" },
  ]);
}

export function matchers(
  t: ResourceType,
  q: { labelSelector?: string | null; fieldSelector?: string | null },
): {
  labels: LabelMatcher;
  fields: FieldMatcher;
} {
  return { labels: parseLabelSelector(q.labelSelector), fields: parseFieldSelector(q.fieldSelector, t) };
}

/** Rewrites apiVersion when an object is served through a non-storage version (schemas are identical). */
export function asVersion(o: KObject, apiVersion: string): KObject {
  return o.apiVersion === apiVersion ? o : { ...o, apiVersion };
}

export function listObjects(
  store: ResourceStore,
  t: ResourceType,
  version: string,
  ns: string | undefined,
  q: ListQuery,
): ListResult {
  const { labels, fields } = matchers(t, q);
  const limit = q.limit ? Number.parseInt(q.limit, 10) : 0;
  if (q.limit && (!Number.isFinite(limit) || limit < 0))
    throw errors.badRequest(`invalid limit "${q.limit}"`);
  const rvParam = q.resourceVersion ?? "";
  const match = q.resourceVersionMatch ?? "";
  let snapshotRv: number | undefined;
  let afterKey: string | undefined;
  if (q.continue) {
    if (rvParam !== "")
      throw errors.badRequest("specifying resource version is not allowed when using continue");
    const tok = decodeContinue(q.continue);
    if (tok.rv < store.compactedRv) {
      throw errors.expired(
        "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.",
      );
    }
    snapshotRv = tok.rv;
    afterKey = tok.start;
  } else {
    if (match !== "" && rvParam === "") {
      throw errors.invalid("ListOptions", "meta.k8s.io", "", [
        {
          reason: "FieldValueForbidden",
          message: "Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided",
          field: "resourceVersionMatch",
        },
      ]);
    }
    if (match !== "" && match !== "Exact" && match !== "NotOlderThan") {
      throw errors.invalid("ListOptions", "meta.k8s.io", "", [
        {
          reason: "FieldValueNotSupported",
          message: `Unsupported value: "${match}": supported values: "Exact", "NotOlderThan"`,
          field: "resourceVersionMatch",
        },
      ]);
    }
    if (rvParam !== "" && rvParam !== "0") {
      const n = parseRv(rvParam);
      if (n > store.currentRv) throw tooLarge(n, store.currentRv);
      if (match === "Exact") {
        if (n < store.compactedRv)
          throw errors.expired(`too old resource version: ${n} (${store.compactedRv})`);
        snapshotRv = n;
      }
    } else if (rvParam === "0" && match === "Exact") {
      throw errors.invalid("ListOptions", "meta.k8s.io", "", [
        {
          reason: "FieldValueForbidden",
          message: 'Forbidden: resourceVersionMatch "exact" is forbidden for resourceVersion "0"',
          field: "resourceVersionMatch",
        },
      ]);
    }
  }
  const atRv = snapshotRv ?? store.currentRv;
  const apiVersion = apiVersionOf(t.group, version);
  const items: KObject[] = [];
  let lastKey: string | undefined;
  let more = false;
  store.scan(rkeyOf(t), snapshotRv, t.namespaced ? ns : undefined, afterKey, (o, key) => {
    if (limit > 0 && items.length >= limit) {
      more = true;
      return false;
    }
    lastKey = key;
    if (labels(o.metadata.labels) && fields(o)) items.push(asVersion(o, apiVersion));
    return true;
  });
  const metadata: ListResult["metadata"] = { resourceVersion: String(atRv) };
  if (more && lastKey !== undefined) {
    metadata.continue = encodeContinue(atRv, lastKey);
    if (!q.labelSelector && !q.fieldSelector) {
      metadata.remainingItemCount = store.countAfter(
        rkeyOf(t),
        snapshotRv,
        t.namespaced ? ns : undefined,
        lastKey,
      );
    }
  }
  return { apiVersion, kind: `${t.kind}List`, metadata, items };
}
