import { describe, expect, it, vi } from "vitest";
import { createNoticeFilter, createTaskNoticeFilter } from "./notice-filter";

const member = { kind: "member", userId: "u1" } as const;

function fakeCache(rows: { clusterId: string; namespace: string }[]) {
  return {
    governedNamespaces: vi.fn(
      async (_userId: string, within: { clusterId?: string; namespaces?: readonly string[] } = {}) =>
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
    const filter = await createNoticeFilter(cache, { kind: "all", userId: "a" });
    const notice = { cluster: "c", kinds: ["VirtualMachine"], namespaces: ["x"] };
    expect(await filter(notice)).toBe(notice);
    expect(cache.governedNamespaces).not.toHaveBeenCalled();
  });

  it("drops a namespaced notice for a user without governed VMs", async () => {
    const filter = await createNoticeFilter(fakeCache([]), member);
    expect(await filter({ cluster: "c", kinds: ["VirtualMachine"], namespaces: ["prod"] })).toBeUndefined();
  });

  it("asks for the user's governed namespaces by user id", async () => {
    const cache = fakeCache([]);
    await createNoticeFilter(cache, member);
    expect(cache.governedNamespaces).toHaveBeenCalledWith("u1");
  });

  it("cuts the namespaces to the user's, per cluster, and drops a notice with none of them", async () => {
    const filter = await createNoticeFilter(fakeCache([{ clusterId: "c1", namespace: "prod" }]), member);
    expect(await filter({ cluster: "c1", kinds: ["VirtualMachine"], namespaces: ["dev", "prod"] })).toEqual({
      cluster: "c1",
      kinds: ["VirtualMachine"],
      namespaces: ["prod"],
    });
    expect(await filter({ cluster: "c2", kinds: ["VirtualMachine"], namespaces: ["prod"] })).toBeUndefined();
    expect(await filter({ cluster: "c1", kinds: ["VirtualMachine"], namespaces: ["dev"] })).toBeUndefined();
  });

  it("passes an any-namespace notice (it names nothing)", async () => {
    const filter = await createNoticeFilter(fakeCache([]), member);
    const notice = { cluster: "c1", kinds: ["VirtualMachine"], namespaces: null };
    expect(await filter(notice)).toBe(notice);
  });

  it("keeps a learnt namespace visible after the user's last VM there is gone (its deletion is announced)", async () => {
    const rows = [{ clusterId: "c1", namespace: "prod" }];
    const cache = fakeCache(rows);
    const filter = await createNoticeFilter(cache, member);
    rows.length = 0;
    expect(await filter({ cluster: "c1", kinds: ["VirtualMachine"], namespaces: ["prod"] })).toMatchObject({
      namespaces: ["prod"],
    });
    // A known namespace costs no query.
    expect(cache.governedNamespaces).toHaveBeenCalledTimes(1);
  });
});

describe("createTaskNoticeFilter", () => {
  it("relays a task notice when its VM is in scope, by the scope's governance-row query", async () => {
    const findFirst = vi.fn(async (args: { where: { AND: [{ id: string }, unknown] } }) =>
      args.where.AND[0].id === "vm-mine" ? { id: "vm-mine" } : null,
    );
    // biome-ignore lint/suspicious/noExplicitAny: a one-method fake of the Prisma delegate
    const filter = createTaskNoticeFilter({ vm: { findFirst } } as any, member);
    expect(await filter({ task_id: "t", vm_id: "vm-mine" })).toBe(true);
    expect(await filter({ task_id: "t", vm_id: "vm-other" })).toBe(false);
  });

  it("relays every task notice to an admin without a query", async () => {
    const findFirst = vi.fn();
    // biome-ignore lint/suspicious/noExplicitAny: a one-method fake of the Prisma delegate
    const filter = createTaskNoticeFilter({ vm: { findFirst } } as any, { kind: "all", userId: "a" });
    expect(await filter({ task_id: "t", vm_id: "x" })).toBe(true);
    expect(findFirst).not.toHaveBeenCalled();
  });
});
