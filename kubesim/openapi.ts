// /openapi/v2 and /openapi/v3 (index + per group-version documents) built from the served types, so
// kubectl's field-validation probe, `kubectl apply` and `kubectl explain` find a schema and the operations
// of every kind. Served as the apiserver serves them (k8s.io/kube-openapi handler/handler3):
// - v3 index: `{paths: {"apis/g/v": {serverRelativeURL: "/openapi/v3/apis/g/v?hash=<content hash>"}}}`.
// - v3 group-version: JSON only. A `?hash=` that matches gets `Cache-Control: public, immutable`; a stale one
//   is redirected (301) to the current hash. An Accept that admits no JSON (protobuf only) is 406.
// - v2: JSON only. kubectl asks for protobuf only
//   (`application/com.github.proto-openapi.spec.v2@v1.0+protobuf`): that is 406 Not Acceptable, never a
//   200 with JSON (which kubectl would try to decode as protobuf: "proto: cannot parse invalid wire-format
//   data"). kubectl then falls back to v3, or to JSON merge patch for client-side apply.
// Each PATCH operation carries `x-kubernetes-group-version-kind` and the `fieldValidation` query parameter,
// which is what kubectl's QueryParamVerifierV3 looks for before it relies on server-side field validation.
import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { KUBE_VERSION } from "./discovery.ts";
import { acceptsJson } from "./http-util.ts";
import type { ResourceRegistry } from "./resource-registry.ts";
import { apiVersionOf, type ResourceType } from "./resource-type.ts";
import { errors } from "./status-error.ts";
import { isRecord } from "./types.ts";

const OPEN = { type: "object", "x-kubernetes-preserve-unknown-fields": true };
const META = "io.k8s.apimachinery.pkg.apis.meta.v1";

function defName(t: ResourceType, version: string): string {
  const g = t.group === "" ? "io.k8s.api.core" : t.group.split(".").reverse().join(".");
  return `${g}.${version}.${t.kind}`;
}

function schemaOf(t: ResourceType, version: string): Record<string, unknown> {
  const base = isRecord(t.schema)
    ? t.schema
    : {
        type: "object",
        properties: {
          apiVersion: { type: "string" },
          kind: { type: "string" },
          metadata: { type: "object" },
          spec: OPEN,
          status: OPEN,
        },
      };
  return {
    description: `${t.kind} (${apiVersionOf(t.group, version)}), served by kubesim.`,
    ...base,
    "x-kubernetes-preserve-unknown-fields": true,
    "x-kubernetes-group-version-kind": [{ group: t.group, version, kind: t.kind }],
  };
}

function listSchema(t: ResourceType, version: string, ref: string): Record<string, unknown> {
  return {
    description: `${t.kind}List is a list of ${t.kind}`,
    type: "object",
    required: ["items"],
    properties: {
      apiVersion: { type: "string" },
      kind: { type: "string" },
      metadata: { type: "object" },
      items: { type: "array", items: { $ref: ref } },
    },
    "x-kubernetes-group-version-kind": [{ group: t.group, version, kind: `${t.kind}List` }],
  };
}

function gvPath(group: string, version: string): string {
  return group === "" ? `api/${version}` : `apis/${group}/${version}`;
}

// ---- operations (v3) -------------------------------------------------------------------------------------

type Action = "list" | "post" | "deletecollection" | "get" | "put" | "patch" | "delete";

const q = (name: string, type: string, description: string) => ({
  name,
  in: "query",
  description,
  schema: { type, uniqueItems: true },
});

