import { describe, expect, it } from "vitest";
import { defaultSnapshotName } from "./default-snapshot-name";

const at = new Date(Date.UTC(2026, 11, 8, 1, 2, 3));

describe("defaultSnapshotName", () => {
  it("is <vm>-snap-<yyyymmdd-hhmmss> in UTC", () => {
    expect(defaultSnapshotName("prod-shop-api-01", at)).toBe("prod-shop-api-01-snap-20261208-010203");
  });

  it("cuts a long VM name so the whole fits 63 characters, never leaving a dash before the suffix", () => {
    const long = `${"a".repeat(41)}-${"b".repeat(21)}`; // 63 characters; the cut lands on the dash
    const name = defaultSnapshotName(long, at);
    expect(name.length).toBeLessThanOrEqual(63);
    expect(name).toBe(`${"a".repeat(41)}-snap-20261208-010203`);
    expect(name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
  });
});
