import { describe, expect, it } from "vitest";
import { AdoptionScanSchedule } from "./adoption-scan-schedule";

describe("AdoptionScanSchedule", () => {
  it("scans a new cluster as soon as its cache is fresh, then every interval", () => {
    const s = new AdoptionScanSchedule(1000);
    expect(s.due(["a"], 0)).toEqual([{ clusterId: "a", onlyIfFresh: true }]);
    // Not fresh yet: nothing recorded, asked again at the next tick.
    expect(s.due(["a"], 500)).toEqual([{ clusterId: "a", onlyIfFresh: true }]);
    s.scanned("a", 600);
    expect(s.due(["a"], 1599)).toEqual([]);
    expect(s.due(["a"], 1600)).toEqual([{ clusterId: "a", onlyIfFresh: false }]);
  });

  it("scans anyway one interval after takeover when the cache never got fresh", () => {
    const s = new AdoptionScanSchedule(1000);
    s.due(["a"], 0);
    expect(s.due(["a"], 999)).toEqual([{ clusterId: "a", onlyIfFresh: true }]);
    expect(s.due(["a"], 1000)).toEqual([{ clusterId: "a", onlyIfFresh: false }]);
  });

  it("forgets a cluster it no longer owns: taken back, it starts over", () => {
    const s = new AdoptionScanSchedule(1000);
    s.due(["a", "b"], 0);
    s.scanned("a", 0);
    expect(s.due(["b"], 10)).toEqual([{ clusterId: "b", onlyIfFresh: true }]);
    expect(s.due(["a", "b"], 20)).toEqual([
      { clusterId: "a", onlyIfFresh: true },
      { clusterId: "b", onlyIfFresh: true },
    ]);
  });
});
