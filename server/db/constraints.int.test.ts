// The rules the database itself enforces (SPEC §3, §5.5, §5.6, §16, §17, §18): unique keys (mapped to
// UNIQUE_VIOLATION), CHECKs, enum types, foreign keys, immutability triggers and the seeded approval
// policies. Every refused write also checks that nothing changed.
import crypto from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors/app-error";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { Prisma } from "./generated/prisma/client";
import { createPrisma, type PrismaClient } from "./prisma";
import { mapUniqueViolation, uniqueConstraintColumns } from "./unique-violation";

let db: TestDatabase;
let prisma: PrismaClient;
let raw: pg.Client;

beforeAll(async () => {
  db = await createTestDatabase();
  prisma = createPrisma(db.url, { maxConnections: 3 });
  raw = new pg.Client({ connectionString: db.url });
  await raw.connect();
});

afterAll(async () => {
  await raw?.end();
  await prisma?.$disconnect();
  await db?.drop();
});

// Each test makes its own rows under fresh names, so tests do not depend on each other's data.
const suffix = () => crypto.randomBytes(3).toString("hex");
const newSystem = (name = `s${suffix()}`) => prisma.system.create({ data: { name } });
const newService = (systemId: string, name = `v${suffix()}`) =>
  prisma.service.create({ data: { systemId, name } });
const newCluster = (name = `c-${suffix()}`) =>
  prisma.cluster.create({ data: { name, encryptedKubeconfig: Buffer.from("x"), encryptionKeyId: "k1" } });
const newEvent = () =>
  prisma.domainEvent.create({
    data: {
      eventType: "VM_CREATION_REQUESTED",
      aggregateType: "vm",
      payload: { namespace: "dev" },
      createdBy: "alice",
    },
  });

async function rejection(write: () => Promise<unknown>): Promise<unknown> {
  return write().then(
    (value) => {
      throw new Error(`expected the write to be refused, got ${JSON.stringify(value)}`);
    },
    (e: unknown) => e,
  );
}

/** The SQLSTATE behind a Prisma error (model API or raw query). */
function sqlState(error: unknown): string | undefined {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return undefined;
  const adapterError = error.meta?.driverAdapterError as { cause?: { originalCode?: string } } | undefined;
  return adapterError?.cause?.originalCode;
}

async function count(table: string): Promise<number> {
  return Number((await raw.query(`SELECT count(*) FROM ${table}`)).rows[0].count);
}

/** Runs a write that must fail with a unique violation mapped to `fields`, and checks the table did not change. */
async function expectUnique(table: string, fields: string[], write: () => Promise<unknown>): Promise<void> {
  const before = await count(table);
  const error = await rejection(write);
  const mapped = mapUniqueViolation(error);
  expect(mapped, String(error)).toBeDefined();
  expect(isAppError(mapped, "UNIQUE_VIOLATION")).toBe(true);
  expect(mapped?.params).toEqual({ fields });
  expect(mapped?.httpStatus).toBe(409);
  expect(mapped?.cause).toBe(error);
  expect(await count(table)).toBe(before);
}

/** Runs a write that must fail with `state` (SQLSTATE), and checks `read()` gives the same before and after. */
async function expectRefused(state: string, write: () => Promise<unknown>, read: () => Promise<unknown>) {
  const before = await read();
  const error = await rejection(write);
  expect(sqlState(error) ?? (error as { code?: string }).code, String(error)).toBe(state);
  expect(await read()).toEqual(before);
  return error;
}

