// CacheService.listVMs at 10,000 cached VMs (+ 2,500 VMIs), all governed, on an embedded PostgreSQL: the
// queries the VM list page makes (sort, page, filters, search, a user's scope by governance rows), each the
// median of 25 runs after warm-up, and the ratio of a filtered query to an unfiltered page. Run: node --conditions=react-server --import tsx bench/cache-list.bench.ts
import { randomUUID } from "node:crypto";
import pino from "pino";
import { CacheService, type VmListQuery } from "../server/cache/cache-service.ts";
import { cachedVM as vm, cachedVMI as vmi } from "../server/testing/cached-vm-fixtures.ts";
import { openBenchDatabase } from "./bench-database.ts";

const N = 10_000;
const RUNS = 25;
const _log = pino({ level: "silent" });

const db = await openBenchDatabase({ maxConnections: 4 });
const { prisma } = db;
try {
  const cache = new CacheService({ prisma, staleAfterMs: 120_000 });
  const clusterId = randomUUID();
  await prisma.cluster.create({
    data: { id: clusterId, name: "bench", encryptedKubeconfig: Buffer.from("x"), encryptionKeyId: "k" },
  });
  await cache.sink(clusterId, "VirtualMachine").replace(
    Array.from({ length: N }, (_, i) => vm(i)),
    "20000",
  );
  await cache.sink(clusterId, "VirtualMachineInstance").replace(
    Array.from({ length: N / 4 }, (_, i) => vmi(i * 4)),
    "20000",
  );
  // Every VM governed (issue 12: scope comes from the vms rows), in 55 services; one user in one of them.
  const serviceIds: string[] = [];
  for (let s = 0; s < 5; s++) {
    const system = await prisma.system.create({ data: { name: `sys-${s}` } });
    for (let v = 0; v < 11; v++)
      serviceIds.push((await prisma.service.create({ data: { name: `svc-${v}`, systemId: system.id } })).id);
  }
  await prisma.vm.createMany({
    data: Array.from({ length: N }, (_, i) => {
      const v = vm(i);
      return {
        clusterId,
        namespace: v.metadata.namespace,
        name: v.metadata.name,
        serviceId: serviceIds[(i % 5) * 11 + (i % 11)] ?? "",
      };
    }),
  });
  const member = await prisma.user.create({
    data: {
      name: "bench",
      email: "bench@example.test",
      memberships: { create: { serviceId: serviceIds[0] ?? "" } },
    },
  });
  await prisma.$executeRawUnsafe("ANALYZE cached_resources");
  await prisma.$executeRawUnsafe("ANALYZE vms");
  await prisma.$executeRawUnsafe("ANALYZE service_memberships");

  const cases: [string, VmListQuery][] = [
    ["page 5 of all, sorted by name", { sort: { field: "name", direction: "asc" }, limit: 25, offset: 100 }],
    ["newest first", { sort: { field: "created", direction: "desc" }, limit: 25 }],
    ["one namespace", { namespaces: ["ns-3"], limit: 25 }],
    ["status FAILED", { statuses: ["FAILED"], limit: 25 }],
    ["text search", { search: "vm-0012", limit: 25 }],
    [
      "namespace + status + search",
      { namespaces: ["ns-0"], statuses: ["RUNNING"], search: "vm-0", limit: 25 },
    ],
    ["a user's scope (1 of 55 services)", { governedFor: member.id, limit: 25 }],
    ["a user's scope, page 5", { governedFor: member.id, limit: 25, offset: 100 }],
  ];
  const medians: number[] = [];
  console.log(`CacheService.listVMs over ${N.toLocaleString("en")} cached VMs (median of ${RUNS} runs)`);
  for (const [name, opts] of cases) {
    const q = () => cache.listVMs({ clusterIds: [clusterId], ...opts });
    for (let i = 0; i < 3; i++) await q();
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      await q();
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(RUNS / 2)] ?? 0;
    medians.push(median);
    console.log(
      `  ${name.padEnd(32)} ${median.toFixed(1).padStart(7)} ms   p90 ${(times[Math.floor(RUNS * 0.9)] ?? 0).toFixed(1)} ms`,
    );
  }
  const [base = 1, ...rest] = medians;
  console.log(`  slowest filtered query / unfiltered page: ${(Math.max(...rest) / base).toFixed(2)}×`);
} finally {
  await db.close();
}
