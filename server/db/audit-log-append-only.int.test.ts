// audit_logs is append-only in the database itself (SPEC §18.3): whatever the client, UPDATE, DELETE and
// TRUNCATE are refused, and the record stays exactly as written.
import crypto from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { Prisma } from "./generated/prisma/client";
import { createPrisma, type PrismaClient } from "./prisma";

let db: TestDatabase;
let prisma: PrismaClient;
let raw: pg.Client;
let id: string;

beforeAll(async () => {
  db = await createTestDatabase();
  prisma = createPrisma(db.url, { maxConnections: 2 });
  raw = new pg.Client({ connectionString: db.url });
  await raw.connect();
});

afterAll(async () => {
  await raw?.end();
  await prisma?.$disconnect();
  await db?.drop();
});

beforeEach(async () => {
  const row = await prisma.auditLog.create({
    data: {
      action: "vm.stop",
      actorId: "alice",
      actorName: "Alice",
      resourceType: "vm",
      resourceId: crypto.randomUUID(),
      resourceName: "dev-shop-redis-01",
      environment: "prod",
      details: { reason: "maintenance" },
      ipAddress: "192.0.2.7",
      correlationId: "req-1",
      outcome: "success",
    },
  });
  id = row.id;
});

/** Every column of every row, so "unchanged" means unchanged. */
async function snapshot(): Promise<unknown[]> {
  return (await raw.query("SELECT * FROM audit_logs ORDER BY created_at, id")).rows;
}

/** The SQLSTATE behind a Prisma error (model API or raw query). */
function sqlState(error: unknown): string | undefined {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return undefined;
  const adapterError = error.meta?.driverAdapterError as { cause?: { originalCode?: string } } | undefined;
  return adapterError?.cause?.originalCode;
}

async function refusedByPrisma(write: () => Promise<unknown>): Promise<void> {
  const before = await snapshot();
  const error = await write().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(sqlState(error), String(error)).toBe("42501");
  expect(String(error)).toMatch(/audit_logs is append-only/);
  expect(await snapshot()).toEqual(before);
}

async function refusedByRawSql(sql: string): Promise<void> {
  const before = await snapshot();
  await expect(raw.query(sql)).rejects.toMatchObject({
    code: "42501",
    message: expect.stringMatching(/^audit_logs is append-only: (UPDATE|DELETE|TRUNCATE) is not allowed$/),
  });
  expect(await snapshot()).toEqual(before);
}

describe("audit_logs accepts inserts", () => {
  it("stores a record written through Prisma, with defaults filled by the database", async () => {
    const row = await prisma.auditLog.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({
      action: "vm.stop",
      actorId: "alice",
      ipAddress: "192.0.2.7",
      outcome: "success",
    });
    expect(row.createdAt).toBeInstanceOf(Date);
  });

  it("stores a record written through raw SQL", async () => {
    const before = (await snapshot()).length;
    await raw.query(
      "INSERT INTO audit_logs (action, actor_id, resource_type, resource_id, outcome) VALUES ('approval.reject', 'bob', 'approval_ticket', 't-1', 'failure')",
    );
    expect((await snapshot()).length).toBe(before + 1);
  });
});

describe("audit_logs refuses changes through Prisma", () => {
  it("update", () => refusedByPrisma(() => prisma.auditLog.update({ where: { id }, data: { action: "x" } })));
  it("updateMany", () => refusedByPrisma(() => prisma.auditLog.updateMany({ data: { outcome: "failure" } })));
  it("delete", () => refusedByPrisma(() => prisma.auditLog.delete({ where: { id } })));
  it("deleteMany", () => refusedByPrisma(() => prisma.auditLog.deleteMany({})));
  it("raw UPDATE", () =>
    refusedByPrisma(() => prisma.$executeRaw`UPDATE audit_logs SET actor_id = 'mallory'`));
  it("raw DELETE", () =>
    refusedByPrisma(() => prisma.$executeRaw`DELETE FROM audit_logs WHERE id = ${id}::uuid`));
  it("raw TRUNCATE", () => refusedByPrisma(() => prisma.$executeRawUnsafe("TRUNCATE audit_logs")));
});

describe("audit_logs refuses changes through raw SQL, even for the owner (a superuser here)", () => {
  it("UPDATE", () => refusedByRawSql(`UPDATE audit_logs SET details = '{}' WHERE id = '${id}'`));
  it("DELETE", () => refusedByRawSql(`DELETE FROM audit_logs WHERE id = '${id}'`));
  it("TRUNCATE", () => refusedByRawSql("TRUNCATE audit_logs"));
  it("TRUNCATE … CASCADE", () => refusedByRawSql("TRUNCATE audit_logs CASCADE"));
});

describe("audit_logs privileges for an application role", () => {
  // Roles are cluster-wide: a random name keeps parallel test files apart.
  const role = `audit_app_${crypto.randomBytes(4).toString("hex")}`;

  beforeAll(async () => {
    await raw.query(`CREATE ROLE ${role} NOLOGIN`);
    await raw.query(`GRANT USAGE ON SCHEMA public TO ${role}`);
  });

  afterAll(async () => {
    await raw.query("RESET ROLE");
    await raw.query(`DROP OWNED BY ${role}`);
    await raw.query(`DROP ROLE IF EXISTS ${role}`);
  });

  it("PUBLIC holds no UPDATE, DELETE or TRUNCATE on audit_logs", async () => {
    const { rows } = await raw.query<{ privilege_type: string }>(
      `SELECT a.privilege_type FROM pg_class c, aclexplode(coalesce(c.relacl, acldefault('r', c.relowner))) a
       WHERE c.relname = 'audit_logs' AND a.grantee = 0`,
    );
    expect(rows.map((r) => r.privilege_type)).toEqual([]);
  });

  it("a role granted INSERT and SELECT can append but gets 'permission denied' for the rest", async () => {
    await raw.query(`GRANT INSERT, SELECT ON audit_logs TO ${role}`);
    const before = (await snapshot()).length;
    await raw.query(`SET ROLE ${role}`);
    try {
      await raw.query(
        "INSERT INTO audit_logs (action, actor_id, resource_type, resource_id) VALUES ('vm.start', 'carol', 'vm', 'v-1')",
      );
      for (const sql of [
        `UPDATE audit_logs SET action = 'x'`,
        "DELETE FROM audit_logs",
        "TRUNCATE audit_logs",
      ]) {
        await expect(raw.query(sql)).rejects.toMatchObject({ code: "42501" });
      }
    } finally {
      await raw.query("RESET ROLE");
    }
    expect((await snapshot()).length).toBe(before + 1);
  });

  it("even a role granted ALL is stopped by the trigger", async () => {
    await raw.query(`GRANT ALL ON audit_logs TO ${role}`);
    const before = await snapshot();
    await raw.query(`SET ROLE ${role}`);
    try {
      for (const sql of [
        `UPDATE audit_logs SET action = 'x'`,
        "DELETE FROM audit_logs",
        "TRUNCATE audit_logs",
      ]) {
        await expect(raw.query(sql)).rejects.toMatchObject({ message: expect.stringMatching(/append-only/) });
      }
    } finally {
      await raw.query("RESET ROLE");
    }
    expect(await snapshot()).toEqual(before);
  });
});
