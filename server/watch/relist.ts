/**
 * Which resourceVersion a (re)list asks for (STYLE item 4; client-go `relistResourceVersion`), as a pure,
 * table-tested function:
 * - never synced in this process and nothing stored: "0", served from the API server's watch cache;
 * - synced before (including after a 410 on the watch): the last synced version, so the new snapshot is never
 *   older than the rows already shown;
 * - that version is unavailable (the list itself answered 410 Expired, or 504 "too large resource version"):
 *   "", a consistent read from etcd.
 */
import "server-only";

export interface RelistInput {
  /** The version of the last list, batch or bookmark applied; null when there is none. */
  lastSyncResourceVersion: string | null;
  /** Set when a list at `lastSyncResourceVersion` failed with 410 or 504-too-large; cleared by a good list. */
  lastSyncResourceVersionUnavailable: boolean;
}

export function relistResourceVersion(input: RelistInput): string {
  if (input.lastSyncResourceVersionUnavailable) return "";
  if (input.lastSyncResourceVersion === null || input.lastSyncResourceVersion === "") return "0";
  return input.lastSyncResourceVersion;
}
