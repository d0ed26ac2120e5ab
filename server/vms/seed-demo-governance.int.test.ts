// Demo governance on a real PostgreSQL: the chosen VMs exist in kubesim's fixed seed for the demo clusters'
// profiles; seeding twice gives the same rows; and with the cache filled from that seed, the demo user sees
// exactly those VMs, some operable at once (test namespaces) and some only by request (prod).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RK } from "@/kubesim/kubevirt-info";
import { resolveProfile } from "@/kubesim/profile";
import { ResourceStore } from "@/kubesim/resource-store";
import { seedCluster } from "@/kubesim/seed";
import { vmListParamsSchema } from "@/lib/vms/vm-list-params";
import { DEMO_CLUSTERS } from "@/scripts/demo-clusters";
import type { SessionUser } from "../auth/session";
import { type AuthHarness, startAuthHarness, tableChecksums } from "../auth/testing/auth-harness";
import { CacheService } from "../cache/cache-service";
import { DEMO_GOVERNED_VMS, DEMO_NAMESPACES, seedDemoGovernance } from "./seed-demo-governance";

let h: AuthHarness;
let cache: CacheService;
let user: SessionUser;
const seeded = new Map<string, { vms: unknown[]; vmis: unknown[] }>();

beforeAll(async () => {
  for (const c of DEMO_CLUSTERS) {
    const store = new ResourceStore();
    seedCluster(store, resolveProfile(c.profile));
    seeded.set(c.name, { vms: store.list(RK.vm), vmis: store.list(RK.vmi) });
  }
  h = await startAuthHarness();
  const { prisma } = h;
  cache = new CacheService({ prisma, staleAfterMs: 120_000 });
  const { seedDemoServices } = await import("../users/seed-demo-services");
  const u = await h.addUser("user", "user");
  await seedDemoServices(prisma);
  user = { id: u.id, name: "user", email: u.email, username: "user", role: "user" };
  for (const c of DEMO_CLUSTERS) {
    const cluster = await prisma.cluster.create({
      data: {
        name: c.name,
        environment: c.environment,
        encryptedKubeconfig: Buffer.from("x"),
        encryptionKeyId: "k",
      },
    });
    const objects = seeded.get(c.name);
    await cache.sink(cluster.id, "VirtualMachine").replace(objects?.vms ?? [], "1");
    await cache.sink(cluster.id, "VirtualMachineInstance").replace(objects?.vmis ?? [], "1");
  }
});
afterAll(async () => h?.close());

describe("seedDemoGovernance", () => {
  it("names only VMs that kubesim's seed creates on that demo cluster", () => {
    for (const vm of DEMO_GOVERNED_VMS) {
      const names = (seeded.get(vm.cluster)?.vms ?? []).map((o) => {
        const m = (o as { metadata: { namespace: string; name: string } }).metadata;
        return `${m.namespace}/${m.name}`;
      });
      expect(names, vm.cluster).toContain(`${vm.namespace}/${vm.name}`);
    }
    expect(new Set(DEMO_GOVERNED_VMS.map((v) => v.cluster))).toEqual(
      new Set(DEMO_CLUSTERS.map((c) => c.name)),
    );
  });

  it("governs the chosen VMs and registers the namespaces once; a second run changes nothing", async () => {
    const first = await seedDemoGovernance(h.prisma);
    expect(first.created).toHaveLength(DEMO_GOVERNED_VMS.length);
    const rows = await h.prisma.vm.findMany({
      select: {
        namespace: true,
        name: true,
        service: { select: { name: true, system: { select: { name: true } } } },
      },
      orderBy: [{ namespace: "asc" }, { name: "asc" }],
    });
    expect(rows).toHaveLength(DEMO_GOVERNED_VMS.length);
    const serviceOf = (namespace: string, name: string) => {
      const ref = DEMO_GOVERNED_VMS.find((v) => v.namespace === namespace && v.name === name)?.service;
      return ref ? `${ref.system}/${ref.service}` : "shop/api";
    };
    expect(rows.map((r) => `${r.service.system.name}/${r.service.name}`)).toEqual(
      rows.map((r) => serviceOf(r.namespace, r.name)),
    );
    // The other services' VMs are governed as their labels say.
    expect(rows.filter((r) => r.service.system.name !== "shop" || r.service.name !== "api")).toHaveLength(
      DEMO_GOVERNED_VMS.filter((v) => v.service).length,
    );
    expect(
      await h.prisma.namespaceRegistry.findMany({
        select: { name: true, environment: true },
        orderBy: { name: "asc" },
      }),
    ).toEqual([...DEMO_NAMESPACES].sort((a, b) => a.name.localeCompare(b.name)));
    expect(await h.prisma.auditLog.count({ where: { action: "vm.adopt", actorId: "system:demo" } })).toBe(
      DEMO_GOVERNED_VMS.length,
    );

    const before = await tableChecksums(h.prisma);
    expect(await seedDemoGovernance(h.prisma)).toEqual({ created: [] });
    expect(await tableChecksums(h.prisma)).toEqual(before);
  });

  it("gives the demo user VMs on both clusters, some to operate at once and some to request", async () => {
    const { listVms } = await import("./list-vms");
    const page = await listVms(user, vmListParamsSchema.parse({ per_page: "100" }), {
      prisma: h.prisma,
      cache,
    });
    // Exactly the demo user's service's VMs: not those governed as other services.
    expect(page.items.map((i) => `${i.cluster_name}/${i.namespace}/${i.name}`).sort()).toEqual(
      DEMO_GOVERNED_VMS.filter((v) => !v.service)
        .map((v) => `${v.cluster}/${v.namespace}/${v.name}`)
        .sort(),
    );
    const { getVmDetail } = await import("./get-vm-detail");
    const approvals = new Map<string, boolean>();
    for (const item of page.items) {
      const detail = await getVmDetail({ prisma: h.prisma, cache }, user, item.id ?? "");
      const verb = detail.status === "RUNNING" ? "stop" : "start";
      expect(detail.actions[verb]?.allowed, `${item.name} ${verb}`).toBe(true);
      approvals.set(`${item.namespace}/${item.name}`, detail.actions[verb]?.requires_approval ?? false);
    }
    expect(approvals.get("prod/vm-00014")).toBe(true);
    expect(approvals.get("default/vm-00009")).toBe(false);
    expect(approvals.get("apps/vm-00005")).toBe(false);
  });
});