describe("unique keys → UNIQUE_VIOLATION", () => {
  it("system name is globally unique", async () => {
    const s = await newSystem();
    await expectUnique("systems", ["name"], () => prisma.system.create({ data: { name: s.name } }));
  });

  it("service name is unique within its system but may repeat across systems", async () => {
    const [a, b] = [await newSystem(), await newSystem()];
    await newService(a.id, "redis");
    await expectUnique("services", ["system_id", "name"], () => newService(a.id, "redis"));
    await expect(newService(b.id, "redis")).resolves.toMatchObject({ systemId: b.id, name: "redis" });
  });

  it("namespace_registry name is unique", async () => {
    const name = `ns${suffix()}`;
    await prisma.namespaceRegistry.create({ data: { name, environment: "test" } });
    await expectUnique("namespace_registry", ["name"], () =>
      prisma.namespaceRegistry.create({ data: { name, environment: "prod" } }),
    );
  });

  it("cluster name is unique", async () => {
    const c = await newCluster();
    await expectUnique("clusters", ["name"], () => newCluster(c.name));
  });

  it("vms (namespace, name) is unique, across clusters too", async () => {
    const service = await newService((await newSystem()).id);
    const [c1, c2] = [await newCluster(), await newCluster()];
    const data = { namespace: "dev", name: `dev-shop-redis-${suffix()}`, serviceId: service.id };
    await prisma.vm.create({ data: { ...data, clusterId: c1.id } });
    await expectUnique("vms", ["namespace", "name"], () =>
      prisma.vm.create({ data: { ...data, clusterId: c2.id } }),
    );
    await expect(prisma.vm.create({ data: { ...data, namespace: "prod" } })).resolves.toBeDefined();
  });

  it("pending_adoptions is unique by (cluster, k8s_uid) and by (cluster, namespace, resource_name)", async () => {
    const c = await newCluster();
    const item = {
      clusterId: c.id,
      namespace: "dev",
      resourceName: "dev-shop-redis-01",
      k8sUid: crypto.randomUUID(),
    };
    await prisma.pendingAdoption.create({ data: item });
    await expectUnique("pending_adoptions", ["cluster_id", "k8s_uid"], () =>
      prisma.pendingAdoption.create({ data: { ...item, resourceName: "other" } }),
    );
    await expectUnique("pending_adoptions", ["cluster_id", "namespace", "resource_name"], () =>
      prisma.pendingAdoption.create({ data: { ...item, k8sUid: crypto.randomUUID() } }),
    );
    const other = await newCluster();
    await expect(
      prisma.pendingAdoption.create({ data: { ...item, clusterId: other.id } }),
    ).resolves.toBeDefined();
  });

  it("instance size name is unique", async () => {
    const data = { name: `small-${suffix()}`, cpuCores: 2, memory: "4Gi", memoryMb: 4096 };
    await prisma.instanceSize.create({ data });
    await expectUnique("instance_sizes", ["name"], () => prisma.instanceSize.create({ data }));
  });

  it("a composite primary key maps to its columns (worker upsert race)", async () => {
    const c = await newCluster();
    const row = {
      clusterId: c.id,
      uid: crypto.randomUUID(),
      kind: "VirtualMachine" as const,
      namespace: "dev",
      name: "vm1",
      resourceVersion: "1",
      object: {},
    };
    await prisma.cachedResource.create({ data: row });
    await expectUnique("cached_resources", ["cluster_id", "uid"], () =>
      prisma.cachedResource.create({ data: row }),
    );
  });

  it("raw SQL (P2010) and interactive transactions map the same way", async () => {
    const s = await newSystem();
    await expectUnique(
      "systems",
      ["name"],
      () => prisma.$executeRaw`INSERT INTO systems (name) VALUES (${s.name})`,
    );
    await expectUnique("systems", ["name"], () =>
      prisma.$transaction(async (tx) => tx.system.create({ data: { name: s.name } })),
    );
  });

  it("leaves every other error alone", async () => {
    const fk = await rejection(() =>
      prisma.vm.create({ data: { namespace: "dev", name: "x", serviceId: "nope" } }),
    );
    expect(mapUniqueViolation(fk)).toBeUndefined();
    expect(mapUniqueViolation(new Error("duplicate"))).toBeUndefined();
    expect(mapUniqueViolation({ code: "P2002" })).toBeUndefined();
    expect(mapUniqueViolation(undefined)).toBeUndefined();
  });

  it("knows the columns of every unique index in the schema", async () => {
    const { rows } = await raw.query<{ index: string; columns: string[] }>(
      `SELECT i.relname AS index, array_agg(a.attname ORDER BY k.ord)::text[] AS columns
       FROM pg_index x
       JOIN pg_class i ON i.oid = x.indexrelid
       JOIN pg_class t ON t.oid = x.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'
       CROSS JOIN LATERAL unnest(x.indkey) WITH ORDINALITY AS k(attnum, ord)
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
       WHERE x.indisunique AND t.relname <> '_prisma_migrations'
       GROUP BY i.relname`,
    );
    expect(rows.length).toBeGreaterThan(20);
    for (const { index, columns } of rows) expect(uniqueConstraintColumns(index), index).toEqual(columns);
  });
});