const DRY_RUN = q("dryRun", "string", "When present, indicates that modifications should not be persisted.");
const FIELD_MANAGER = q(
  "fieldManager",
  "string",
  "fieldManager is a name associated with the actor making these changes.",
);
const FIELD_VALIDATION = q(
  "fieldValidation",
  "string",
  "fieldValidation instructs the server on how to handle objects in the request containing unknown or duplicate fields. Valid values are: Ignore, Warn, Strict.",
);
const FORCE = q(
  "force",
  "boolean",
  'Force is going to "force" Apply requests. It must be unset for non-apply patch requests.',
);
const LIST_PARAMS = [
  q("allowWatchBookmarks", "boolean", 'allowWatchBookmarks requests watch events with type "BOOKMARK".'),
  q("continue", "string", "The continue option should be set when retrieving more results from the server."),
  q("fieldSelector", "string", "A selector to restrict the list of returned objects by their fields."),
  q("labelSelector", "string", "A selector to restrict the list of returned objects by their labels."),
  q("limit", "integer", "limit is a maximum number of responses to return for a list call."),
  q(
    "resourceVersion",
    "string",
    "resourceVersion sets a constraint on what resource versions a request may be served from.",
  ),
  q(
    "resourceVersionMatch",
    "string",
    "resourceVersionMatch determines how resourceVersion is applied to list calls.",
  ),
  q("sendInitialEvents", "boolean", "`sendInitialEvents=true` may be set together with `watch=true`."),
  q("timeoutSeconds", "integer", "Timeout for the list/watch call."),
  q("watch", "boolean", "Watch for changes to the described resources and return them as a stream."),
];
const DELETE_PARAMS = [
  DRY_RUN,
  q("gracePeriodSeconds", "integer", "The duration in seconds before the object should be deleted."),
  q("propagationPolicy", "string", "Whether and how garbage collection will be performed."),
];

const PATCH_TYPES = [
  "application/json-patch+json",
  "application/merge-patch+json",
  "application/apply-patch+yaml",
];

function json(ref: string): Record<string, unknown> {
  return { "application/json": { schema: { $ref: ref } } };
}

function operation(
  action: Action,
  t: ResourceType,
  version: string,
  scope: "namespaced" | "all" | "cluster",
  sub: string | undefined,
): Record<string, unknown> {
  const ref = `#/components/schemas/${defName(t, version)}`;
  const verb = {
    list: "list",
    post: "create",
    deletecollection: "deletecollection",
    get: "read",
    put: "replace",
    patch: "patch",
    delete: "delete",
  }[action];
  const scopeName = scope === "namespaced" ? "Namespaced" : scope === "all" ? "ForAllNamespaces" : "";
  const suffix = sub ? sub.charAt(0).toUpperCase() + sub.slice(1) : "";
  const vg =
    (t.group.split(".")[0] ?? "").replace(/^./, (c) => c.toUpperCase()) +
    version.replace(/^./, (c) => c.toUpperCase());
  const op: Record<string, unknown> = {
    description: `${verb} ${sub ? `${sub} of ` : ""}the specified ${t.kind}`,
    operationId: `${verb}${vg}${scope === "all" ? "" : scopeName}${t.kind}${suffix}${scope === "all" ? scopeName : ""}`,
    tags: [vg],
    "x-kubernetes-action": action,
    "x-kubernetes-group-version-kind": { group: t.group, version, kind: t.kind },
  };
  switch (action) {
    case "list":
      op.parameters = LIST_PARAMS;
      op.responses = { "200": { description: "OK", content: json(`${ref}List`) } };
      break;
    case "get":
      op.responses = { "200": { description: "OK", content: json(ref) } };
      break;
    case "post":
    case "put":
      op.parameters = [DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION];
      op.requestBody = { content: { "*/*": { schema: { $ref: ref } } }, required: true };
      op.responses = {
        "200": { description: "OK", content: json(ref) },
        "201": { description: "Created", content: json(ref) },
      };
      break;
    case "patch":
      op.parameters = [DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION, FORCE];
      op.requestBody = {
        content: Object.fromEntries(
          PATCH_TYPES.map((ct) => [ct, { schema: { $ref: `#/components/schemas/${META}.Patch` } }]),
        ),
        required: true,
      };
      op.responses = {
        "200": { description: "OK", content: json(ref) },
        "201": { description: "Created", content: json(ref) },
      };
      break;
    case "delete":
    case "deletecollection":
      op.parameters = action === "delete" ? DELETE_PARAMS : [...DELETE_PARAMS, ...LIST_PARAMS.slice(1, 8)];
      op.responses = {
        "200": { description: "OK", content: json(`#/components/schemas/${META}.Status`) },
        "202": { description: "Accepted", content: json(`#/components/schemas/${META}.Status`) },
      };
      break;
  }
  return op;
}

