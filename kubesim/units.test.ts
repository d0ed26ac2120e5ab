import { describe, expect, it } from "vitest";
import { parseLabelSelector } from "./label-selector.ts";
import { serverSideApply, trackUpdate } from "./managed-fields.ts";
import { jsonPatch, mergePatch } from "./patch.ts";
import { ResourceStore } from "./resource-store.ts";
import { StatusError } from "./status-error.ts";
import { evalJsonPath } from "./table.ts";
import type { KObject } from "./types.ts";

describe("label selectors", () => {
  it("evaluates equality, set-based, existence and negation", () => {
    const l = { app: "web", tier: "gold" };
    expect(parseLabelSelector("app=web,tier==gold")(l)).toBe(true);
    expect(parseLabelSelector("app!=web")(l)).toBe(false);
    expect(parseLabelSelector("app!=db")({})).toBe(true);
    expect(parseLabelSelector("tier in (gold, silver)")(l)).toBe(true);
    expect(parseLabelSelector("tier notin (gold)")(l)).toBe(false);
    expect(parseLabelSelector("app,!missing")(l)).toBe(true);
    expect(
      parseLabelSelector("kubevirt-shepherd.io/managed-by=kubevirt-shepherd")({
        "kubevirt-shepherd.io/managed-by": "kubevirt-shepherd",
      }),
    ).toBe(true);
    expect(() => parseLabelSelector("a=b=c")).toThrow(StatusError);
  });
});

describe("patches", () => {
  it("merge patch deletes nulls and merges maps; lists are replaced", () => {
    expect(mergePatch({ a: { b: 1, c: 2 }, l: [1, 2] }, { a: { b: null, d: 3 }, l: [3] })).toEqual({
      a: { c: 2, d: 3 },
      l: [3],
    });
  });
  it("json patch: add/remove/replace/move/copy/test with escaped pointers", () => {
    const doc = { metadata: { labels: { "a/b": "1" } }, list: [1, 2] };
    const out = jsonPatch(doc, [
      { op: "add", path: "/list/-", value: 3 },
      { op: "remove", path: "/metadata/labels/a~1b" },
      { op: "add", path: "/metadata/labels/x", value: "y" },
      { op: "copy", from: "/metadata/labels/x", path: "/copied" },
      { op: "move", from: "/copied", path: "/moved" },
      { op: "test", path: "/moved", value: "y" },
    ]);
    expect(out).toEqual({ metadata: { labels: { x: "y" } }, list: [1, 2, 3], moved: "y" });
    expect(doc.list).toEqual([1, 2]);
    expect(() => jsonPatch(doc, [{ op: "replace", path: "/nope/x", value: 1 }])).toThrow(StatusError);
  });
});

describe("managed fields", () => {
  const base: KObject = { apiVersion: "v1", kind: "X", metadata: { name: "x" }, spec: { a: 1, b: 2 } };
  it("apply removes fields the manager stopped applying, unless someone else owns them", () => {
    const one = serverSideApply(undefined, base, "m1", false);
    const two = serverSideApply(one, { ...base, spec: { a: 1 } }, "m1", false);
    expect(two.spec).toEqual({ a: 1 });
    const updated = trackUpdate(two, { ...two, spec: { a: 1, c: 3 } }, "kubectl-edit");
    const three = serverSideApply(updated, { ...base, spec: { a: 5 } }, "m1", false);
    expect(three.spec).toEqual({ a: 5, c: 3 });
    expect(three.metadata.managedFields?.map((m) => m.manager).sort()).toEqual(["kubectl-edit", "m1"]);
  });
});

describe("store", () => {
  it("rebuilds past snapshots and counts after a key", () => {
    const s = new ResourceStore();
    const mk = (name: string, v = 1): KObject => ({ metadata: { name, namespace: "ns" }, spec: { v } });
    s.insert("g/r", mk("a"));
    s.insert("g/r", mk("b"));
    const rv = s.currentRv;
    s.replace("g/r", mk("a", 2));
    s.remove("g/r", "ns", "b");
    s.insert("g/r", mk("c"));
    const past = s.listAt("g/r", rv).map((o) => `${o.metadata.name}:${(o.spec as { v: number }).v}`);
    expect(past).toEqual(["a:1", "b:1"]);
    expect(s.list("g/r").map((o) => o.metadata.name)).toEqual(["a", "c"]);
    expect(s.countAfter("g/r", undefined, "ns", "ns/a")).toBe(1);
    expect(s.countAfter("g/r", rv, "ns", "ns/a")).toBe(1);
  });
});

describe("table JSONPath", () => {
  it("supports filters and indexes", () => {
    const o = {
      status: { conditions: [{ type: "Ready", status: "True" }], interfaces: [{ ipAddress: "10.0.0.1" }] },
    };
    expect(evalJsonPath(o, ".status.conditions[?(@.type=='Ready')].status")).toBe("True");
    expect(evalJsonPath(o, ".status.interfaces[0].ipAddress")).toBe("10.0.0.1");
    expect(evalJsonPath(o, ".status.nope")).toBeUndefined();
  });
});
