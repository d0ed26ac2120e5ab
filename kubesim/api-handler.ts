// HTTP routing of the Kubernetes REST API: discovery, health, CRUD/patch/list/watch on every served
// resource, status subresources, Table output, plus hooks for KubeVirt's aggregated subresource API.
import type { IncomingMessage, ServerResponse } from "node:http";
import { parse as parseYaml } from "yaml";
import { type Authenticator, authorize, type Identity } from "./auth.ts";
import { apiGroup, apiGroupList, apiVersions, resourceList, versionInfo } from "./discovery.ts";
import type { FaultInjector } from "./faults.ts";
import { acceptsJson, parseJson, readBody, sendError, sendJson } from "./http-util.ts";
import { listJson } from "./json-cache.ts";
import { listObjects } from "./list-handler.ts";
import { requireFieldManager } from "./managed-fields.ts";
import type { ObjectService, PatchType, WriteOptions } from "./object-service.ts";
import { serveOpenapi } from "./openapi.ts";
import type { ResourceRegistry, ServedGroup } from "./resource-registry.ts";
import type { ResourceStore } from "./resource-store.ts";
import { apiVersionOf, type ResourceType } from "./resource-type.ts";
import { errors, StatusError } from "./status-error.ts";
import { toTable, wantsTable } from "./table.ts";
import { asRecord, type KObject } from "./types.ts";
import type { WatchHub } from "./watch-hub.ts";

export interface ApiContext {
  store: ResourceStore;
  registry: ResourceRegistry;
  objects: ObjectService;
  hub: WatchHub;
  auth: Authenticator;
  faults: FaultInjector;
  /** Aggregated API groups (subresources.kubevirt.io) currently registered. */
  aggregatedGroups(): ServedGroup[];
  /** Handles /apis/{aggregated group}/...; returns false when the path is not its. */
  aggregated(
    group: string,
    segs: string[],
    req: IncomingMessage,
    res: ServerResponse,
    id: Identity,
    body: () => Promise<string>,
  ): Promise<boolean>;
}

const PUBLIC_PATHS = new Set(["/healthz", "/readyz", "/livez", "/version"]);

function patchTypeOf(contentType: string | undefined): PatchType {
  const ct = (contentType ?? "").split(";")[0]?.trim();
  switch (ct) {
    case "application/json-patch+json":
      return "json";
    case "application/merge-patch+json":
      return "merge";
    case "application/strategic-merge-patch+json":
      return "strategic";
    case "application/apply-patch+yaml":
    case "application/apply-patch+json":
      return "apply";
    default:
      throw errors.unsupportedMediaType(ct ?? "");
  }
}

function warningHeaders(warnings: string[]): Record<string, string> {
  if (warnings.length === 0) return {};
  return { Warning: warnings.map((w) => `299 - ${JSON.stringify(w)}`).join(", ") };
}

function writeOptions(q: URLSearchParams, req: IncomingMessage, subresource?: string): WriteOptions {
  const dryRun = q.getAll("dryRun");
  for (const d of dryRun)
    if (d !== "All") throw errors.badRequest(`Invalid dryRun value "${d}": supported values: "All"`);
  const fv = q.get("fieldValidation");
  if (fv !== null && !["", "Ignore", "Warn", "Strict"].includes(fv)) {
    const kind = { POST: "CreateOptions", PUT: "UpdateOptions", PATCH: "PatchOptions" }[req.method ?? ""];
    // Strict/Warn are accepted: kubesim's schemas preserve unknown fields, so there is nothing to report.
    throw errors.invalid(kind ?? "DeleteOptions", "meta.k8s.io", "", [
      {
        reason: "FieldValueNotSupported",
        message: `Unsupported value: "${fv}": supported values: "", "Ignore", "Strict", "Warn"`,
        field: "fieldValidation",
      },
    ]);
  }
  const ua = req.headers["user-agent"] ?? "";
  // Default manager as the apiserver derives it: the user agent up to the first "/".
  const fieldManager = q.get("fieldManager") ?? (ua.split("/")[0] || "unknown");
  return { dryRun: dryRun.length > 0, fieldManager, subresource, force: q.get("force") === "true" };
}

function deleteOptionsFromQuery(q: URLSearchParams): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const policy = q.get("propagationPolicy");
  if (policy) out.propagationPolicy = policy;
  const orphan = q.get("orphanDependents");
  if (orphan === "true" || orphan === "false") out.orphanDependents = orphan === "true";
  return out;
}

interface Target {
  type: ResourceType;
  version: string;
  namespace?: string;
  name?: string;
  subresource?: string;
}

