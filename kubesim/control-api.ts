// The control API under /_kubesim/v1 (see README.md): seed/reset, latency, injected failures, outages,
// dropping watches, compaction, KubeVirt version/gates, nodes, controller speed. Never subject to faults;
// requires the admin token when authentication is on.
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import type { Cluster } from "./cluster.ts";
import { parseJson, readBody, sendError, sendJson } from "./http-util.ts";
import { RK } from "./kubevirt-info.ts";
import { NodeSpecSchema } from "./profile.ts";
import { apiServiceObject, nodeObject } from "./seed.ts";
import { errors } from "./status-error.ts";
import { asRecord, getPath, type KObject } from "./types.ts";

const TokenGrantSchema = z.object({
  token: z.string().min(1).max(1024),
  role: z.enum(["admin", "read-only"]),
  user: z.string().min(1).optional(),
});

export const CONTROL_PREFIX = "/_kubesim/v1";

function num(v: unknown, field: string): number {
  if (typeof v !== "number" || !Number.isFinite(v) || v < 0)
    throw errors.badRequest(`${field} must be a non-negative number`);
  return v;
}

export function clusterState(c: Cluster): Record<string, unknown> {
  return {
    name: c.name,
    url: c.url,
    profile: c.profile.name,
    kubevirtVersion: c.kv.version,
    featureGates: c.kv.gates(),
    resourceVersion: String(c.store.currentRv),
    compactedResourceVersion: String(c.store.compactedRv),
    historyLimit: c.store.historyLimit,
    openWatches: c.hub.openWatches,
    latencyMs: c.faults.latencyMs,
    stepDelayMs: c.controller.options.stepDelayMs,
    pendingControllerWork: c.controller.pendingWork,
    counts: {
      nodes: c.store.count(RK.node),
      namespaces: c.store.count(RK.namespace),
      virtualmachines: c.store.count(RK.vm),
      virtualmachineinstances: c.store.count(RK.vmi),
    },
    down: c.down,
  };
}

async function route(c: Cluster, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = ((req.url ?? "/").split("?")[0] ?? "/").replace(/\/+$/, "");
  const method = req.method ?? "GET";
  if (c.auth.enabled) {
    const id = c.auth.authenticate(req.headers.authorization);
    if (id.role !== "admin") throw errors.forbidden(`User "${id.user}" cannot use the kubesim control API`);
  }
  if (!path.startsWith(CONTROL_PREFIX)) throw errors.pathNotFound();
  const sub = path.slice(CONTROL_PREFIX.length) || "/";
  const body = method === "GET" ? {} : asRecord(parseJson(await readBody(req)));
  const ok = (extra: Record<string, unknown> = {}) => sendJson(res, 200, { ...clusterState(c), ...extra });
  const is = (m: string, p: string) => method === m && sub === p;

  if (is("GET", "/state")) return ok();
  if (is("GET", "/requests")) {
    const raw = new URL(req.url ?? "/", "http://kubesim").searchParams.get("since");
    const since = raw === null || raw === "" ? 0 : Number(raw);
    if (!Number.isInteger(since) || since < 0)
      throw errors.badRequest("since must be a non-negative integer");
    return sendJson(res, 200, { requests: c.requests.since(since), last_seq: c.requests.lastSeq });
  }
  if (is("DELETE", "/requests")) {
    c.requests.clear();
    return sendJson(res, 200, { requests: [], last_seq: c.requests.lastSeq });
  }
  if (is("POST", "/seed")) {
    const profile = body.profile;
    c.reseed(
      typeof profile === "string" || (profile && typeof profile === "object")
        ? (profile as string | Record<string, unknown>)
        : undefined,
    );
    return ok();
  }
  if (is("POST", "/reset")) {
    c.faults.clear();
    c.reseed();
    return ok();
  }
  if (is("PUT", "/latency")) {
    c.faults.latencyMs = num(body.ms, "ms");
    return ok();
  }
  if (is("POST", "/faults")) {
    const status = num(body.status, "status");
    if (body.count === undefined && body.durationMs === undefined)
      throw errors.badRequest("count or durationMs is required");
    c.faults.set({
      status,
      count: body.count === undefined ? undefined : num(body.count, "count"),
      durationMs: body.durationMs === undefined ? undefined : num(body.durationMs, "durationMs"),
    });
    return ok();
  }
  if (is("DELETE", "/faults")) {
    c.faults.clear();
    return ok();
  }
  if (is("POST", "/outage")) {
    const ms = num(body.durationMs, "durationMs");
    // Answer first, then drop the listener and every connection (including this one).
    sendJson(res, 202, { ...clusterState(c), down: true, durationMs: ms });
    res.on("finish", () => void c.goDown(ms));
    return;
  }
  if (is("POST", "/watches/drop")) return ok({ dropped: c.hub.dropAll() });
  if (is("POST", "/bookmarks")) {
    c.hub.sendBookmarks();
    return ok();
  }
  if (is("PUT", "/bookmarks")) {
    c.hub.setBookmarkInterval(num(body.intervalMs, "intervalMs"));
    return ok();
  }
  if (is("POST", "/compact")) {
    const rv = body.resourceVersion === undefined ? c.store.currentRv : Number(body.resourceVersion);
    if (!Number.isFinite(rv)) throw errors.badRequest("resourceVersion must be numeric");
    c.store.compact(rv);
    return ok();
  }
  if (is("PUT", "/history")) {
    c.store.historyLimit = Math.max(1, num(body.limit, "limit"));
    return ok();
  }
  if (is("PUT", "/controller")) {
    if (body.stepDelayMs !== undefined) c.controller.setStepDelay(num(body.stepDelayMs, "stepDelayMs"));
    return ok();
  }
  if (is("PUT", "/kubevirt")) {
    updateKubeVirt(c, body);
    return ok();
  }
  if (is("POST", "/nodes")) {
    const spec = NodeSpecSchema.parse(body);
    c.store.insert(RK.node, nodeObject(spec));
    return ok();
  }
  if (is("POST", "/tokens")) {
    const grant = TokenGrantSchema.parse(body);
    c.auth.grant({ token: grant.token, role: grant.role, user: grant.user ?? `kubesim-${grant.role}` });
    return ok();
  }
  const tokenDel = /^\/tokens\/([^/]+)$/.exec(sub);
  if (method === "DELETE" && tokenDel) {
    const token = decodeURIComponent(tokenDel[1] ?? "");
    if (!c.auth.revoke(token)) throw errors.notFound("tokens", "", "(token)");
    return ok();
  }
  const nodeDel = /^\/nodes\/([^/]+)$/.exec(sub);
  if (method === "DELETE" && nodeDel) {
    const name = decodeURIComponent(nodeDel[1] ?? "");
    if (!c.store.remove(RK.node, undefined, name)) throw errors.notFound("nodes", "", name);
    return ok();
  }
  throw errors.pathNotFound();
}

