/**
 * ListWatchSource over the cluster's KubeClient (the edge where HTTP becomes typed events and KubeApiErrors).
 * Lists go through the cluster's ClusterGate like every other call; watches do not (a watch is open for
 * minutes and would hold a slot and hit the operation timeout). The client is fetched per call, so rotated
 * credentials are picked up; a 401 drops the cached client so the next attempt reloads them.
 */
import "server-only";
import type { ClusterGate } from "../k8s/cluster-gate";
import { KubeApiError } from "../k8s/kube-api-error";
import type { KubeClient, KubeWatchEvent } from "../k8s/kube-client";
import { kubeErrorFromResponse } from "../k8s/status";
import type {
  ListPage,
  ListPageRequest,
  ListWatchSource,
  WatchEvent,
  WatchEventType,
  WatchRequest,
} from "./list-watch-source";

export interface KubeListWatchSourceOptions {
  clusterId: string;
  /** The collection path (watched-resources.ts collectionPath). */
  path: string;
  client: (signal: AbortSignal) => Promise<KubeClient>;
  /** Forget the cached client (after a 401). */
  invalidate: () => void;
  gate?: ClusterGate;
}

const EVENT_TYPES = new Set<string>(["ADDED", "MODIFIED", "DELETED", "BOOKMARK"]);

export function kubeListWatchSource(opts: KubeListWatchSourceOptions): ListWatchSource {
  const onError = (error: unknown): never => {
    if (error instanceof KubeApiError && error.kind === "unauthorized") opts.invalidate();
    throw error;
  };
  return {
    async listPage(req: ListPageRequest): Promise<ListPage> {
      const call = async (signal: AbortSignal) => {
        const client = await opts.client(signal);
        return client.request<unknown>({
          method: "GET",
          path: opts.path,
          signal,
          query: { limit: req.limit, resourceVersion: req.resourceVersion, continue: req.continue },
        });
      };
      const body = await (opts.gate
        ? opts.gate.run(opts.clusterId, call, { signal: req.signal })
        : call(req.signal)
      ).catch(onError);
      return toPage(body);
    },
    async watch(req: WatchRequest): Promise<AsyncIterable<WatchEvent>> {
      const client = await opts.client(req.signal);
      const stream = await client
        .watch({
          path: opts.path,
          signal: req.signal,
          query: {
            resourceVersion: req.resourceVersion,
            allowWatchBookmarks: true,
            timeoutSeconds: req.timeoutSeconds,
          },
        })
        .catch(onError);
      return toEvents(stream);
    },
  };
}

async function* toEvents(stream: AsyncIterable<KubeWatchEvent>): AsyncGenerator<WatchEvent> {
  for await (const raw of stream) {
    if (raw.type === "ERROR") {
      // The Status of an in-stream error, e.g. {code: 410, reason: "Expired"}; classified like an HTTP answer.
      const code = readCode(raw.object);
      throw kubeErrorFromResponse({ status: code, body: raw.object });
    }
    if (!EVENT_TYPES.has(raw.type)) throw malformed(`unknown watch event type ${raw.type}`);
    const resourceVersion = readResourceVersion(raw.object);
    if (resourceVersion === undefined) throw malformed(`${raw.type} event without metadata.resourceVersion`);
    yield { type: raw.type as WatchEventType, object: raw.object, resourceVersion };
  }
}

function toPage(body: unknown): ListPage {
  if (!isRecord(body) || !Array.isArray(body.items) || !isRecord(body.metadata))
    throw malformed("list answer is not a list");
  const rv = body.metadata.resourceVersion;
  if (typeof rv !== "string" || rv === "") throw malformed("list answer without metadata.resourceVersion");
  const token = body.metadata.continue;
  return {
    items: body.items,
    resourceVersion: rv,
    ...(typeof token === "string" && token !== "" ? { continue: token } : {}),
  };
}

function readResourceVersion(object: unknown): string | undefined {
  if (!isRecord(object) || !isRecord(object.metadata)) return undefined;
  const rv = object.metadata.resourceVersion;
  return typeof rv === "string" && rv !== "" ? rv : undefined;
}

function readCode(object: unknown): number {
  return isRecord(object) && typeof object.code === "number" ? object.code : 500;
}

function malformed(message: string): KubeApiError {
  return new KubeApiError({ kind: "unknown", reason: "MalformedWatchEvent", message });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
