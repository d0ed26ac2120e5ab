import * as k8s from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSim, type TestSim, VM } from "./test/helpers.ts";
import type { KObject } from "./types.ts";

let t: TestSim;
beforeAll(async () => {
  t = await startTestSim({ profile: "default", vmCount: 50_000, stepDelayMs: 60_000 });
}, 60_000);
afterAll(async () => {
  await t.stop();
});

describe("scale", () => {
  it("holds 50,000 VMs with their VMIs", async () => {
    const st = await t.sim.client.state();
    expect(st.counts.virtualmachines).toBeGreaterThanOrEqual(50_000);
    expect(st.counts.virtualmachineinstances).toBeGreaterThan(20_000);
  });

  it("pages through 10,000 VMs with client-node (limit 500) with no duplicates", {
    timeout: 30_000,
  }, async () => {
    const names = new Set<string>();
    let cont: string | undefined;
    const started = Date.now();
    do {
      const page = (await t.co.listClusterCustomObject({ ...VM, limit: 500, _continue: cont })) as {
        metadata: { continue?: string };
        items: KObject[];
      };
      for (const o of page.items) names.add(`${o.metadata.namespace}/${o.metadata.name}`);
      cont = page.metadata.continue;
    } while (cont && names.size < 10_000);
    expect(names.size).toBe(10_000);
    // "Stays responsive": generous bound for a 2-core CI box.
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it("fans a change out to 20 watchers", { timeout: 30_000 }, async () => {
    const rv = (await t.sim.client.state()).resourceVersion;
    const target = "vm-00001";
    const got: Promise<void>[] = [];
    const aborts: AbortController[] = [];
    for (let i = 0; i < 20; i++) {
      let resolve: () => void = () => undefined;
      got.push(
        new Promise<void>((r) => {
          resolve = r;
        }),
      );
      aborts.push(
        await new k8s.Watch(t.kc).watch(
          "/apis/kubevirt.io/v1/virtualmachines",
          { resourceVersion: rv },
          (type, obj: KObject) => {
            if (type === "MODIFIED" && obj.metadata.name === target && obj.metadata.labels?.fanout === "yes")
              resolve();
          },
          () => undefined,
        ),
      );
    }
    const vm = (await t.co.listClusterCustomObject({ ...VM, fieldSelector: `metadata.name=${target}` })) as {
      items: KObject[];
    };
    const ns = vm.items[0]?.metadata.namespace ?? "default";
    await t.co.patchNamespacedCustomObject(
      { ...VM, namespace: ns, name: target, body: { metadata: { labels: { fanout: "yes" } } } },
      k8s.setHeaderOptions("Content-Type", k8s.PatchStrategy.MergePatch),
    );
    await Promise.all(got);
    for (const a of aborts) a.abort();
  });
});