function resolveTarget(ctx: ApiContext, group: string, version: string, segs: string[]): Target | undefined {
  let ns: string | undefined;
  let rest = segs;
  if (segs[0] === "namespaces" && segs.length >= 3) {
    const t = ctx.registry.resolve(group, version, segs[2] ?? "");
    if (t?.namespaced) {
      ns = segs[1];
      rest = segs.slice(2);
    }
  }
  const [plural, name, subresource, ...extra] = rest;
  if (!plural || extra.length > 0) return undefined;
  const type = ctx.registry.resolve(group, version, plural);
  if (!type) return undefined;
  if (ns === undefined && type.namespaced && name !== undefined) return undefined;
  if (subresource !== undefined && !(subresource === "status" && type.statusSubresource)) return undefined;
  return { type, version, namespace: ns, name, subresource };
}

export async function handleApi(ctx: ApiContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://kubesim");
  const path = url.pathname.replace(/\/+$/, "") || "/";
  const method = req.method ?? "GET";
  if (path === "/healthz" || path === "/readyz" || path === "/livez") {
    res.writeHead(200, { "Content-Type": "text/plain; charset=utf-8" });
    res.end("ok");
    return;
  }
  const injected = ctx.faults.next();
  if (injected) throw injected;
  await ctx.faults.delay();
  if (path === "/version") return sendJson(res, 200, versionInfo());
  const id = PUBLIC_PATHS.has(path)
    ? { user: "anonymous", role: "read-only" as const }
    : ctx.auth.authenticate(req.headers.authorization);
  if (path === "/openapi" || path.startsWith("/openapi/")) {
    if (method !== "GET" && method !== "HEAD") throw errors.methodNotAllowed(method);
    return serveOpenapi(ctx.registry, path, url.searchParams, req, res);
  }
  // Everything below answers JSON only; a client that admits no JSON (protobuf/CBOR/YAML only) gets 406
  // like from the apiserver's content negotiation, never a 200 it cannot decode.
  if (!acceptsJson(req.headers.accept)) throw errors.notAcceptable(["application/json"]);
  if (path === "/api") return sendJson(res, 200, apiVersions());
  if (path === "/apis") return sendJson(res, 200, apiGroupList(ctx.registry, ctx.aggregatedGroups()));
  const segs = path
    .split("/")
    .filter((s) => s !== "")
    .map(decodeURIComponent);
  let group: string;
  let version: string;
  let rest: string[];
  if (segs[0] === "api") {
    group = "";
    version = segs[1] ?? "";
    rest = segs.slice(2);
    if (version !== "v1") throw errors.pathNotFound();
  } else if (segs[0] === "apis") {
    group = segs[1] ?? "";
    version = segs[2] ?? "";
    rest = segs.slice(3);
    const agg = ctx.aggregatedGroups().find((g) => g.name === group);
    if (agg) {
      let cached: Promise<string> | undefined;
      const body = () => {
        cached ??= readBody(req);
        return cached;
      };
      if (await ctx.aggregated(group, segs.slice(2), req, res, id, body)) return;
      throw errors.pathNotFound();
    }
    const served = ctx.registry.groups().find((g) => g.name === group);
    if (!served) throw errors.pathNotFound();
    if (!version) return sendJson(res, 200, apiGroup(served));
    if (!served.versions.includes(version)) throw errors.pathNotFound();
  } else throw errors.pathNotFound();
  if (rest.length === 0) {
    if (method !== "GET") throw errors.methodNotAllowed(method);
    return sendJson(res, 200, resourceList(ctx.registry.all(), group, version));
  }
  const target = resolveTarget(ctx, group, version, rest);
  if (!target) throw errors.pathNotFound();
  await handleResource(ctx, target, url.searchParams, req, res, id);
}

function verbOf(method: string, t: Target, q: URLSearchParams): string {
  const isWatch = q.get("watch") === "true" || q.get("watch") === "1";
  switch (method) {
    case "GET":
      return t.name === undefined ? (isWatch ? "watch" : "list") : "get";
    case "POST":
      return "create";
    case "PUT":
      return "update";
    case "PATCH":
      return "patch";
    case "DELETE":
      return t.name === undefined ? "deletecollection" : "delete";
    default:
      return method.toLowerCase();
  }
}