describe("CHECK constraints and enum types", () => {
  it("next_instance_index must be at least 1", async () => {
    const system = await newSystem();
    const name = `v${suffix()}`;
    await expectRefused(
      "23514",
      () => prisma.service.create({ data: { systemId: system.id, name, nextInstanceIndex: 0 } }),
      () => count("services"),
    );
    const service = await newService(system.id);
    await expectRefused(
      "23514",
      () => prisma.$executeRaw`UPDATE services SET next_instance_index = 0 WHERE id = ${service.id}`,
      () => prisma.service.findUnique({ where: { id: service.id } }),
    );
  });

  it.each([
    ["systems", "a234567890123456"],
    ["services", "a234567890123456"],
    ["namespace_registry", "a234567890123456"],
    ["systems", "shop--eu"],
    ["systems", "Shop"],
    ["systems", "1shop"],
    ["services", "redis-"],
    ["namespace_registry", "dev_1"],
  ])("%s refuses the name %j (ADR-0019: ≤ 15, RFC 1035, no --)", async (table, name) => {
    const write = async () => {
      if (table === "systems") return prisma.system.create({ data: { name } });
      if (table === "services") return newService((await newSystem()).id, name);
      return prisma.namespaceRegistry.create({ data: { name, environment: "test" } });
    };
    await expectRefused("23514", write, () => count(table));
  });

  it("accepts names of exactly 15 characters", async () => {
    const name = `a${suffix()}${suffix()}-1234`.slice(0, 15);
    expect(name).toHaveLength(15);
    await expect(newSystem(name)).resolves.toMatchObject({ name });
    await expect(newService((await newSystem()).id, name)).resolves.toMatchObject({ name });
    await expect(
      prisma.namespaceRegistry.create({ data: { name, environment: "prod" } }),
    ).resolves.toBeDefined();
  });

  it("cluster names are at most 63 characters", async () => {
    await expectRefused(
      "23514",
      () => newCluster("c".repeat(64)),
      () => count("clusters"),
    );
    await expect(newCluster(`c${"x".repeat(56)}${suffix()}`)).resolves.toBeDefined();
  });

  it("instance sizes keep positive resources and a consistent disk range", async () => {
    const base = { cpuCores: 2, memory: "4Gi", memoryMb: 4096 };
    for (const data of [
      { ...base, name: `a${suffix()}`, cpuCores: 0 },
      { ...base, name: `b${suffix()}`, minDiskGb: 200, defaultDiskGb: 100 },
      { ...base, name: `c${suffix()}`, hugepagesSize: "4Mi" },
    ]) {
      await expectRefused(
        "23514",
        () => prisma.instanceSize.create({ data }),
        () => count("instance_sizes"),
      );
    }
  });

  it("cache_sync_states.state only takes the watcher states", async () => {
    const c = await newCluster();
    const key = { clusterId: c.id, resourceKind: "VirtualMachine" as const };
    await prisma.cacheSyncState.create({ data: { ...key, state: "breaker-open" } });
    await expectRefused(
      "23514",
      () =>
        prisma.cacheSyncState.update({ where: { clusterId_resourceKind: key }, data: { state: "exploded" } }),
      () => prisma.cacheSyncState.findUnique({ where: { clusterId_resourceKind: key } }),
    );
  });

  it.each([
    ["clusters", "status", "BROKEN"],
    ["clusters", "environment", "staging"],
    ["vms", "status", "ERROR"],
    ["vms", "status", "DELETED"],
    ["approval_tickets", "status", "PENDING"],
    ["approval_tickets", "operation_type", "VM_CREATE"],
    ["domain_events", "status", "SUCCESS"],
    ["pending_adoptions", "status", "REJECTED"],
    ["audit_logs", "outcome", "maybe"],
  ])("%s.%s refuses %j", async (table, column, value) => {
    // Enum columns are PostgreSQL enum types: a bad value fails the cast before any row is touched.
    const before = await count(table);
    await expect(
      raw.query(`SELECT $1::text::"${await enumType(table, column)}"`, [value]),
    ).rejects.toMatchObject({
      code: "22P02",
    });
    await expect(raw.query(`UPDATE "${table}" SET "${column}" = $1`, [value])).rejects.toMatchObject({
      code: "22P02",
    });
    expect(await count(table)).toBe(before);
  });

  it("every one of the ten VMStatus values is accepted", async () => {
    const service = await newService((await newSystem()).id);
    const values = [
      "CREATING",
      "RUNNING",
      "STOPPING",
      "STOPPED",
      "DELETING",
      "FAILED",
      "PENDING",
      "MIGRATING",
      "PAUSED",
      "UNKNOWN",
    ] as const;
    for (const status of values) {
      await prisma.vm.create({
        data: {
          namespace: "st",
          name: `vm-${status.toLowerCase()}-${suffix()}`,
          serviceId: service.id,
          status,
        },
      });
    }
    expect(await prisma.vm.count({ where: { serviceId: service.id } })).toBe(10);
  });
});

