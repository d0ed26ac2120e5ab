import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import { DEFAULT_VM_LIST_PARAMS } from "@/lib/vms/vm-list-params";
import { affectsVmLists, vmKeys, vmListQueryOptions } from "./queries";

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
