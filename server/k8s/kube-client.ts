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
import { StringDecoder } from "node:string_decoder";
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

/** One line of a watch stream (`{"type","object"}`); `type` is ADDED, MODIFIED, DELETED, BOOKMARK or ERROR. */
export interface KubeWatchEvent {
  type: string;
  object: unknown;
}

/** A watch request: GET on a collection; `watch=true` is added. */
export type KubeWatchRequest = Pick<KubeRequest, "path" | "query" | "signal">;

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
    const connection = await this.#connected();
    if (signal?.aborted) throw signal.reason;
    this.#inFlight++;
    try {
      return (await this.#send(connection, req)) as T;
    } finally {
      this.#release(connection);
    }
  }

  #connected(): Promise<Connection> {
    this.#connection ??= this.#connect().catch((error: unknown) => {
      this.#connection = undefined; // let the next call try again
      throw error;
    });
    return this.#connection;
  }

  #release(connection: Connection): void {
    this.#inFlight--;
    if (this.#closed && this.#inFlight === 0) connection.agent.destroy();
  }

  /**
   * Opens a watch. Resolves once the API server answers 2xx, to the stream of its events (read as they arrive,
   * with backpressure); a non-2xx answer rejects like `request`. The stream ends when the server closes it
   * cleanly (its `timeoutSeconds`, or a 410 ERROR event and then the end); it throws a KubeApiError "unreachable"
   * when the connection breaks mid-stream, a KubeApiError with reason "MalformedWatchEvent" on a line that is not
   * a watch event (never skipped silently: WATCHER.md §3.4 item 7), and `signal.reason` once `signal` aborts.
   * Leaving the loop early closes the connection. No timeout of its own: the caller keeps an inactivity watchdog.
   */
  async watch(req: KubeWatchRequest): Promise<AsyncIterable<KubeWatchEvent>> {
    const { signal } = req;
    if (signal?.aborted) throw signal.reason;
    const connection = await this.#connected();
    if (signal?.aborted) throw signal.reason;
    this.#inFlight++;
    let handedOver = false;
    try {
      const opened = await this.#openStream(connection, { ...req, query: { ...req.query, watch: true } });
      handedOver = true;
      return this.#events(connection, opened, signal);
    } finally {
      if (!handedOver) this.#release(connection);
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

  #url(req: Pick<KubeRequest, "path" | "query">): URL {
    const url = new URL(this.server + req.path);
    for (const [key, value] of Object.entries(req.query ?? {})) {
      if (value !== undefined) url.searchParams.append(key, String(value));
    }
    return url;
  }

  /** Sends a watch GET; resolves with the open response on 2xx, else rejects with the classified failure. */
  #openStream(
    connection: Connection,
    req: KubeWatchRequest,
  ): Promise<{ request: http.ClientRequest; response: http.IncomingMessage }> {
    if (!req.path.startsWith("/")) throw new TypeError(`KubeRequest.path must start with "/": ${req.path}`);
    const url = this.#url(req);
    const headers = {
      ...connection.headers,
      Accept: "application/json",
      "User-Agent": this.#options.userAgent ?? DEFAULT_USER_AGENT,
    };
    const { signal } = req;
    return new Promise((resolve, reject) => {
      let settled = false;
      const settle = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener("abort", onAbort);
        outcome();
      };
      const onAbort = () => {
        settle(() => reject(signal?.reason));
        request.destroy();
      };
      const request = connection.request(url, { method: "GET", headers, agent: connection.agent }, (res) => {
        const status = res.statusCode ?? 0;
        if (status >= 200 && status < 300) {
          settle(() => resolve({ request, response: res }));
          return;
        }
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("error", (error) => settle(() => reject(kubeErrorFromNetwork(error))));
        res.on("end", () => {
          const body = Buffer.concat(chunks).toString("utf8");
          const retryAfter = res.headers["retry-after"] ?? null;
          settle(() => reject(kubeErrorFromResponse({ status, body, retryAfter })));
        });
      });
      request.on("error", (error) =>
        settle(() => reject(signal?.aborted ? signal.reason : kubeErrorFromNetwork(error))),
      );
      signal?.addEventListener("abort", onAbort, { once: true });
      request.end();
    });
  }

  async *#events(
    connection: Connection,
    opened: { request: http.ClientRequest; response: http.IncomingMessage },
    signal: AbortSignal | undefined,
  ): AsyncGenerator<KubeWatchEvent> {
    const { request, response } = opened;
    const onAbort = () => request.destroy();
    signal?.addEventListener("abort", onAbort, { once: true });
    const decoder = new StringDecoder("utf8");
    let pending = "";
    try {
      try {
        for await (const chunk of response as AsyncIterable<Buffer>) {
          pending += decoder.write(chunk);
          if (!pending.includes("\n")) continue;
          const lines = pending.split("\n");
          pending = lines.pop() ?? "";
          for (const line of lines) if (line.trim() !== "") yield parseWatchLine(line);
        }
      } catch (error) {
        throw signal?.aborted ? signal.reason : kubeErrorFromNetwork(error);
      }
      if (signal?.aborted) throw signal.reason;
      if (!response.complete)
        throw kubeErrorFromNetwork(
          Object.assign(new Error("watch connection closed mid-stream"), { code: "ECONNRESET" }),
        );
      pending += decoder.end();
      if (pending.trim() !== "") yield parseWatchLine(pending);
    } finally {
      signal?.removeEventListener("abort", onAbort);
      if (!response.complete) request.destroy();
      this.#release(connection);
    }
  }

  #send(connection: Connection, req: KubeRequest): Promise<unknown> {
    const url = this.#url(req);
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

/** One watch line as an event; anything else is a MalformedWatchEvent failure (the stream cannot be trusted). */
function parseWatchLine(line: string): KubeWatchEvent {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    throw malformed(`watch line is not JSON: ${line.slice(0, 80)}`, error);
  }
  if (typeof value !== "object" || value === null || !("type" in value) || typeof value.type !== "string")
    throw malformed(`watch line is not an event: ${line.slice(0, 80)}`);
  return { type: value.type, object: "object" in value ? value.object : undefined };
}

function malformed(message: string, cause?: unknown): KubeApiError {
  return new KubeApiError({ kind: "unknown", reason: "MalformedWatchEvent", message, cause });
}
