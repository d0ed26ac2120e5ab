import { describe, expect, it } from "vitest";
import { VMStatus } from "@/lib/domain/vm";
import { AppError, isAppError } from "@/lib/errors/app-error";
import { CONFORMANCE_FIXTURES, runProviderConformance } from "../provider-conformance";
import { MockProvider } from "./mock-provider";

const CLUSTER = "mock-cluster";
const NAMESPACE = "test";

runProviderConformance("MockProvider", async () => {
  const provider = new MockProvider({ clusters: [CLUSTER] });
  const f = CONFORMANCE_FIXTURES;
  return {
    provider,
    cluster: CLUSTER,
    namespace: NAMESPACE,
    unknownCluster: "no-such-cluster",
    installFixtures: async () =>
      provider.seed({
        instanceTypes: [
          { ...f.instanceType, namespace: NAMESPACE, cluster: CLUSTER },
          { ...f.clusterInstanceType, cluster: CLUSTER },
        ],
        preferences: [
          { ...f.preference, namespace: NAMESPACE, cluster: CLUSTER },
          { ...f.clusterPreference, cluster: CLUSTER },
        ],
        namespaces: [{ cluster: CLUSTER, name: NAMESPACE }],
      }),
    stop: async () => provider.reset(),
  };
});

const spec = (name: string) => ({ name, cpu: 1, memoryMb: 512, image: "img", labels: {} });

describe("MockProvider specifics", () => {
  it("shows in-between states until settle() in manual mode", async () => {
    const p = new MockProvider({ settle: "manual" });
    const created = await p.createVM("c", "ns", spec("a"));
    expect(created.status).toBe(VMStatus.CREATING);
    expect((await p.getVM("c", "ns", "a")).status).toBe(VMStatus.CREATING);
    p.settle();
    expect((await p.getVM("c", "ns", "a")).status).toBe(VMStatus.RUNNING);
    await p.stopVM("c", "ns", "a");
    expect((await p.getVM("c", "ns", "a")).status).toBe(VMStatus.STOPPING);
    p.settle();
    expect((await p.getVM("c", "ns", "a")).status).toBe(VMStatus.STOPPED);
    expect(p.pendingTransitions()).toBe(0);
  });

  it("keeps a restore waiting while its target runs", async () => {
    const p = new MockProvider();
    await p.createVM("c", "ns", spec("a"));
    await p.createSnapshot("c", "ns", "a", "s");
    const restore = await p.restoreFromSnapshot("c", "ns", "s", "a");
    expect((await p.getRestore("c", "ns", restore.name)).complete).toBe(false);
    expect(p.pendingTransitions()).toBe(1);
    await p.stopVM("c", "ns", "a");
    expect((await p.getRestore("c", "ns", restore.name)).complete).toBe(true);
  });

  it("throws injected failures once, per method or for any method", async () => {
    const p = new MockProvider();
    await p.createVM("c", "ns", spec("a"));
    p.failNext("getVM", new AppError("K8S_UNREACHABLE", { cluster: "c" }));
    p.failNext("*", new AppError("K8S_FORBIDDEN", { cluster: "c" }));
    const first = await p.getVM("c", "ns", "a").catch((e: unknown) => e);
    expect(isAppError(first, "K8S_UNREACHABLE")).toBe(true);
    const second = await p.listVMs("c", "ns").catch((e: unknown) => e);
    expect(isAppError(second, "K8S_FORBIDDEN")).toBe(true);
    expect((await p.getVM("c", "ns", "a")).name).toBe("a");
  });

  it("answers validateSpec with an injected result for renderable specs only", async () => {
    const p = new MockProvider();
    p.setValidationResult({ valid: false, errors: ["quota"] });
    expect(await p.validateSpec("c", "ns", spec("a"))).toEqual({ valid: false, errors: ["quota"] });
    expect((await p.validateSpec("c", "ns", { ...spec("a"), cpu: 0 })).errors).toEqual(["cpu must be > 0"]);
  });

  it("seeds VMs and forgets everything on reset", async () => {
    const p = new MockProvider();
    p.seed({
      vms: [
        {
          id: "",
          name: "seeded",
          namespace: "ns",
          cluster: "c",
          cpu: 2,
          memoryMb: 1024,
          status: VMStatus.RUNNING,
          createdAt: new Date(0),
          nodeName: "node-9",
        },
      ],
    });
    expect(await p.getVM("c", "ns", "seeded")).toMatchObject({
      status: VMStatus.RUNNING,
      nodeName: "node-9",
    });
    await p.pauseVM("c", "ns", "seeded");
    expect((await p.getVM("c", "ns", "seeded")).status).toBe(VMStatus.PAUSED);
    p.reset();
    const gone = await p.getVM("c", "ns", "seeded").catch((e: unknown) => e);
    expect(isAppError(gone, "VM_NOT_FOUND")).toBe(true);
  });
});
