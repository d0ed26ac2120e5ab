import { describe, expect, it } from "vitest";
import { CLUSTER_PREFERENCE, resourcePath, SNAPSHOT, VIRTUAL_MACHINE } from "./api-paths";
import { subresourcePath } from "./subresources";

describe("subresourcePath", () => {
  it.each([
    [
      { namespace: "dev", name: "vm-1" },
      "virtualmachines",
      "start",
      "/apis/subresources.kubevirt.io/v1/namespaces/dev/virtualmachines/vm-1/start",
    ],
    [
      { namespace: "dev", name: "vm-1" },
      "virtualmachineinstances",
      "pause",
      "/apis/subresources.kubevirt.io/v1/namespaces/dev/virtualmachineinstances/vm-1/pause",
    ],
    [
      { namespace: "a b", name: "x/../y?z#" },
      "virtualmachines",
      "stop",
      "/apis/subresources.kubevirt.io/v1/namespaces/a%20b/virtualmachines/x%2F..%2Fy%3Fz%23/stop",
    ],
  ] as const)("%o %s %s", (ref, kind, action, expected) => {
    expect(subresourcePath(ref, kind, action)).toBe(expected);
  });
});

describe("resourcePath", () => {
  it("builds namespaced, all-namespace and cluster-scoped paths", () => {
    expect(resourcePath(VIRTUAL_MACHINE, { namespace: "dev", name: "a" })).toBe(
      "/apis/kubevirt.io/v1/namespaces/dev/virtualmachines/a",
    );
    expect(resourcePath(VIRTUAL_MACHINE, { namespace: "" })).toBe("/apis/kubevirt.io/v1/virtualmachines");
    expect(resourcePath(SNAPSHOT, { namespace: "dev" })).toBe(
      "/apis/snapshot.kubevirt.io/v1beta1/namespaces/dev/virtualmachinesnapshots",
    );
    // A namespace never applies to a cluster-scoped kind.
    expect(resourcePath(CLUSTER_PREFERENCE, { namespace: "dev", name: "p" })).toBe(
      "/apis/instancetype.kubevirt.io/v1beta1/virtualmachineclusterpreferences/p",
    );
    expect(resourcePath(VIRTUAL_MACHINE, { namespace: "d%v", name: "a b", subresource: "status" })).toBe(
      "/apis/kubevirt.io/v1/namespaces/d%25v/virtualmachines/a%20b/status",
    );
  });

  it("refuses an empty name instead of addressing the collection", () => {
    expect(() => resourcePath(VIRTUAL_MACHINE, { namespace: "dev", name: "" })).toThrow(
      /empty VirtualMachine name/,
    );
  });
});