async function enumType(table: string, column: string): Promise<string> {
  const { rows } = await raw.query<{ udt_name: string }>(
    "SELECT udt_name FROM information_schema.columns WHERE table_name = $1 AND column_name = $2",
    [table, column],
  );
  const type = rows[0]?.udt_name;
  if (!type) throw new Error(`no column ${table}.${column}`);
  return type;
}

describe("foreign keys", () => {
  it("refuse a VM with an unknown service", async () => {
    await expectRefused(
      "23503",
      () =>
        prisma.vm.create({
          data: { namespace: "dev", name: `dev-x-${suffix()}`, serviceId: "no-such-service" },
        }),
      () => count("vms"),
    );
  });

  it("refuse to delete a cluster that still has governed VMs", async () => {
    const c = await newCluster();
    const service = await newService((await newSystem()).id);
    await prisma.vm.create({
      data: { namespace: "dev", name: `dev-y-${suffix()}`, serviceId: service.id, clusterId: c.id },
    });
    await expectRefused(
      "23001",
      () => prisma.cluster.delete({ where: { id: c.id } }),
      () => count("clusters"),
    );
  });

  it("deleting a cluster drops its cache, watcher state, adoption inbox and scans", async () => {
    const c = await newCluster();
    const ref = { clusterId: c.id };
    await prisma.cachedResource.create({
      data: {
        ...ref,
        uid: crypto.randomUUID(),
        kind: "VirtualMachineInstance",
        namespace: "dev",
        name: "a",
        resourceVersion: "9",
        object: {},
      },
    });
    await prisma.cacheSyncState.create({ data: { ...ref, resourceKind: "VirtualMachineInstance" } });
    await prisma.pendingAdoption.create({
      data: { ...ref, namespace: "dev", resourceName: "a", k8sUid: crypto.randomUUID() },
    });
    await prisma.adoptionScan.create({ data: ref });
    await prisma.cluster.delete({ where: { id: c.id } });
    const left = await Promise.all([
      prisma.cachedResource.count({ where: ref }),
      prisma.cacheSyncState.count({ where: ref }),
      prisma.pendingAdoption.count({ where: ref }),
      prisma.adoptionScan.count({ where: ref }),
    ]);
    expect(left).toEqual([0, 0, 0, 0]);
  });
});

