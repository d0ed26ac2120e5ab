import { describe, expect, it } from "vitest";
import { relistResourceVersion } from "./relist";

describe("relistResourceVersion", () => {
  it.each([
    ["first list of a watcher with nothing stored", null, false, "0"],
    ["empty stored version", "", false, "0"],
    ["after a 410 on the watch: the last synced version", "1234", false, "1234"],
    ["periodic resync", "99", false, "99"],
    ["the list at that version got 410 or 504-too-large", "1234", true, ""],
    ["unavailable and nothing known", null, true, ""],
  ])("%s", (_case, last, unavailable, expected) => {
    expect(
      relistResourceVersion({
        lastSyncResourceVersion: last,
        lastSyncResourceVersionUnavailable: unavailable,
      }),
    ).toBe(expected);
  });
});
