import { describe, expect, it } from "vitest";
import { parseClusterChangeNotice } from "./cluster-change-notice";

describe("parseClusterChangeNotice", () => {
  it("reads a notice", () => {
    expect(parseClusterChangeNotice('{"cluster_id":"c1","change":"credentials_rotated"}')).toEqual({
      cluster_id: "c1",
      change: "credentials_rotated",
    });
  });

  it.each([
    ["not JSON", "{"],
    ["not an object", "1"],
    ["no id", '{"change":"updated"}'],
    ["an empty id", '{"cluster_id":"","change":"updated"}'],
    ["an unknown change", '{"cluster_id":"c1","change":"exploded"}'],
    ["a cache notice", '{"cluster":"c1","kinds":[],"namespaces":null}'],
  ])("refuses %s", (_what, payload) => {
    expect(parseClusterChangeNotice(payload)).toBeUndefined();
  });

  it("refuses a value that is not text", () => {
    expect(parseClusterChangeNotice(undefined)).toBeUndefined();
  });
});
