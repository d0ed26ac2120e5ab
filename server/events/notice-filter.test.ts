import { describe, expect, it, vi } from "vitest";
import { createNoticeFilter } from "./notice-filter";

const shop = { system: "shop", service: "api" };

function fakeCache(rows: { clusterId: string; namespace: string }[]) {
  return {
    namespacesOfServices: vi.fn(
      async (_services: unknown, within: { clusterId?: string; namespaces?: readonly string[] } = {}) =>
        rows.filter(
          (r) =>
            (within.clusterId === undefined || r.clusterId === within.clusterId) &&
            (within.namespaces === undefined || within.namespaces.includes(r.namespace)),
        ),
    ),
  };
}

describe("createNoticeFilter", () => {
  it("passes every notice unchanged for an admin, without a query", async () => {
    const cache = fakeCache([]);
    const filter = await createNoticeFilter(cache, { kind: "all" });
    const notice = { cluster: "c", kinds: ["VirtualMachine"], namespaces: ["x"] };
    expect(await filter(notice)).toBe(notice);
    expect(cache.namespacesOfServices).not.toHaveBeenCalled();
  });

  it("drops everything for a user without services", async () => {
    const filter = await createNoticeFilter(fakeCache([]), { kind: "services", services: [] });
    expect(await filter({ cluster: "c", kinds: ["VirtualMachine"], namespaces: null })).toBeUndefined();
  });

  it("cuts the namespaces to the user's, per cluster, and drops a notice with none of them", async () => {
    const filter = await createNoticeFilter(fakeCache([{ clusterId: "c1", namespace: "prod" }]), {
      kind: "services",
      services: [shop],
    });
    expect(await filter({ cluster: "c1", kinds: ["VirtualMachine"], namespaces: ["dev", "prod"] })).toEqual({
      cluster: "c1",
      kinds: ["VirtualMachine"],
      namespaces: ["prod"],
    });
    expect(await filter({ cluster: "c2", kinds: ["VirtualMachine"], namespaces: ["prod"] })).toBeUndefined();
    expect(await filter({ cluster: "c1", kinds: ["VirtualMachine"], namespaces: ["dev"] })).toBeUndefined();
  });

  it("passes an any-namespace notice to a user with services", async () => {
    const filter = await createNoticeFilter(fakeCache([]), { kind: "services", services: [shop] });
    const notice = { cluster: "c1", kinds: ["VirtualMachine"], namespaces: null };
    expect(await filter(notice)).toBe(notice);
  });

  it("keeps a learnt namespace visible after the user's last VM there is gone (its deletion is announced)", async () => {
    const rows = [{ clusterId: "c1", namespace: "prod" }];
    const cache = fakeCache(rows);
    const filter = await createNoticeFilter(cache, { kind: "services", services: [shop] });
    rows.length = 0;
    expect(await filter({ cluster: "c1", kinds: ["VirtualMachine"], namespaces: ["prod"] })).toMatchObject({
      namespaces: ["prod"],
    });
    // A known namespace costs no query.
    expect(cache.namespacesOfServices).toHaveBeenCalledTimes(1);
  });
});
