import { describe, expect, it } from "vitest";
import type { AdoptionScanView } from "@/lib/adoption/adoption-views";
import { lastFinishedAt, mergeScans, scanTotals } from "./adoption-scans";

function scan(cluster: string, over: Partial<AdoptionScanView> = {}): AdoptionScanView {
  return {
    id: `scan-${cluster}`,
    cluster_id: cluster,
    cluster_name: `name-${cluster}`,
    started_at: "2026-01-01T10:00:00.000Z",
    finished_at: "2026-01-01T10:00:01.000Z",
    found: 1,
    new: 1,
    updated: 0,
    gone: 0,
    orphans: [],
    duration_ms: 1000,
    error: null,
    last_successful: null,
    ...over,
  };
}

describe("mergeScans", () => {
  it("replaces a cluster's scan with the fresh one and keeps the others, sorted by cluster name", () => {
    const merged = mergeScans([scan("b"), scan("a")], [scan("b", { id: "new-b", found: 9 })]);
    expect(merged.map((s) => [s.cluster_id, s.id])).toEqual([
      ["a", "scan-a"],
      ["b", "new-b"],
    ]);
  });

  it("starts from nothing when no scans were loaded yet", () => {
    expect(mergeScans(undefined, [scan("x")]).map((s) => s.cluster_id)).toEqual(["x"]);
  });
});

describe("scanTotals", () => {
  it("adds the counters of every cluster and counts the refused and failed scans", () => {
    expect(
      scanTotals([
        scan("a", { found: 3, new: 1, updated: 2, gone: 0 }),
        scan("b", { found: 4, new: 0, updated: 1, gone: 2, error: { code: "INTERNAL", params: {} } }),
        scan("c", {
          found: 0,
          new: 0,
          error: { code: "ADOPTION_SCAN_CACHE_NOT_FRESH", params: { status: "REBUILDING" } },
        }),
      ]),
    ).toEqual({ found: 7, new: 1, updated: 3, gone: 2, failed: 2 });
  });
});

describe("lastFinishedAt", () => {
  it("is the latest finish of any cluster, ignoring running scans", () => {
    expect(
      lastFinishedAt([
        scan("a", { finished_at: "2026-01-01T10:00:00.000Z" }),
        scan("b", { finished_at: "2026-01-02T09:00:00.000Z" }),
        scan("c", { finished_at: null }),
      ]),
    ).toBe("2026-01-02T09:00:00.000Z");
    expect(lastFinishedAt([scan("c", { finished_at: null })])).toBeUndefined();
  });
});
