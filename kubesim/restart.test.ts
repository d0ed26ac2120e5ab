// A simulator restarted at the same address is a new etcd: it never reuses a resourceVersion the previous
// incarnation handed out, so a client resuming from a stored version gets 410 and relists instead of
// silently keeping the old state.
import { describe, expect, it } from "vitest";
import { startKubeSim } from "./simulator.ts";
import { raw } from "./test/helpers.ts";

const VMS = "/apis/kubevirt.io/v1/namespaces/default/virtualmachines";

describe("a restarted cluster", () => {
  it("hands out only newer resourceVersions and answers an old one with 410", async () => {
    const first = await startKubeSim({ profile: "legacy", stepDelayMs: 0 });
    const before = raw(first, "GET", VMS);
    const oldRv = Number(
      ((await before).json as { metadata: { resourceVersion: string } }).metadata.resourceVersion,
    );
    await first.stop();

    const second = await startKubeSim({ profile: "legacy", stepDelayMs: 0 });
    try {
      const list = await raw(second, "GET", VMS);
      const newRv = Number((list.json as { metadata: { resourceVersion: string } }).metadata.resourceVersion);
      expect(newRv).toBeGreaterThan(oldRv);

      const stale = await raw(
        second,
        "GET",
        `${VMS}?resourceVersion=${oldRv}&resourceVersionMatch=NotOlderThan`,
      );
      expect(stale.status).toBe(200); // "not older than" an old version: any current list will do
      const watch = await raw(second, "GET", `${VMS}?watch=true&resourceVersion=${oldRv}&timeoutSeconds=1`);
      expect(watch.text).toContain('"code":410');
    } finally {
      await second.stop();
    }
  });

  it("keeps the revision given explicitly (deterministic tests)", async () => {
    const sim = await startKubeSim({ profile: "empty", stepDelayMs: 0, startRevision: 1 });
    try {
      const list = await raw(sim, "GET", VMS);
      expect(
        Number((list.json as { metadata: { resourceVersion: string } }).metadata.resourceVersion),
      ).toBeLessThan(10_000);
    } finally {
      await sim.stop();
    }
  });
});