describe("immutability triggers", () => {
  it("systems.name cannot change, other columns can", async () => {
    const system = await newSystem();
    const read = () => prisma.system.findUnique({ where: { id: system.id } });
    const error = await expectRefused(
      "23514",
      () => prisma.system.update({ where: { id: system.id }, data: { name: "renamed" } }),
      read,
    );
    expect(String(error)).toMatch(/systems\.name is immutable/);
    await expectRefused(
      "23514",
      () => prisma.$executeRaw`UPDATE systems SET name = 'renamed' WHERE id = ${system.id}`,
      read,
    );
    await expect(
      prisma.system.update({ where: { id: system.id }, data: { description: "shop front" } }),
    ).resolves.toMatchObject({ name: system.name, description: "shop front" });
  });

  it("services.name cannot change, other columns can", async () => {
    const service = await newService((await newSystem()).id);
    const read = () => prisma.service.findUnique({ where: { id: service.id } });
    const error = await expectRefused(
      "23514",
      () => prisma.service.update({ where: { id: service.id }, data: { name: "renamed" } }),
      read,
    );
    expect(String(error)).toMatch(/services\.name is immutable/);
    await expectRefused(
      "23514",
      () => prisma.$executeRaw`UPDATE services SET name = 'renamed' WHERE id = ${service.id}`,
      read,
    );
    await expect(
      prisma.service.update({
        where: { id: service.id },
        data: { description: "cache", nextInstanceIndex: { increment: 1 } },
      }),
    ).resolves.toMatchObject({ name: service.name, nextInstanceIndex: 2 });
  });

  it("services.next_instance_index never decreases (no ghost instances)", async () => {
    const service = await newService((await newSystem()).id);
    await prisma.service.update({ where: { id: service.id }, data: { nextInstanceIndex: 5 } });
    await expectRefused(
      "23514",
      () => prisma.service.update({ where: { id: service.id }, data: { nextInstanceIndex: 4 } }),
      () => prisma.service.findUnique({ where: { id: service.id } }),
    );
  });

  it("vms.name cannot change", async () => {
    const service = await newService((await newSystem()).id);
    const vm = await prisma.vm.create({
      data: { namespace: "dev", name: `dev-z-${suffix()}`, serviceId: service.id },
    });
    await expectRefused(
      "23514",
      () => prisma.vm.update({ where: { id: vm.id }, data: { name: "other" } }),
      () => prisma.vm.findUnique({ where: { id: vm.id } }),
    );
    await expect(
      prisma.vm.update({ where: { id: vm.id }, data: { status: "RUNNING" } }),
    ).resolves.toMatchObject({ status: "RUNNING" });
  });

  it("domain_events.payload cannot change, status can", async () => {
    const event = await newEvent();
    const read = () => prisma.domainEvent.findUnique({ where: { id: event.id } });
    const error = await expectRefused(
      "23514",
      () => prisma.domainEvent.update({ where: { id: event.id }, data: { payload: { namespace: "prod" } } }),
      read,
    );
    expect(String(error)).toMatch(/payload is immutable/);
    await expectRefused(
      "23514",
      () => prisma.$executeRaw`UPDATE domain_events SET payload = '{}' WHERE id = ${event.id}`,
      read,
    );
    await expect(
      prisma.domainEvent.update({ where: { id: event.id }, data: { status: "PROCESSING" } }),
    ).resolves.toMatchObject({ status: "PROCESSING", payload: { namespace: "dev" } });
  });

  it("approval_tickets.requester and event_id cannot change, snapshots are write-once", async () => {
    const [event, otherEvent] = [await newEvent(), await newEvent()];
    const ticket = await prisma.approvalTicket.create({
      data: { eventId: event.id, operationType: "CREATE_VM", requester: "alice" },
    });
    const where = { id: ticket.id };
    const read = () => prisma.approvalTicket.findUnique({ where });
    await expectRefused(
      "23514",
      () => prisma.approvalTicket.update({ where, data: { requester: "mallory" } }),
      read,
    );
    await expectRefused(
      "23514",
      () => prisma.approvalTicket.update({ where, data: { eventId: otherEvent.id } }),
      read,
    );
    await prisma.approvalTicket.update({
      where,
      data: {
        status: "APPROVED",
        approver: "bob",
        templateSnapshot: { v: 1 },
        instanceSizeSnapshot: { cpu: 2 },
      },
    });
    await expectRefused(
      "23514",
      () => prisma.approvalTicket.update({ where, data: { templateSnapshot: { v: 2 } } }),
      read,
    );
    await expectRefused(
      "23514",
      () => prisma.approvalTicket.update({ where, data: { instanceSizeSnapshot: Prisma.DbNull } }),
      read,
    );
    await expect(
      prisma.approvalTicket.update({ where, data: { status: "EXECUTING" } }),
    ).resolves.toMatchObject({
      requester: "alice",
      status: "EXECUTING",
    });
  });

  it("a ticket cannot point at a missing event, nor may its event be deleted", async () => {
    await expectRefused(
      "23503",
      () =>
        prisma.approvalTicket.create({
          data: { eventId: "missing", operationType: "STOP_VM", requester: "a" },
        }),
      () => count("approval_tickets"),
    );
    const event = await newEvent();
    await prisma.approvalTicket.create({
      data: { eventId: event.id, operationType: "STOP_VM", requester: "a" },
    });
    await expectRefused(
      "23001",
      () => prisma.domainEvent.delete({ where: { id: event.id } }),
      () => count("domain_events"),
    );
  });
});