const PATH_NAME = {
  name: "name",
  in: "path",
  description: "name of the resource",
  required: true,
  schema: { type: "string", uniqueItems: true },
};
const PATH_NS = {
  name: "namespace",
  in: "path",
  description: "object name and auth scope, such as for teams and projects",
  required: true,
  schema: { type: "string", uniqueItems: true },
};
const PRETTY = q("pretty", "string", "If 'true', then the output is pretty printed.");

function pathsOf(t: ResourceType, version: string): Record<string, unknown> {
  const base = `/${gvPath(t.group, version)}`;
  const out: Record<string, unknown> = {};
  const scope = t.namespaced ? "namespaced" : "cluster";
  const coll = t.namespaced ? `${base}/namespaces/{namespace}/${t.plural}` : `${base}/${t.plural}`;
  const scopeParams = t.namespaced ? [PATH_NS, PRETTY] : [PRETTY];
  out[coll] = {
    get: operation("list", t, version, scope, undefined),
    post: operation("post", t, version, scope, undefined),
    delete: operation("deletecollection", t, version, scope, undefined),
    parameters: scopeParams,
  };
  const item = {
    get: operation("get", t, version, scope, undefined),
    put: operation("put", t, version, scope, undefined),
    patch: operation("patch", t, version, scope, undefined),
    delete: operation("delete", t, version, scope, undefined),
    parameters: [PATH_NAME, ...scopeParams],
  };
  out[`${coll}/{name}`] = item;
  if (t.statusSubresource) {
    out[`${coll}/{name}/status`] = {
      get: operation("get", t, version, scope, "status"),
      put: operation("put", t, version, scope, "status"),
      patch: operation("patch", t, version, scope, "status"),
      parameters: [PATH_NAME, ...scopeParams],
    };
  }
  if (t.namespaced) {
    out[`${base}/${t.plural}`] = {
      get: operation("list", t, version, "all", undefined),
      parameters: [PRETTY],
    };
  }
  return out;
}

const META_SCHEMAS: Record<string, unknown> = {
  [`${META}.Patch`]: {
    description: "Patch is provided to give a concrete name and type to the Kubernetes PATCH request body.",
    type: "object",
  },
  [`${META}.Status`]: {
    description: "Status is a return value for calls that don't return other objects.",
    type: "object",
    properties: {
      apiVersion: { type: "string" },
      kind: { type: "string" },
      code: { type: "integer", format: "int32" },
      message: { type: "string" },
      reason: { type: "string" },
      status: { type: "string" },
      details: OPEN,
      metadata: { type: "object" },
    },
    "x-kubernetes-group-version-kind": [{ group: "", version: "v1", kind: "Status" }],
  },
};

// ---- documents -------------------------------------------------------------------------------------------

function v2Document(types: ResourceType[]): Record<string, unknown> {
  const definitions: Record<string, unknown> = {};
  for (const t of types) {
    for (const v of t.versions) {
      const name = defName(t, v);
      definitions[name] = schemaOf(t, v);
      definitions[`${name}List`] = listSchema(t, v, `#/definitions/${name}`);
    }
  }
  return {
    swagger: "2.0",
    info: { title: "Kubernetes", version: KUBE_VERSION.gitVersion },
    paths: {},
    definitions,
  };
}

function v3GroupVersion(
  types: ResourceType[],
  group: string,
  version: string,
): Record<string, unknown> | undefined {
  const served = types.filter((t) => t.group === group && t.versions.includes(version));
  if (served.length === 0) return undefined;
  const schemas: Record<string, unknown> = { ...META_SCHEMAS };
  const paths: Record<string, unknown> = {};
  for (const t of served) {
    const name = defName(t, version);
    schemas[name] = schemaOf(t, version);
    schemas[`${name}List`] = listSchema(t, version, `#/components/schemas/${name}`);
    Object.assign(paths, pathsOf(t, version));
  }
  return {
    openapi: "3.0.0",
    info: { title: "Kubernetes", version: KUBE_VERSION.gitVersion },
    paths,
    components: { schemas },
  };
}

