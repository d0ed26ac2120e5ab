/**
 * The HTTP transport to one cluster's API server, built from a ValidatedKubeconfig (one KubeClient per
 * cluster, shared by all its callers). @kubernetes/client-node turns the kubeconfig into TLS material and the
 * Authorization header (`applyToHTTPSOptions`); the requests themselves go through node:http(s) with a
 * keep-alive agent of our own, so the connection pool, the AbortSignal and error classification are ours.
 *
 * Contract: `request` resolves to the parsed JSON body (undefined for an empty one) of a 2xx answer, and
 * otherwise rejects with a KubeApiError (status.ts) — except when `req.signal` aborts, when it rejects with
 * `signal.reason` unchanged. It has no timeout of its own: run it through ClusterGate, which adds one.
 */
import "server-only";
import http from "node:http";
import https from "node:https";
import { inspect } from "node:util";
import { KubeApiError } from "./kube-api-error";
import type { ValidatedKubeconfig } from "./kubeconfig";
import { kubeErrorFromNetwork, kubeErrorFromResponse } from "./status";

export interface KubeRequest {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Already encoded, e.g. /apis/kubevirt.io/v1/namespaces/ns/virtualmachines/vm */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  /** JSON-serialised unless it is a string. */
  body?: unknown;
  /** Default application/json; e.g. application/apply-patch+yaml, application/merge-patch+json. */
  contentType?: string;
  signal?: AbortSignal;
}

export interface KubeTransport {
  /** Resolves to the parsed JSON body, or undefined for an empty body. */
  request<T = unknown>(req: KubeRequest): Promise<T>;
}

export interface KubeClientOptions {
  /** Sent as User-Agent; shows up in the API server's audit log. */
  userAgent?: string;
  /** Largest response body accepted; a bigger one fails the call (kind "unknown"). */
  maxResponseBytes?: number;
  /** Each `Warning` header the API server sends (deprecated fields, APIs …). */
  onWarning?: (warning: string, req: KubeRequest) => void;
}

const DEFAULT_USER_AGENT = "kubevirt-shepherd";
/** A list of 10 000 VMs is about 50 MiB of JSON; this leaves room while bounding memory per call. */
const DEFAULT_MAX_RESPONSE_BYTES = 256 * 1024 * 1024;

interface Connection {
  agent: http.Agent;
  request: typeof http.request;
  headers: Record<string, string>;
}

export class KubeClient implements KubeTransport {
  readonly server: string;
  readonly #kubeconfig: ValidatedKubeconfig;
  readonly #options: KubeClientOptions;
  #connection: Promise<Connection> | undefined;
  #inFlight = 0;
  #closed = false;

  constructor(kubeconfig: ValidatedKubeconfig, options: KubeClientOptions = {}) {
    this.#kubeconfig = kubeconfig;
    this.#options = options;
    this.server = kubeconfig.summary.server;
  }

