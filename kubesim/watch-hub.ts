// WATCH: streamed JSON lines ({"type","object"}), started from a resourceVersion (replaying retained
// history), with synthetic ADDED for "get state and start", sendInitialEvents + the initial-events-end
// bookmark, periodic BOOKMARKs, timeoutSeconds, and in-stream 410 ERROR for compacted revisions.
import type { IncomingMessage, ServerResponse } from "node:http";
import { objectJson } from "./json-cache.ts";
import { asVersion, matchers, parseRv } from "./list-handler.ts";
import type { ResourceStore, StoreEvent } from "./resource-store.ts";
import { apiVersionOf, type ResourceType, rkeyOf } from "./resource-type.ts";
import { errors, type StatusError } from "./status-error.ts";
import type { KObject } from "./types.ts";

export interface WatchQuery {
  labelSelector?: string | null;
  fieldSelector?: string | null;
  resourceVersion?: string | null;
  resourceVersionMatch?: string | null;
  allowWatchBookmarks?: string | null;
  sendInitialEvents?: string | null;
  timeoutSeconds?: string | null;
}

interface Connection {
  res: ServerResponse;
  bookmarks: boolean;
  kind: string;
  apiVersion: string;
  close: () => void;
}

const isTrue = (v: string | null | undefined): boolean => v === "true" || v === "1";

