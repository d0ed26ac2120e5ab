/**
 * One Server-Sent Events response (`/api/events`) fed by the process's CacheEventsHub through the caller's
 * notice filter. Events: `ready` once subscribed, `cache` with a (filtered) notice as JSON, `cluster` with a
 * cluster notice `{"cluster_id":"<id>","change":"registered|updated|credentials_rotated|deleted|checked"}`
 * (lib/clusters/cluster-change-notice.ts; only to callers given `clusterNotices`, i.e. admins: only the admin
 * clusters page uses them), `adoption` with `{"cluster_id":"<id>"}` when that cluster's adoption inbox
 * changed (lib/adoption/adoption-change-notice.ts; only to callers given `adoptionNotices`, i.e. admins),
 * `task` with `{"task_id","vm_id"}` when a VM operation of a VM the caller may see was requested, decided or
 * finished (lib/vms/task-change-notice.ts; `taskVisible` decides),
 * `resync` when notices may have been lost (refresh everything); a comment line every `heartbeatMs` keeps
 * proxies from closing an idle stream and lets the server notice a vanished client. The subscription ends when the client
 * disconnects (the request's signal) or the stream is cancelled.
 */
import "server-only";
import type { TaskChangeNotice } from "@/lib/vms/task-change-notice";
import type { CacheEventsHub } from "./cache-events-hub";
import type { NoticeFilter } from "./notice-filter";

/** Under the ~30–60 s idle timeouts of common proxies and load balancers. */
export const SSE_HEARTBEAT_MS = 15_000;
/** How long a browser's EventSource waits before reconnecting after the stream ends. */
const RETRY_MS = 3_000;

export function openCacheEventStream(opts: {
  hub: Pick<CacheEventsHub, "subscribe">;
  filter: NoticeFilter;
  /** Relay adoption-inbox notices (admins only: the inbox is theirs). */
  adoptionNotices?: boolean;
  /** Relay cluster change notices (admins only: the clusters pages are theirs). */
  clusterNotices?: boolean;
  /** Whether the caller may see the VM of a task notice; without it no task notice is relayed. */
  taskVisible?: (notice: TaskChangeNotice) => Promise<boolean>;
  signal: AbortSignal;
  heartbeatMs?: number;
  onError?: (error: unknown) => void;
}): Response {
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      let open = true;
      const send = (text: string) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      const event = (name: string, data: unknown) =>
        send(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
      // Filters are async: chain them so a subscriber sees notices in the order the hub delivered them.
      let queue = Promise.resolve();
      const unsubscribe = opts.hub.subscribe({
        onNotice(notice) {
          queue = queue
            .then(async () => {
              const visible = await opts.filter(notice);
              if (visible) event("cache", visible);
            })
            .catch((error: unknown) => opts.onError?.(error));
        },
        onClusterNotice(notice) {
          if (opts.clusterNotices) queue = queue.then(() => event("cluster", notice));
        },
        onAdoptionNotice(notice) {
          if (opts.adoptionNotices) queue = queue.then(() => event("adoption", notice));
        },
        onTaskNotice(notice) {
          const visible = opts.taskVisible;
          if (!visible) return;
          queue = queue
            .then(async () => {
              if (await visible(notice)) event("task", notice);
            })
            .catch((error: unknown) => opts.onError?.(error));
        },
        onResync() {
          queue = queue.then(() => event("resync", {}));
        },
      });
      const heartbeat = setInterval(() => send(": ping\n\n"), opts.heartbeatMs ?? SSE_HEARTBEAT_MS);
      cleanup = () => {
        if (!open) return;
        open = false;
        clearInterval(heartbeat);
        unsubscribe();
        opts.signal.removeEventListener("abort", cleanup);
        try {
          controller.close();
        } catch {
          // already closed by the runtime
        }
      };
      if (opts.signal.aborted) return cleanup();
      opts.signal.addEventListener("abort", cleanup);
      send(`retry: ${RETRY_MS}\n\n`);
      event("ready", {});
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
      // nginx and similar proxies buffer responses by default; an event stream must pass straight through.
      "X-Accel-Buffering": "no",
    },
  });
}
