import { describe, expect, it } from "vitest";
import { parseAdoptionChangeNotice } from "./adoption-change-notice";

describe("parseAdoptionChangeNotice", () => {
  it("reads a notice", () => {
    expect(parseAdoptionChangeNotice('{"cluster_id":"c1"}')).toEqual({ cluster_id: "c1" });
  });

  it("keeps only the cluster id", () => {
    expect(parseAdoptionChangeNotice('{"cluster_id":"c1","secret":"x"}')).toEqual({ cluster_id: "c1" });
  });

  it.each([
    ["not JSON", "{"],
    ["not an object", "42"],
    ["null", "null"],
    ["no id", "{}"],
    ["empty id", '{"cluster_id":""}'],
    ["id not a string", '{"cluster_id":7}'],
  ])("refuses %s", (_name, payload) => {
    expect(parseAdoptionChangeNotice(payload)).toBeUndefined();
  });

  it("refuses a payload that is not text", () => {
    expect(parseAdoptionChangeNotice({ cluster_id: "c1" })).toBeUndefined();
  });
});
