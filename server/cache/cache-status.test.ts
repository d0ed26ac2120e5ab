import { describe, expect, it } from "vitest";
import { deriveCacheStatus, readStatus, type SyncStateRow } from "./cache-status";

const now = new Date("2026-06-01T12:00:00Z");
const ago = (s: number) => new Date(now.getTime() - s * 1000);
const row = (over: Partial<SyncStateRow> = {}): SyncStateRow => ({
  resourceKind: "VirtualMachine",
  state: "watching",
  rebuilding: false,
  syncedAt: ago(600),
  lastEventAt: ago(30),
  updatedAt: ago(10),
  lastError: null,
  ...over,
});

describe("deriveCacheStatus", () => {
  it.each([
    ["no watcher yet", [], "STALE"],
    ["all watching and recent", [row(), row({ resourceKind: "VirtualMachineInstance" })], "FRESH"],
    ["a CRD that is not installed is steady", [row(), row({ state: "absent", syncedAt: null })], "FRESH"],
    ["a watcher backing off", [row(), row({ state: "backoff" })], "STALE"],
    ["breaker open", [row({ state: "breaker-open" })], "STALE"],
    ["forbidden", [row({ state: "forbidden" })], "STALE"],
    ["first list still running", [row({ state: "listing", syncedAt: null })], "STALE"],
    ["the owning worker went silent", [row({ updatedAt: ago(121) })], "STALE"],
    ["a 410 relist in progress", [row(), row({ state: "listing", rebuilding: true })], "REBUILDING"],
    [
      "events forbidden by the credentials",
      [row(), row({ resourceKind: "Event", state: "forbidden" })],
      "FRESH",
    ],
    [
      "an events relist after a 410",
      [row(), row({ resourceKind: "Event", state: "listing", rebuilding: true })],
      "FRESH",
    ],
    ["only the events watcher so far", [row({ resourceKind: "Event" })], "STALE"],
  ] as const)("%s → %s", (_case, rows, expected) => {
    expect(deriveCacheStatus(rows, now, 120_000).status).toBe(expected);
  });

  it("reports the oldest point up to which the rows are known good", () => {
    const r = deriveCacheStatus([row(), row({ state: "backoff", lastEventAt: ago(300) })], now, 120_000);
    expect(r.lastSyncedAt).toEqual(ago(300));
  });

  it("serves rebuilding data as STALE", () => {
    expect(readStatus("REBUILDING")).toBe("STALE");
    expect(readStatus("FRESH")).toBe("FRESH");
  });
});
