// Capability gating (issue 7): with detected capabilities injected, KubeVirtProvider refuses snapshot, restore,
// clone and migration on a cluster without the gate, naming it, before any request reaches the cluster.
import { describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors/app-error";
import type { KubeRequest, KubeTransport } from "@/server/k8s/kube-client";
import { KubeVirtProvider, type KubeVirtProviderDeps, type ProviderGate } from "./kubevirt-provider";

const gate: ProviderGate = { run: (_c, fn, opts) => fn(opts?.signal ?? new AbortController().signal) };

function harness(capabilitiesOf?: KubeVirtProviderDeps["capabilitiesOf"]) {
  const requests: KubeRequest[] = [];
  const asked: string[] = [];
  const transport: KubeTransport = {
    request: async <T>(req: KubeRequest) => {
      requests.push(req);
      return {
        apiVersion: "kubevirt.io/v1",
        kind: "Object",
        metadata: { name: "x", namespace: "dev", creationTimestamp: "2026-01-01T00:00:00Z" },
        spec: {
          source: { name: "vm" },
          target: { name: "vm" },
          virtualMachineSnapshotName: "s",
          vmiName: "vm",
        },
      } as T;
    },
  };
  const provider = new KubeVirtProvider({
    transportFor: async () => transport,
    gate,
    ...(capabilitiesOf
      ? {
          capabilitiesOf: (id: string) => {
            asked.push(id);
            return capabilitiesOf(id);
          },
        }
      : {}),
  });
  return { provider, requests, asked };
}

const calls = {
  createSnapshot: (p: KubeVirtProvider) => p.createSnapshot("c1", "dev", "vm", "snap"),
  restoreFromSnapshot: (p: KubeVirtProvider) => p.restoreFromSnapshot("c1", "dev", "snap", "vm"),
  cloneVM: (p: KubeVirtProvider) => p.cloneVM("c1", "dev", "vm", "vm-copy"),
  cloneFromSnapshot: (p: KubeVirtProvider) => p.cloneFromSnapshot("c1", "dev", "snap", "vm-copy"),
  migrateVM: (p: KubeVirtProvider) => p.migrateVM("c1", "dev", "vm"),
} as const;

const needs: Record<keyof typeof calls, string> = {
  createSnapshot: "Snapshot",
  restoreFromSnapshot: "Snapshot",
  cloneVM: "Snapshot",
  cloneFromSnapshot: "Snapshot",
  migrateVM: "LiveMigration",
};

describe("KubeVirtProvider capability gating", () => {
  it.each(Object.keys(calls) as (keyof typeof calls)[])(
    "%s is refused with PROVIDER_NOT_SUPPORTED naming the gate, before calling the cluster",
    async (name) => {
      const h = harness(async () => ({ enabledFeatures: ["GPU"] }));
      const error = await calls[name](h.provider).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isAppError(error, "PROVIDER_NOT_SUPPORTED")).toBe(true);
      if (isAppError(error)) expect(error.params).toEqual({ capability: needs[name], cluster: "c1" });
      expect(h.requests).toEqual([]);
      expect(h.asked).toEqual(["c1"]);
    },
  );

  it.each(Object.keys(calls) as (keyof typeof calls)[])(
    "%s goes ahead when the gate is in effect",
    async (name) => {
      const h = harness(async () => ({ enabledFeatures: ["LiveMigration", "Snapshot"] }));
      await calls[name](h.provider).catch(() => undefined);
      expect(h.requests.length).toBeGreaterThan(0);
    },
  );

  it("lets the cluster decide when nothing was ever detected, or no capability source is wired", async () => {
    for (const h of [harness(async () => undefined), harness()]) {
      await h.provider.createSnapshot("c1", "dev", "vm", "snap").catch(() => undefined);
      expect(h.requests.length).toBeGreaterThan(0);
    }
  });

  it("does not gate reads and deletes", async () => {
    const h = harness(async () => ({ enabledFeatures: [] }));
    await h.provider.listSnapshots("c1", "dev", "vm");
    await h.provider.deleteSnapshot("c1", "dev", "snap");
    expect(h.asked).toEqual([]);
    expect(h.requests).toHaveLength(2);
  });

  it("honours an aborted signal before asking", async () => {
    const h = harness(async () => ({ enabledFeatures: [] }));
    const ac = new AbortController();
    ac.abort(new Error("bye"));
    await expect(h.provider.createSnapshot("c1", "dev", "vm", "s", { signal: ac.signal })).rejects.toThrow(
      "bye",
    );
    expect(h.asked).toEqual([]);
  });
});
