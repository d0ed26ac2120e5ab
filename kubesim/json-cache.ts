// One JSON serialization per stored object version, shared by lists and every watcher. Safe because
// stored objects are never mutated (writers replace them).
import type { KObject } from "./types.ts";

const cache = new WeakMap<KObject, string>();

export function objectJson(o: KObject): string {
  let s = cache.get(o);
  if (s === undefined) {
    s = JSON.stringify(o);
    cache.set(o, s);
  }
  return s;
}

/** Serializes a list response, reusing the cached JSON of its items. */
export function listJson(head: Record<string, unknown>, items: KObject[]): string {
  const h = JSON.stringify(head);
  return `${h.slice(0, -1)},"items":[${items.map(objectJson).join(",")}]}`;
}