async function handleResource(
  ctx: ApiContext,
  t: Target,
  q: URLSearchParams,
  req: IncomingMessage,
  res: ServerResponse,
  id: Identity,
): Promise<void> {
  const method = req.method ?? "GET";
  const verb = verbOf(method, t, q);
  authorize(id, {
    verb,
    group: t.type.group,
    resource: t.type.plural,
    subresource: t.subresource,
    namespace: t.namespace,
    name: t.name,
  });
  const { type, version, namespace: ns, name } = t;
  const apiVersion = apiVersionOf(type.group, version);
  const out = (o: KObject): KObject => (o.apiVersion === apiVersion ? o : { ...o, apiVersion });
  const table = wantsTable(req.headers.accept);
  switch (verb) {
    case "watch":
      // With `as=Table` (kubectl get -w) every event carries a one-row Table, as from the apiserver.
      ctx.hub.watch(
        type,
        version,
        ns,
        Object.fromEntries(q.entries()),
        req,
        res,
        table ? (o) => toTable(type, [o], { resourceVersion: o.metadata.resourceVersion }) : undefined,
      );
      return;
    case "list": {
      const list = listObjects(ctx.store, type, version, ns, Object.fromEntries(q.entries()));
      if (table) return sendJson(res, 200, toTable(type, list.items, list.metadata));
      const { items, ...head } = list;
      return sendJson(res, 200, listJson(head, items));
    }
    case "get": {
      const o = ctx.objects.get(type, ns, name ?? "");
      if (table)
        return sendJson(res, 200, toTable(type, [o], { resourceVersion: o.metadata.resourceVersion }));
      return sendJson(res, 200, out(o));
    }
    case "create": {
      if (t.name !== undefined) throw errors.methodNotAllowed(method);
      const body = parseJson(await readBody(req));
      const r = ctx.objects.create(type, version, ns, body, writeOptions(q, req));
      return sendJson(res, 201, out(r.obj), warningHeaders(r.warnings));
    }
    case "update": {
      const body = parseJson(await readBody(req));
      const r = ctx.objects.update(type, version, ns, name ?? "", body, writeOptions(q, req, t.subresource));
      return sendJson(res, 200, out(r.obj), warningHeaders(r.warnings));
    }
    case "patch": {
      const kind = patchTypeOf(req.headers["content-type"]);
      const text = await readBody(req);
      let body: unknown;
      if (kind === "apply") {
        try {
          body = parseYaml(text) as unknown;
        } catch (e) {
          throw errors.badRequest(`error decoding YAML: ${(e as Error).message}`);
        }
        requireFieldManager(q.get("fieldManager"));
      } else body = parseJson(text);
      const opts = writeOptions(q, req, t.subresource);
      if (opts.force && kind !== "apply")
        throw errors.badRequest("force flag must only be set for apply patches");
      const r = ctx.objects.patch(type, version, ns, name ?? "", kind, body, opts);
      return sendJson(res, r.created ? 201 : 200, out(r.obj), warningHeaders(r.warnings));
    }
    case "delete": {
      const text = await readBody(req);
      // DeleteOptions come from the query (client-node puts propagationPolicy there) and then the body.
      const options: Record<string, unknown> = {
        ...deleteOptionsFromQuery(q),
        ...asRecord(parseJson(text)),
      };
      const opts = writeOptions(q, req);
      if (Array.isArray(options.dryRun) && options.dryRun.includes("All")) opts.dryRun = true;
      const r = ctx.objects.delete(type, ns, name ?? "", options, opts);
      // Pending (finalizers) deletions answer 200 with the object; 202 only for orphanDependents=false,
      // as in the apiserver's delete handler.
      if (!r.finalized)
        return sendJson(
          res,
          options.orphanDependents === false ? 202 : 200,
          out(r.obj),
          warningHeaders(r.warnings),
        );
      if (type.group === "") {
        return sendJson(res, 200, {
          kind: "Status",
          apiVersion: "v1",
          metadata: {},
          status: "Success",
          details: { name, kind: type.plural, uid: r.obj.metadata.uid },
        });
      }
      return sendJson(res, 200, out(r.obj), warningHeaders(r.warnings));
    }
    case "deletecollection": {
      const list = listObjects(ctx.store, type, version, ns, {
        labelSelector: q.get("labelSelector"),
        fieldSelector: q.get("fieldSelector"),
      });
      const opts = writeOptions(q, req);
      const options: Record<string, unknown> = {
        ...deleteOptionsFromQuery(q),
        ...asRecord(parseJson(await readBody(req))),
      };
      if (Array.isArray(options.dryRun) && options.dryRun.includes("All")) opts.dryRun = true;
      const deleted: KObject[] = [];
      for (const o of list.items) {
        try {
          deleted.push(
            out(ctx.objects.delete(type, o.metadata.namespace, o.metadata.name ?? "", options, opts).obj),
          );
        } catch (e) {
          if (!(e instanceof StatusError && e.code === 404)) throw e;
        }
      }
      return sendJson(res, 200, { ...list, items: deleted });
    }
    default:
      throw errors.methodNotAllowed(method);
  }
}

export function safeHandle(ctx: ApiContext, req: IncomingMessage, res: ServerResponse): void {
  handleApi(ctx, req, res).catch((e: unknown) => {
    if (res.headersSent) {
      res.end();
      return;
    }
    sendError(res, e);
  });
}
