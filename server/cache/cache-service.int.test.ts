// CacheService reads on a real PostgreSQL with 10 000 cached VMs (+ VMIs): filters, sort and pagination give
// the right rows (their speed is measured by bench/cache-list.bench.ts, not here); the relist sweep removes
// exactly what a list no longer returns.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrisma, type PrismaClient } from "../db/prisma";
import { cachedVM as vm, cachedVMI as vmi } from "../testing/cached-vm-fixtures";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { CacheService } from "./cache-service";

const N = 10_000;
let db: TestDatabase;
let prisma: PrismaClient;
let cache: CacheService;
let clusterId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  prisma = createPrisma(db.url, { maxConnections: 4 });
  cache = new CacheService({ prisma, staleAfterMs: 120_000 });
  clusterId = randomUUID();
  await prisma.cluster.create({
    data: { id: clusterId, name: "big", encryptedKubeconfig: Buffer.from("x"), encryptionKeyId: "k" },
  });
  const vms = Array.from({ length: N }, (_, i) => vm(i));
  const vmis = Array.from({ length: N }, (_, i) => vmi(i)).filter((_, i) => i % 4 === 0);
  await cache.sink(clusterId, "VirtualMachine").replace(vms, "20000");
  await cache.sink(clusterId, "VirtualMachineInstance").replace(vmis, "20000");
  await prisma.$executeRawUnsafe("ANALYZE cached_resources");
}, 120_000);
afterAll(async () => {
  await prisma?.$disconnect();
  await db?.drop();
});

describe("CacheService.listVMs at 10 000 VMs", () => {
  it("pages through every VM sorted by name, with the VMI's IP and node joined in", async () => {
    const value = await cache.listVMs({
      clusterIds: [clusterId],
      sort: { field: "name", direction: "asc" },
      limit: 50,
      offset: 100,
    });
    expect(value.total).toBe(N);
    expect(value.items.map((i) => i.vm.name)[0]).toBe("vm-00100");
    const first = value.items[0]?.vm;
    expect(first).toMatchObject({ status: "RUNNING", ip: "10.0.0.100", nodeName: "node-1", cpu: 2 });
    expect(value.items[0]?.clusterName).toBe("big");
  });

  it.each([
    ["namespace", { namespaces: ["ns-3"] }, N / 20],
    ["status FAILED (ErrImagePull)", { statuses: ["FAILED" as const] }, N / 4],
    ["text search", { search: "vm-0012" }, 10],
    [
      "namespace + status + search",
      { namespaces: ["ns-0"], statuses: ["RUNNING" as const], search: "vm-0" },
      500,
    ],
  ])("filters by %s", async (_what, filter, expected) => {
    const value = await cache.listVMs({ clusterIds: [clusterId], limit: 20, ...filter });
    expect(value.total).toBe(expected);
  });

  it("sorts by creation time, newest first", async () => {
    const value = await cache.listVMs({
      clusterIds: [clusterId],
      sort: { field: "created", direction: "desc" },
      limit: 3,
    });
    expect(value.items.map((i) => i.vm.name)).toEqual(["vm-09999", "vm-09998", "vm-09997"]);
  });

  it("a relist sweeps exactly the rows it did not return", async () => {
    const kept = Array.from({ length: 100 }, (_, i) => vm(i));
    const { swept } = await cache.sink(clusterId, "VirtualMachineInstance").replace([], "20001");
    expect(swept).toBe(N / 4);
    const again = await cache.sink(clusterId, "VirtualMachine").replace(kept, "20002");
    expect(again.swept).toBe(N - 100);
    expect((await cache.listVMs({ clusterIds: [clusterId] })).total).toBe(100);
  });
});
