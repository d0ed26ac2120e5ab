/**
 * What a ResourceWatcher needs from a cluster (STYLE item 2: owned by the consumer, kept narrow): list one page
 * of a collection and open a watch on it. server/watch/kube-list-watch-source.ts implements it over KubeClient;
 * unit tests fake it. Both calls honour their AbortSignal and fail with a KubeApiError (server/k8s/status.ts).
 */
import "server-only";

export type WatchEventType = "ADDED" | "MODIFIED" | "DELETED" | "BOOKMARK";

/** One event of a watch; ERROR events never reach the watcher as events: the source throws them. */
export interface WatchEvent {
  type: WatchEventType;
  /** The object as sent; for BOOKMARK only `metadata.resourceVersion` is meaningful. */
  object: unknown;
  /** `metadata.resourceVersion` of the object: opaque, never compared (API conventions). */
  resourceVersion: string;
}

export interface ListPageRequest {
  /** Only on the first page: "" (consistent read), "0" (any, cache-served) or a known version. */
  resourceVersion?: string;
  limit: number;
  /** The previous page's continue token. */
  continue?: string;
  signal: AbortSignal;
}

export interface ListPage {
  items: unknown[];
  /** The list's resourceVersion: the snapshot every page belongs to. */
  resourceVersion: string;
  /** Set while more pages remain. */
  continue?: string;
}

export interface WatchRequest {
  resourceVersion: string;
  /** Asked of the server; it closes the stream cleanly after it. */
  timeoutSeconds: number;
  signal: AbortSignal;
}

export interface ListWatchSource {
  listPage(req: ListPageRequest): Promise<ListPage>;
  /**
   * Opens a watch with bookmarks allowed. Resolves once the server accepted it. The iterable ends when the
   * server closes the stream cleanly; an in-stream ERROR event is thrown as the KubeApiError it describes
   * (410 → kind "gone").
   */
  watch(req: WatchRequest): Promise<AsyncIterable<WatchEvent>>;
}
