// Typed client for kubesim's control API (/_kubesim/v1), for tests and the demo mode. Uses node:http(s)
// directly so it can trust the simulator's CA.
import http from "node:http";
import https from "node:https";
import type { NodeInput, ProfileInput } from "./profile.ts";
import type { RecordedRequest } from "./request-log.ts";

export type { RecordedRequest } from "./request-log.ts";

export interface KubeSimState {
  name: string;
  url: string;
  profile: string;
  kubevirtVersion: string;
  featureGates: { enabled: string[]; disabled: string[] };
  resourceVersion: string;
  compactedResourceVersion: string;
  historyLimit: number;
  openWatches: number;
  latencyMs: number;
  stepDelayMs: number;
  pendingControllerWork: number;
  counts: { nodes: number; namespaces: number; virtualmachines: number; virtualmachineinstances: number };
  down: boolean;
  dropped?: number;
}

export interface KubeSimClientOptions {
  token?: string;
  caPem?: string;
}

export class KubeSimControlError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`kubesim control API answered ${status}: ${body}`);
  }
}

export class KubeSimClient {
  constructor(
    readonly baseUrl: string,
    private readonly options: KubeSimClientOptions = {},
  ) {}

  private call<T = KubeSimState>(method: string, path: string, body?: unknown): Promise<T> {
    const url = new URL(`/_kubesim/v1${path}`, this.baseUrl);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string> = { Accept: "application/json" };
    if (payload !== undefined) {
      headers["Content-Type"] = "application/json";
      headers["Content-Length"] = String(Buffer.byteLength(payload));
    }
    if (this.options.token) headers.Authorization = `Bearer ${this.options.token}`;
    const mod = url.protocol === "https:" ? https : http;
    return new Promise((resolve, reject) => {
      const req = mod.request(url, { method, headers, ca: this.options.caPem, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          const status = res.statusCode ?? 0;
          if (status >= 300) reject(new KubeSimControlError(status, text));
          else resolve(JSON.parse(text) as T);
        });
        res.on("error", reject);
      });
      req.on("error", reject);
      req.end(payload);
    });
  }

  state(): Promise<KubeSimState> {
    return this.call("GET", "/state");
  }
  /** API requests recorded after `since` (a seq; 0 = all kept), oldest first, and the newest seq so far. */
  requests(since = 0): Promise<{ requests: RecordedRequest[]; last_seq: number }> {
    return this.call("GET", `/requests?since=${since}`);
  }
  /** Empties the request log (seq numbers keep counting). */
  clearRequests(): Promise<{ requests: RecordedRequest[]; last_seq: number }> {
    return this.call("DELETE", "/requests");
  }
  /** Replaces the cluster with a profile's seed data (built-in name or inline profile). */
  seed(profile?: string | ProfileInput): Promise<KubeSimState> {
    return this.call("POST", "/seed", profile === undefined ? {} : { profile });
  }
  /** Clears faults and re-seeds the current profile. */
  reset(): Promise<KubeSimState> {
    return this.call("POST", "/reset", {});
  }
  setLatency(ms: number): Promise<KubeSimState> {
    return this.call("PUT", "/latency", { ms });
  }
  failNext(count: number, status: 429 | 500 | 503 | number): Promise<KubeSimState> {
    return this.call("POST", "/faults", { count, status });
  }
  failFor(durationMs: number, status: 429 | 500 | 503 | number): Promise<KubeSimState> {
    return this.call("POST", "/faults", { durationMs, status });
  }
  clearFaults(): Promise<KubeSimState> {
    return this.call("DELETE", "/faults");
  }
  /** Closes the listener and every connection for `durationMs`, then listens again on the same port. */
  refuseConnections(durationMs: number): Promise<KubeSimState> {
    return this.call("POST", "/outage", { durationMs });
  }
  dropWatches(): Promise<KubeSimState> {
    return this.call("POST", "/watches/drop", {});
  }
  sendBookmarks(): Promise<KubeSimState> {
    return this.call("POST", "/bookmarks", {});
  }
  setBookmarkInterval(intervalMs: number): Promise<KubeSimState> {
    return this.call("PUT", "/bookmarks", { intervalMs });
  }
  /** Compacts the event history up to `resourceVersion` (default: now). Older RVs then get 410. */
  compact(resourceVersion?: string): Promise<KubeSimState> {
    return this.call("POST", "/compact", resourceVersion === undefined ? {} : { resourceVersion });
  }
  setHistoryLimit(limit: number): Promise<KubeSimState> {
    return this.call("PUT", "/history", { limit });
  }
  setStepDelay(stepDelayMs: number): Promise<KubeSimState> {
    return this.call("PUT", "/controller", { stepDelayMs });
  }
  setKubeVirt(change: {
    version?: string;
    featureGates?: string[];
    disabledFeatureGates?: string[];
    degraded?: boolean;
    apiServiceAvailable?: boolean;
  }): Promise<KubeSimState> {
    return this.call("PUT", "/kubevirt", change);
  }
  addNode(node: NodeInput): Promise<KubeSimState> {
    return this.call("POST", "/nodes", node);
  }
  removeNode(name: string): Promise<KubeSimState> {
    return this.call("DELETE", `/nodes/${encodeURIComponent(name)}`);
  }
  /** Adds a bearer token (role admin or read-only) at run time. */
  grantToken(token: string, role: "admin" | "read-only" = "admin"): Promise<KubeSimState> {
    return this.call("POST", "/tokens", { token, role });
  }
  /** Revokes a token: its next request gets 401. */
  revokeToken(token: string): Promise<KubeSimState> {
    return this.call("DELETE", `/tokens/${encodeURIComponent(token)}`);
  }
}
