import { describe, expect, it } from "vitest";
import { parseCacheChangeNotice } from "./cache-change-notice";

describe("parseCacheChangeNotice", () => {
  it("reads a notice and keeps only strings", () => {
    expect(
      parseCacheChangeNotice('{"cluster":"c1","kinds":["VirtualMachine",3],"namespaces":["a",null]}'),
    ).toEqual({
      cluster: "c1",
      kinds: ["VirtualMachine"],
      namespaces: ["a"],
    });
  });

  it("treats missing namespaces as any", () => {
    expect(parseCacheChangeNotice('{"cluster":"c1","kinds":[]}')?.namespaces).toBeNull();
  });

  it.each([["not json"], ['{"kinds":[]}'], ['{"cluster":"c","kinds":"x"}'], ["null"], [42]])(
    "refuses %j",
    (payload) => {
      expect(parseCacheChangeNotice(payload)).toBeUndefined();
    },
  );
});