  async request<T = unknown>(req: KubeRequest): Promise<T> {
    const { signal } = req;
    if (signal?.aborted) throw signal.reason;
    if (!req.path.startsWith("/")) throw new TypeError(`KubeRequest.path must start with "/": ${req.path}`);
    this.#connection ??= this.#connect().catch((error: unknown) => {
      this.#connection = undefined; // let the next call try again
      throw error;
    });
    const connection = await this.#connection;
    if (signal?.aborted) throw signal.reason;
    this.#inFlight++;
    try {
      return (await this.#send(connection, req)) as T;
    } finally {
      this.#inFlight--;
      if (this.#closed && this.#inFlight === 0) connection.agent.destroy();
    }
  }

  /**
   * Drops pooled connections once the calls in flight finish (after a credential rotation). The client stays
   * usable — a caller still holding it opens a fresh connection — but nothing is kept alive any more.
   */
  close(): void {
    this.#closed = true;
    if (this.#inFlight === 0)
      void this.#connection?.then(
        (c) => c.agent.destroy(),
        () => undefined,
      );
  }

  toJSON(): { server: string } {
    return { server: this.server };
  }

  [inspect.custom](): string {
    return `KubeClient { server: ${JSON.stringify(this.server)} }`;
  }

  async #connect(): Promise<Connection> {
    const options: https.RequestOptions = {};
    await this.#kubeconfig.toClientConfig().applyToHTTPSOptions(options);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(options.headers ?? {})) {
      if (typeof value === "string") headers[name] = value;
    }
    if (this.server.startsWith("http:")) {
      return { agent: new http.Agent({ keepAlive: true }), request: http.request, headers };
    }
    const agent = new https.Agent({
      keepAlive: true,
      ...(options.ca !== undefined ? { ca: options.ca } : {}),
      ...(options.cert !== undefined ? { cert: options.cert } : {}),
      ...(options.key !== undefined ? { key: options.key } : {}),
      ...(options.rejectUnauthorized !== undefined ? { rejectUnauthorized: options.rejectUnauthorized } : {}),
      ...(options.servername !== undefined ? { servername: options.servername } : {}),
    });
    return { agent, request: https.request, headers };
  }

  #send(connection: Connection, req: KubeRequest): Promise<unknown> {
    const url = new URL(this.server + req.path);
    for (const [key, value] of Object.entries(req.query ?? {})) {
      if (value !== undefined) url.searchParams.append(key, String(value));
    }
    const payload =
      req.body === undefined ? undefined : typeof req.body === "string" ? req.body : JSON.stringify(req.body);
    const headers: Record<string, string> = {
      ...connection.headers,
      Accept: "application/json",
      "User-Agent": this.#options.userAgent ?? DEFAULT_USER_AGENT,
    };
    if (payload !== undefined) {
      headers["Content-Type"] = req.contentType ?? "application/json";
      headers["Content-Length"] = String(Buffer.byteLength(payload));
    }
    const maxBytes = this.#options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    const { signal } = req;

    return new Promise<unknown>((resolve, reject) => {
      let settled = false;
      const finish = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener("abort", onAbort);
        outcome();
      };
      const fail = (error: unknown) => {
        // The caller's abort is theirs to interpret (their reason, or the gate's K8S_TIMEOUT); never reclassify it.
        finish(() => reject(signal?.aborted ? signal.reason : kubeErrorFromNetwork(error)));
      };
      const onAbort = () => {
        finish(() => reject(signal?.reason));
        request.destroy();
      };

      const request = connection.request(
        url,
        { method: req.method, headers, agent: connection.agent },
        (res) => {
          const warning = res.headers.warning;
          if (warning && this.#options.onWarning) this.#options.onWarning(warning, req);
          const chunks: Buffer[] = [];
          let size = 0;
          res.on("data", (chunk: Buffer) => {
            size += chunk.length;
            if (size > maxBytes) {
              request.destroy();
              finish(() =>
                reject(
                  new KubeApiError({
                    kind: "unknown",
                    status: res.statusCode,
                    message: `response body exceeds ${maxBytes} bytes`,
                  }),
                ),
              );
              return;
            }
            chunks.push(chunk);
          });
          res.on("error", fail);
          res.on("close", () => {
            if (!res.complete)
              fail(Object.assign(new Error("connection closed mid-response"), { code: "ECONNRESET" }));
          });
          res.on("end", () => {
            const status = res.statusCode ?? 0;
            const text = Buffer.concat(chunks).toString("utf8");
            if (status < 200 || status >= 300) {
              const retryAfter = res.headers["retry-after"];
              finish(() =>
                reject(kubeErrorFromResponse({ status, body: text, retryAfter: retryAfter ?? null })),
              );
              return;
            }
            if (text.trim() === "") {
              finish(() => resolve(undefined));
              return;
            }
            try {
              const parsed: unknown = JSON.parse(text);
              finish(() => resolve(parsed));
            } catch (error) {
              finish(() =>
                reject(
                  new KubeApiError({
                    kind: "unknown",
                    status,
                    message: "response body is not JSON",
                    cause: error,
                  }),
                ),
              );
            }
          });
        },
      );
      request.on("error", fail);
      signal?.addEventListener("abort", onAbort, { once: true });
      request.end(payload);
    });
  }
}
