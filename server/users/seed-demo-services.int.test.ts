// Demo services: seeded once (idempotent), the demo user joins shop/api, and — scanned over the demo clusters'
// real kubesim seed (the profiles `npm start` runs, cached through the cache sink) — the adoption inbox gets
// adoptable items and the scan summary orphans of both "missing" kinds.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startKubeSim } from "@/kubesim/simulator";
import { DEMO_CLUSTERS } from "@/scripts/demo-clusters";
import { scanClusterForAdoptions } from "../adoption/scan-cluster-for-adoptions";
import { type AuthHarness, startAuthHarness } from "../auth/testing/auth-harness";
import { CacheService } from "../cache/cache-service";
import type { ResourceKind } from "../db/generated/prisma/enums";
import { CredentialCipher } from "../k8s/credential-cipher";
import { registerSimCluster } from "../testing/watch-harness";
import { seedDemoAccounts } from "./seed-demo-accounts";
import { DEMO_USER_SERVICE, seedDemoServices } from "./seed-demo-services";

let h: AuthHarness;
beforeAll(async () => {
  h = await startAuthHarness();
});
afterAll(async () => h?.close());

describe("demo services", () => {
  it("are created once, and the demo user joins one service", async () => {
    await seedDemoAccounts(h.prisma, h.dataDir);
    const first = await seedDemoServices(h.prisma);
    expect(first.created).toContain("shop/api");
    expect(first.created).not.toContain("analytics/worker");
    const second = await seedDemoServices(h.prisma);
    expect(second.created).toEqual([]);
    expect(await h.prisma.system.findUnique({ where: { name: "billing" } })).toBeNull();
    const user = await h.prisma.user.findUniqueOrThrow({
      where: { username: "user" },
      include: { memberships: { include: { service: { include: { system: true } } } } },
    });
    expect(user.memberships.map((m) => `${m.service.system.name}/${m.service.name}`)).toEqual([
      `${DEMO_USER_SERVICE.system}/${DEMO_USER_SERVICE.service}`,
    ]);
    expect(
      await h.prisma.auditLog.count({ where: { action: "user.membership_change", actorId: "system:demo" } }),
    ).toBe(1);
  });

  it("give the demo clusters' VMs adoptable items and orphans of each missing kind", async () => {
    const cipher = new CredentialCipher({ key: randomBytes(32) });
    const cache = new CacheService({ prisma: h.prisma, staleAfterMs: 120_000 });
    let adoptable = 0;
    const reasons = new Set<string>();
    for (const demo of DEMO_CLUSTERS) {
      const sim = await startKubeSim({ profile: demo.profile, stepDelayMs: 0 });
      const { id, client } = await registerSimCluster(h.prisma, cipher, sim);
      try {
        for (const [kind, plural] of [
          ["VirtualMachine", "virtualmachines"],
          ["VirtualMachineInstance", "virtualmachineinstances"],
        ] as [ResourceKind, string][]) {
          const list = await client.request<{ items: unknown[]; metadata: { resourceVersion: string } }>({
            method: "GET",
            path: `/apis/kubevirt.io/v1/${plural}`,
          });
          const sink = cache.sink(id, kind);
          await sink.replace(list.items, list.metadata.resourceVersion);
          const now = new Date();
          await sink.reportStatus({
            state: "watching",
            lastHeartbeatAt: now,
            lastEventAt: null,
            lastSyncAt: now,
            relists: 1,
            gones: 0,
            restarts: 0,
            lastError: null,
          });
        }
        const { scan } = await scanClusterForAdoptions({ prisma: h.prisma, cache, log: h.log }, id, {
          discoveredBy: "test",
        });
        expect(scan.error).toBeNull();
        adoptable += scan.new;
        for (const o of scan.orphans) reasons.add(o.reason);
      } finally {
        client.close();
        await sim.stop();
      }
    }
    expect(adoptable).toBeGreaterThan(0);
    expect(reasons).toEqual(new Set(["MISSING_SERVICE", "MISSING_SYSTEM"]));
  });
});