/** Changes the simulated KubeVirt: version, gates (written into the CR), health and virt-api availability. */
function updateKubeVirt(c: Cluster, body: Record<string, unknown>): void {
  if (typeof body.version === "string") c.kv.version = body.version;
  const cr = c.kv.cr();
  if (cr) {
    const spec = asRecord(cr.spec);
    const config = asRecord(spec.configuration);
    const dev = { ...asRecord(config.developerConfiguration) };
    if (Array.isArray(body.featureGates))
      dev.featureGates = body.featureGates.filter((g) => typeof g === "string");
    if (Array.isArray(body.disabledFeatureGates))
      dev.disabledFeatureGates = body.disabledFeatureGates.filter((g) => typeof g === "string");
    const status = { ...asRecord(cr.status) };
    if (typeof body.version === "string") {
      status.observedKubeVirtVersion = body.version;
      status.targetKubeVirtVersion = body.version;
      status.operatorVersion = body.version;
    }
    if (typeof body.degraded === "boolean") {
      const conds = (Array.isArray(status.conditions) ? status.conditions : []).map((cond) => {
        const type = getPath(cond, ["type"]);
        if (type === "Degraded") return { ...asRecord(cond), status: body.degraded ? "True" : "False" };
        if (type === "Available") return { ...asRecord(cond), status: body.degraded ? "False" : "True" };
        return cond;
      });
      status.conditions = conds;
    }
    const next: KObject = {
      ...cr,
      spec: { ...spec, configuration: { ...config, developerConfiguration: dev } },
      status,
    };
    c.store.replace(RK.kubevirt, {
      ...next,
      metadata: { ...next.metadata, generation: (cr.metadata.generation ?? 1) + 1 },
    });
  }
  if (typeof body.apiServiceAvailable === "boolean") {
    const svc = c.store.get(RK.apiservice, undefined, "v1.subresources.kubevirt.io");
    const fresh = apiServiceObject(body.apiServiceAvailable);
    if (svc) c.store.replace(RK.apiservice, { ...svc, status: fresh.status });
  }
}

export function handleControl(c: Cluster, req: IncomingMessage, res: ServerResponse): void {
  route(c, req, res).catch((e: unknown) => {
    if (res.headersSent) {
      res.end();
      return;
    }
    if (e instanceof Error && e.name === "ZodError") return sendError(res, errors.badRequest(e.message));
    sendError(res, e);
  });
}
