import { describe, expect, it } from "vitest";
import type { SyncStateRow } from "../cache/cache-status";
import { deriveWatcherState } from "./cluster-view-model";

const now = new Date("2026-11-28T12:00:00Z");
const row = (state: string, extra: Partial<SyncStateRow> = {}): SyncStateRow => ({
  resourceKind: "VirtualMachine",
  state,
  rebuilding: false,
  syncedAt: now,
  lastEventAt: now,
  updatedAt: now,
  lastError: null,
  ...extra,
});
const STALE_MS = 120_000;

describe("deriveWatcherState", () => {
  it.each([
    ["no rows", [], "not_started"],
    ["all watching (absent CRDs included)", [row("watching"), row("absent")], "watching"],
    ["a first list in progress", [row("listing", { syncedAt: null }), row("watching")], "watching"],
    ["a 410 relist", [row("watching"), row("listing", { rebuilding: true })], "rebuilding"],
    ["a watcher backing off", [row("watching"), row("backoff")], "failing"],
    ["an open breaker", [row("breaker-open")], "failing"],
    ["RBAC refusing", [row("watching"), row("forbidden")], "forbidden"],
    ["all stopped", [row("stopped"), row("stopped")], "stopped"],
    [
      "rows nobody refreshes",
      [row("watching", { updatedAt: new Date(now.getTime() - STALE_MS - 1) })],
      "stopped",
    ],
  ] as const)("%s → %s", (_what, rows, expected) => {
    expect(deriveWatcherState(rows, now, STALE_MS)).toBe(expected);
  });
});
