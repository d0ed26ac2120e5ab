/**
 * The change notice the worker sends after each committed batch (NOTIFY `shepherd_cache_changed`) and the web
 * process relays to browsers over SSE (event `cache`): which cluster, kinds and namespaces changed.
 * `namespaces: null` means "any" (the payload is capped). One parser for both ends.
 */
export interface CacheChangeNotice {
  cluster: string;
  kinds: string[];
  namespaces: string[] | null;
}

/** Parses a notice payload; undefined when it is not one. */
export function parseCacheChangeNotice(payload: unknown): CacheChangeNotice | undefined {
  if (typeof payload !== "string") return undefined;
  try {
    const v: unknown = JSON.parse(payload);
    if (typeof v !== "object" || v === null) return undefined;
    const { cluster, kinds, namespaces } = v as Record<string, unknown>;
    if (typeof cluster !== "string" || !Array.isArray(kinds)) return undefined;
    return {
      cluster,
      kinds: kinds.filter((k): k is string => typeof k === "string"),
      namespaces: Array.isArray(namespaces)
        ? namespaces.filter((n): n is string => typeof n === "string")
        : null,
    };
  } catch {
    return undefined;
  }
}
