import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import { DEFAULT_VM_LIST_PARAMS } from "@/lib/vms/vm-list-params";
import {
  affectsVmDetail,
  affectsVmLists,
  affectsVmTasks,
  isTaskFinished,
  requestKeys,
  requestListSearch,
  taskQueryOptions,
  vmDetailQueryOptions,
  vmKeys,
  vmListQueryOptions,
} from "./queries";

describe("vmKeys", () => {
  it("nests every list under lists() and lists() under all", () => {
    const list = vmKeys.list({ ...DEFAULT_VM_LIST_PARAMS, q: "web" });
    expect(list.slice(0, vmKeys.lists().length)).toEqual([...vmKeys.lists()]);
    expect(vmKeys.lists().slice(0, vmKeys.all.length)).toEqual([...vmKeys.all]);
  });

  it("gives equal params equal keys and different params different keys", () => {
    expect(vmKeys.list({ ...DEFAULT_VM_LIST_PARAMS })).toEqual(vmKeys.list(DEFAULT_VM_LIST_PARAMS));
    expect(vmKeys.list({ ...DEFAULT_VM_LIST_PARAMS, page: 2 })).not.toEqual(
      vmKeys.list(DEFAULT_VM_LIST_PARAMS),
    );
  });

  it("invalidating lists() marks every cached list stale, and nothing else", async () => {
    const client = new QueryClient();
    const a = vmListQueryOptions(DEFAULT_VM_LIST_PARAMS).queryKey;
    const b = vmListQueryOptions({ ...DEFAULT_VM_LIST_PARAMS, status: ["FAILED"] }).queryKey;
    client.setQueryData(a, { items: [] } as never);
    client.setQueryData(b, { items: [] } as never);
    client.setQueryData(["system", "status"], {});
    await client.invalidateQueries({ queryKey: vmKeys.lists() });
    expect(client.getQueryState(a)?.isInvalidated).toBe(true);
    expect(client.getQueryState(b)?.isInvalidated).toBe(true);
    expect(client.getQueryState(["system", "status"])?.isInvalidated).toBe(false);
  });
});

describe("affectsVmLists", () => {
  it.each([
    [["VirtualMachine"], true],
    [["VirtualMachineInstance"], true],
    [["VirtualMachineSnapshot", "VirtualMachine"], true],
    [["VirtualMachineSnapshot"], false],
    [["VirtualMachineInstanceMigration"], false],
    [[], false],
  ])("%j → %s", (kinds, expected) => {
    expect(affectsVmLists({ cluster: "c", kinds, namespaces: null })).toBe(expected);
  });
});

describe("detail and task keys", () => {
  it("nest under all, apart from the lists, one key per id", () => {
    expect(vmKeys.detail("a").slice(0, vmKeys.details().length)).toEqual([...vmKeys.details()]);
    expect(vmKeys.task("t").slice(0, vmKeys.tasks().length)).toEqual([...vmKeys.tasks()]);
    expect(vmKeys.detail("a")).not.toEqual(vmKeys.detail("b"));
    expect(vmKeys.detail("a").slice(0, vmKeys.lists().length)).not.toEqual([...vmKeys.lists()]);
  });

  it("invalidating one VM's detail leaves the lists and other VMs alone", async () => {
    const client = new QueryClient();
    const a = vmDetailQueryOptions("a").queryKey;
    const b = vmDetailQueryOptions("b").queryKey;
    const list = vmListQueryOptions(DEFAULT_VM_LIST_PARAMS).queryKey;
    const task = taskQueryOptions("t1").queryKey;
    for (const key of [a, b, list, task]) client.setQueryData(key, {} as never);
    await client.invalidateQueries({ queryKey: vmKeys.detail("a") });
    expect(client.getQueryState(a)?.isInvalidated).toBe(true);
    expect(client.getQueryState(b)?.isInvalidated).toBe(false);
    expect(client.getQueryState(list)?.isInvalidated).toBe(false);
    expect(client.getQueryState(task)?.isInvalidated).toBe(false);
    await client.invalidateQueries({ queryKey: vmKeys.tasks() });
    expect(client.getQueryState(task)?.isInvalidated).toBe(true);
  });

  it("request list keys carry the page and its size", () => {
    expect(requestKeys.list({ page: 2, per_page: 25 })).toEqual(["requests", "list", 2, 25]);
    expect(requestListSearch({ page: 2, per_page: 25 })).toBe("page=2&per_page=25");
  });
});

describe("affectsVmDetail", () => {
  const vm = { cluster_id: "c1", namespace: "shop" };
  it.each([
    [{ cluster: "c1", kinds: ["VirtualMachine"], namespaces: ["shop"] }, true],
    [{ cluster: "c1", kinds: ["VirtualMachineSnapshot"], namespaces: ["shop", "other"] }, true],
    [{ cluster: "c1", kinds: ["Event"], namespaces: null }, true],
    [{ cluster: "c1", kinds: ["VirtualMachine"], namespaces: ["other"] }, false],
    [{ cluster: "c2", kinds: ["VirtualMachine"], namespaces: ["shop"] }, false],
  ])("%j → %s", (notice, expected) => {
    expect(affectsVmDetail(notice, vm)).toBe(expected);
  });

  it("ignores every notice before the VM has loaded", () => {
    expect(affectsVmDetail({ cluster: "c1", kinds: ["VirtualMachine"], namespaces: null }, undefined)).toBe(
      false,
    );
  });
});

describe("affectsVmTasks", () => {
  it("matches the task notices of this VM only", () => {
    expect(affectsVmTasks({ task_id: "t", vm_id: "vm-1" }, "vm-1")).toBe(true);
    expect(affectsVmTasks({ task_id: "t", vm_id: "vm-2" }, "vm-1")).toBe(false);
  });
});

describe("isTaskFinished", () => {
  it.each([
    ["PENDING", false],
    ["PROCESSING", false],
    ["COMPLETED", true],
    ["FAILED", true],
    ["CANCELLED", true],
  ] as const)("%s → %s", (status, expected) => {
    expect(isTaskFinished({ status })).toBe(expected);
  });
});
