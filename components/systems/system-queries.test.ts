import { describe, expect, it } from "vitest";
import { DEFAULT_SYSTEM_LIST_PARAMS, pageSearch, systemKeys } from "./system-queries";

describe("systemKeys", () => {
  it("nests every key under `all`, so one invalidation refreshes every systems view", () => {
    const keys = [
      systemKeys.lists(),
      systemKeys.list(DEFAULT_SYSTEM_LIST_PARAMS),
      systemKeys.detail("s1"),
      systemKeys.services("s1", DEFAULT_SYSTEM_LIST_PARAMS),
      systemKeys.service("s1", "v1"),
      systemKeys.selfService(),
    ];
    for (const key of keys) expect(key.slice(0, systemKeys.all.length)).toEqual([...systemKeys.all]);
  });

  it("tells pages, systems and services apart", () => {
    expect(systemKeys.list({ page: 1, per_page: 50 })).not.toEqual(
      systemKeys.list({ page: 2, per_page: 50 }),
    );
    expect(systemKeys.services("a", DEFAULT_SYSTEM_LIST_PARAMS)).not.toEqual(
      systemKeys.services("b", DEFAULT_SYSTEM_LIST_PARAMS),
    );
    expect(systemKeys.service("a", "x")).not.toEqual(systemKeys.detail("a"));
    expect(systemKeys.list(DEFAULT_SYSTEM_LIST_PARAMS).slice(0, 2)).toEqual([...systemKeys.lists()]);
  });
});

describe("pageSearch", () => {
  it("writes the SPEC §21 page parameters", () => {
    expect(pageSearch({ page: 3, per_page: 20 })).toBe("page=3&per_page=20");
  });
});