function groupVersions(types: ResourceType[]): { group: string; version: string }[] {
  const seen = new Map<string, { group: string; version: string }>();
  for (const t of types)
    for (const v of t.versions) seen.set(gvPath(t.group, v), { group: t.group, version: v });
  return [...seen.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, gv]) => gv);
}

/** The apiserver's openapi ETag/hash: SHA-512 of the served bytes, upper-case hex. */
export function contentHash(text: string): string {
  return createHash("sha512").update(text).digest("hex").toUpperCase();
}

export interface OpenApiBody {
  text: string;
  hash: string;
}

function body(doc: unknown): OpenApiBody {
  const text = JSON.stringify(doc);
  return { text, hash: contentHash(text) };
}

/** The document at `path` (JSON text and hash), or undefined when there is none. */
export function openapiBody(path: string, registry: ResourceRegistry): OpenApiBody | undefined {
  const types = registry.all();
  if (path === "/openapi/v2") return body(v2Document(types));
  if (path === "/openapi/v3") {
    const paths: Record<string, unknown> = {};
    for (const { group, version } of groupVersions(types)) {
      const gv = gvPath(group, version);
      const b = body(v3GroupVersion(types, group, version));
      paths[gv] = { serverRelativeURL: `/openapi/v3/${gv}?hash=${b.hash}` };
    }
    return body({ paths });
  }
  const m = /^\/openapi\/v3\/(api\/[^/]+|apis\/[^/]+\/[^/]+)$/.exec(path);
  if (!m) return undefined;
  const parts = (m[1] ?? "").split("/");
  const group = parts[0] === "api" ? "" : (parts[1] ?? "");
  const version = parts[0] === "api" ? (parts[1] ?? "") : (parts[2] ?? "");
  const doc = v3GroupVersion(types, group, version);
  return doc === undefined ? undefined : body(doc);
}

/** Parsed document (tests and programmatic users). */
export function openapiDocument(path: string, registry: ResourceRegistry): unknown {
  const b = openapiBody(path, registry);
  return b === undefined ? undefined : (JSON.parse(b.text) as unknown);
}

/** Serves /openapi/v2, /openapi/v3 and /openapi/v3/{gv} with the apiserver's negotiation and caching. */
export function serveOpenapi(
  registry: ResourceRegistry,
  path: string,
  query: URLSearchParams,
  req: IncomingMessage,
  res: ServerResponse,
): void {
  const doc = openapiBody(path, registry);
  if (doc === undefined) throw errors.pathNotFound();
  const isIndex = path === "/openapi/v3";
  // The v3 index is always JSON; the documents are JSON or protobuf, and kubesim has no protobuf.
  if (!isIndex && !acceptsJson(req.headers.accept)) throw errors.notAcceptable(["application/json"]);
  const headers: Record<string, string> = {
    "Content-Type": "application/json",
    Etag: `"${doc.hash}"`,
  };
  if (!isIndex) headers.Vary = "Accept";
  const hash = query.get("hash");
  if (path.startsWith("/openapi/v3/") && hash !== null) {
    if (hash !== doc.hash) {
      res.writeHead(301, { Location: `${path}?hash=${doc.hash}`, "Content-Length": 0 });
      res.end();
      return;
    }
    headers["Cache-Control"] = "public, immutable";
    headers.Expires = new Date(Date.now() + 365 * 24 * 3600 * 1000).toUTCString();
  }
  const inm = req.headers["if-none-match"];
  if (inm?.split(",").some((e) => e.trim() === headers.Etag)) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  res.writeHead(200, { ...headers, "Content-Length": Buffer.byteLength(doc.text) });
  res.end(doc.text);
}