export class WatchHub {
  private readonly conns = new Set<Connection>();
  private bookmarkTimer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly store: ResourceStore,
    private bookmarkIntervalMs: number,
    private readonly defaultTimeoutSeconds = 1800,
  ) {
    this.scheduleBookmarks();
  }

  get openWatches(): number {
    return this.conns.size;
  }

  setBookmarkInterval(ms: number): void {
    this.bookmarkIntervalMs = ms;
    this.scheduleBookmarks();
  }

  private scheduleBookmarks(): void {
    if (this.bookmarkTimer) clearInterval(this.bookmarkTimer);
    this.bookmarkTimer = undefined;
    if (this.stopped || this.bookmarkIntervalMs <= 0) return;
    this.bookmarkTimer = setInterval(() => this.sendBookmarks(), this.bookmarkIntervalMs);
    this.bookmarkTimer.unref();
  }

  /** Sends a BOOKMARK carrying the current revision to every watch that asked for bookmarks. */
  sendBookmarks(): void {
    const rv = String(this.store.currentRv);
    for (const c of this.conns) {
      if (!c.bookmarks) continue;
      c.res.write(
        `{"type":"BOOKMARK","object":${JSON.stringify({ kind: c.kind, apiVersion: c.apiVersion, metadata: { resourceVersion: rv } })}}\n`,
      );
    }
  }

  /** Ends every open watch cleanly (control API "drop watches"; clients then re-watch). */
  dropAll(): number {
    const n = this.conns.size;
    for (const c of [...this.conns]) c.close();
    return n;
  }

  stop(): void {
    this.stopped = true;
    if (this.bookmarkTimer) clearInterval(this.bookmarkTimer);
    this.bookmarkTimer = undefined;
    this.dropAll();
  }

  /** Validates the query; throws (before headers are sent) for errors that are HTTP answers. */
  watch(
    t: ResourceType,
    version: string,
    ns: string | undefined,
    q: WatchQuery,
    req: IncomingMessage,
    res: ServerResponse,
    /** Re-encodes each event's object (Table output for `kubectl get -w`). */
    transform?: (o: KObject) => unknown,
  ): void {
    const { labels, fields } = matchers(t, q);
    const bookmarks = isTrue(q.allowWatchBookmarks);
    const sendInitial =
      q.sendInitialEvents === undefined || q.sendInitialEvents === null
        ? undefined
        : isTrue(q.sendInitialEvents);
    const rvParam = q.resourceVersion ?? "";
    if (sendInitial !== undefined) {
      const causes = [];
      if (q.resourceVersionMatch !== "NotOlderThan")
        causes.push({
          reason: "FieldValueForbidden",
          message: "Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan",
          field: "resourceVersionMatch",
        });
      if (sendInitial && !bookmarks)
        causes.push({
          reason: "FieldValueForbidden",
          message: "Forbidden: sendInitialEvents requires setting allowWatchBookmarks to true",
          field: "allowWatchBookmarks",
        });
      if (causes.length > 0) throw errors.invalid("ListOptions", "meta.k8s.io", "", causes);
    } else if (q.resourceVersionMatch) {
      throw errors.invalid("ListOptions", "meta.k8s.io", "", [
        {
          reason: "FieldValueForbidden",
          message:
            "Forbidden: resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided",
          field: "resourceVersionMatch",
        },
      ]);
    }
    const fromRv = rvParam === "" || rvParam === "0" ? undefined : parseRv(rvParam);
    const timeoutS = q.timeoutSeconds
      ? Number(q.timeoutSeconds)
      : this.defaultTimeoutSeconds * (1 + Math.random());
    const apiVersion = apiVersionOf(t.group, version);
    const rkey = rkeyOf(t);

    res.writeHead(200, {
      "Content-Type": "application/json",
      "Cache-Control": "no-cache, private",
      "Transfer-Encoding": "chunked",
    });
    res.flushHeaders();

    const inScope = (o: KObject): boolean =>
      (!t.namespaced || !ns || o.metadata.namespace === ns) && labels(o.metadata.labels) && fields(o);
    const line = (type: string, o: KObject): string => {
      const v = asVersion(o, apiVersion);
      const encoded = transform ? JSON.stringify(transform(v)) : objectJson(v);
      return `{"type":"${type}","object":${encoded}}\n`;
    };
    const deliver = (e: StoreEvent): void => {
      const now = inScope(e.obj);
      const before = e.prev ? inScope(e.prev) : false;
      let type: string | undefined;
      if (e.type === "ADDED") type = now ? "ADDED" : undefined;
      else if (e.type === "DELETED") type = before ? "DELETED" : undefined;
      else if (now && before) type = "MODIFIED";
      else if (now) type = "ADDED";
      else if (before) type = "DELETED";
      if (type) res.write(line(type, e.obj));
    };
    const sendError = (err: StatusError): void => {
      res.write(`{"type":"ERROR","object":${JSON.stringify(err.toStatus())}}\n`);
    };

    if (fromRv !== undefined && fromRv < this.store.compactedRv) {
      // Like the watch cache: the stream opens, carries one ERROR with a 410 Status, then ends.
      sendError(errors.expired(`too old resource version: ${fromRv} (${this.store.compactedRv})`));
      res.end();
      return;
    }

    let closed = false;
    let timeout: NodeJS.Timeout | undefined;
    const unsubscribe = this.store.onTypeEvent(rkey, deliver);
    const conn: Connection = {
      res,
      bookmarks,
      kind: t.kind,
      apiVersion,
      close: () => {
        if (closed) return;
        closed = true;
        unsubscribe();
        if (timeout) clearTimeout(timeout);
        this.conns.delete(conn);
        res.end();
      },
    };
    this.conns.add(conn);
    timeout = setTimeout(conn.close, Math.max(0, timeoutS) * 1000);
    req.on("close", conn.close);
    res.on("close", conn.close);

    // Everything below runs synchronously, so no store event can slip between the replay and the live feed.
    const initial = fromRv === undefined ? sendInitial !== false : sendInitial === true;
    if (initial) {
      for (const o of this.store.list(rkey, t.namespaced ? ns : undefined))
        if (inScope(o)) res.write(line("ADDED", o));
    } else if (fromRv !== undefined) {
      for (const e of this.store.eventsSince(rkey, fromRv)) deliver(e);
    }
    if (sendInitial === true) {
      const bm = {
        kind: t.kind,
        apiVersion,
        metadata: {
          resourceVersion: String(this.store.currentRv),
          annotations: { "k8s.io/initial-events-end": "true" },
        },
      };
      res.write(`{"type":"BOOKMARK","object":${JSON.stringify(bm)}}\n`);
    }
  }
}