describe("seeded approval policies (SPEC §17.3)", () => {
  it("hold the default matrix for test and prod × every operation", async () => {
    const policies = await prisma.approvalPolicy.findMany({ orderBy: { name: "asc" } });
    const matrix = Object.fromEntries(
      policies.map((p) => [`${p.environment}:${p.operation}`, p.requiresApproval]),
    );
    expect(matrix).toEqual({
      "test:CREATE_VM": true,
      "test:MODIFY_VM": true,
      "test:DELETE_VM": true,
      "test:START_VM": false,
      "test:STOP_VM": false,
      "test:RESTART_VM": false,
      "test:VNC_ACCESS": false,
      "test:PAUSE_VM": false,
      "test:UNPAUSE_VM": false,
      "test:MIGRATE_VM": false,
      "test:CANCEL_MIGRATION": false,
      "test:CREATE_SNAPSHOT": false,
      "test:DELETE_SNAPSHOT": false,
      "prod:CREATE_VM": true,
      "prod:MODIFY_VM": true,
      "prod:DELETE_VM": true,
      "prod:START_VM": true,
      "prod:STOP_VM": true,
      "prod:RESTART_VM": true,
      "prod:VNC_ACCESS": true,
      // Issue 12: the other operations on an existing VM run without approval by default.
      "prod:PAUSE_VM": false,
      "prod:UNPAUSE_VM": false,
      "prod:MIGRATE_VM": false,
      "prod:CANCEL_MIGRATION": false,
      "prod:CREATE_SNAPSHOT": false,
      "prod:DELETE_SNAPSHOT": false,
    });
    expect(policies).toHaveLength(26);
    expect(policies.every((p) => p.enabled && p.priority === 0)).toBe(true);
  });
});
