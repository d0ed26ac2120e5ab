// The audit-log API (issue 13) through the real route handlers (session cookies, defineRoute, zod) on a real
// PostgreSQL: filters, newest-first keyset pages that neither skip nor repeat rows sharing a timestamp, the
// streamed CSV / JSON Lines export, and the refusals (no session, not an admin, bad input) that change nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeAuditCursor } from "@/lib/audit/audit-log-query";
import type { AuditLogPage, AuditLogView } from "@/lib/audit/audit-log-views";
import {
  type AuthHarness,
  startAuthHarness,
  TEST_ORIGIN,
  tableChecksums,
} from "../auth/testing/auth-harness";
import { recordAudit } from "./record-audit";
import { streamAuditExport } from "./stream-audit-export";

let h: AuthHarness;
const cookie = { admin: "", user: "", approver: "" };
/** Every row the fixture wrote, newest first as the API must order them. */
const all: AuditLogView[] = [];

type Handler = (r: Request, s: { params: Promise<unknown> }) => Promise<Response>;

async function get(file: "route.ts" | "export/route.ts", query: string, c = cookie.admin): Promise<Response> {
  const mod = (await import(/* @vite-ignore */ `@/app/api/v1/admin/audit-logs/${file}`)) as { GET: Handler };
  const headers: Record<string, string> = { origin: TEST_ORIGIN };
  if (c) headers.cookie = c;
  const path = file === "route.ts" ? "" : "/export";
  return mod.GET(new Request(`${TEST_ORIGIN}/api/v1/admin/audit-logs${path}?${query}`, { headers }), {
    params: Promise.resolve({}),
  });
}

async function page(query: string): Promise<AuditLogPage> {
  const res = await get("route.ts", query);
  expect(res.status).toBe(200);
  return (await res.json()) as AuditLogPage;
}

beforeAll(async () => {
  h = await startAuthHarness();
  cookie.admin = await h.sessionCookie("audit_admin", "admin");
  cookie.user = await h.sessionCookie("audit_user", "user");
  cookie.approver = await h.sessionCookie("audit_approver", "approver");
  const actor = { id: "u-ops", name: "ops", ip: "203.0.113.7" };
  // 30 records through recordAudit, as the writers make them.
  await h.prisma.$transaction(async (tx) => {
    for (let i = 0; i < 10; i++)
      await recordAudit(tx, { action: "vm.start", actor, resource: { type: "vm", id: `vm-${i % 3}` } });
  });
  await h.prisma.$transaction(async (tx) => {
    for (let i = 0; i < 10; i++)
      await recordAudit(tx, {
        action: "vm.stop",
        actor: { id: "u-other" },
        resource: { type: "vm", id: `vm-${i % 3}`, name: "=cmd|' /C calc'!A0" },
        outcome: i % 2 === 0 ? "failure" : "success",
        details: { error_code: "K8S_TIMEOUT", note: 'has "quotes", commas\nand lines', password: "hunter2" },
      });
  });
  await h.prisma.$transaction(async (tx) => {
    for (let i = 0; i < 10; i++)
      await recordAudit(tx, { action: "cluster.register", actor, resource: { type: "cluster", id: "c-1" } });
  });
  // Prisma stamps created_at in the client to the millisecond; these 8 share one microsecond exactly, and any
  // 8 consecutive rows hold a boundary of the 7-row pages below, so a page ends inside the tie.
  await h.prisma.$executeRaw`
    INSERT INTO audit_logs (action, actor_id, resource_type, resource_id, created_at)
    SELECT 'system.tie', 'u-ops', 'system', 's-' || i, timestamptz '2026-01-01 00:00:00.123456+00'
      FROM generate_series(1, 8) AS i`;
  // Everything in the table (the sign-ins above wrote records too), straight from SQL.
  const rows = await h.prisma.$queryRaw<{ id: string }[]>`
    SELECT id::text AS id FROM audit_logs ORDER BY created_at DESC, id DESC`;
  let cursor = "";
  for (;;) {
    const p = await page(`per_page=100${cursor ? `&cursor=${cursor}` : ""}`);
    all.push(...p.items);
    if (!p.next_cursor) break;
    cursor = p.next_cursor;
  }
  expect(all.map((r) => r.id)).toEqual(rows.map((r) => r.id));
});
afterAll(async () => h?.close());

describe("GET /api/v1/admin/audit-logs", () => {
  it("pages newest first by cursor without skipping or repeating rows that share a timestamp", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const p: AuditLogPage = await page(`per_page=7${cursor ? `&cursor=${cursor}` : ""}`);
      expect(p.items.length).toBeLessThanOrEqual(7);
      seen.push(...p.items.map((r) => r.id));
      cursor = p.next_cursor;
      pages++;
    } while (cursor);
    expect(seen).toEqual(all.map((r) => r.id));
    expect(new Set(seen).size).toBe(seen.length);
    expect(pages).toBe(Math.ceil(all.length / 7));
    expect(all.filter((r) => r.action === "system.tie").map((r) => r.created_at)).toEqual(
      Array(8).fill("2026-01-01T00:00:00.123456Z"),
    );
    expect(all[0]?.action).toBe("cluster.register");
    expect(all[0]?.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
  });

  it("filters by exact action, action domain, resource, actor and outcome", async () => {
    const stop = await page("action=vm.stop&per_page=100");
    expect(stop.items).toHaveLength(10);
    expect(stop.next_cursor).toBeNull();
    const vm = await page("action=vm.&per_page=100");
    expect(vm.items.map((r) => r.action).sort()).toEqual([
      ...Array(10).fill("vm.start"),
      ...Array(10).fill("vm.stop"),
    ]);
    const res = await page("resource_type=vm&resource_id=vm-1&per_page=100");
    expect(res.items.length).toBe(
      all.filter((r) => r.resource_type === "vm" && r.resource_id === "vm-1").length,
    );
    expect(res.items.every((r) => r.resource_id === "vm-1")).toBe(true);
    const failed = await page("outcome=failure&actor_id=u-other");
    expect(failed.items).toHaveLength(5);
    expect(failed.items[0]).toMatchObject({
      action: "vm.stop",
      outcome: "failure",
      actor_id: "u-other",
      details: { error_code: "K8S_TIMEOUT", password: "[REDACTED]" },
    });
  });

  it("filters by time range (from inclusive, to exclusive)", async () => {
    const newest = all[0];
    if (!newest) throw new Error("no rows");
    const to = await page(`to=${encodeURIComponent(newest.created_at)}&per_page=100`);
    expect(to.items.some((r) => r.created_at === newest.created_at)).toBe(false);
    const from = await page(`from=${encodeURIComponent(newest.created_at)}&per_page=100`);
    expect(from.items.every((r) => r.created_at >= newest.created_at)).toBe(true);
    expect(from.items.map((r) => r.action)).toContain("cluster.register");
    const future = await page("from=2999-01-01");
    expect(future).toEqual({ items: [], per_page: 50, next_cursor: null });
  });

  it("refuses bad input with 400 VALIDATION_FAILED", async () => {
    for (const q of [
      "cursor=nonsense",
      "per_page=0",
      "per_page=101",
      "outcome=maybe",
      "action=vm.%25",
      "from=2026-12-08&to=2026-12-01",
      `cursor=${encodeAuditCursor({ createdAt: "2026-12-08T00:00:00Z", id: "x" })}`,
    ]) {
      const res = await get("route.ts", q);
      expect(res.status, q).toBe(400);
      expect(((await res.json()) as { code: string }).code, q).toBe("VALIDATION_FAILED");
    }
  });

  it("refuses anonymous callers (401) and non-admins (403), writing nothing", async () => {
    const before = await tableChecksums(h.prisma);
    for (const file of ["route.ts", "export/route.ts"] as const) {
      const q = file === "route.ts" ? "" : "format=csv";
      const anon = await get(file, q, "");
      expect(anon.status).toBe(401);
      expect(((await anon.json()) as { code: string }).code).toBe("UNAUTHENTICATED");
      for (const c of [cookie.user, cookie.approver]) {
        const res = await get(file, q, c);
        expect(res.status).toBe(403);
        expect(((await res.json()) as { code: string }).code).toBe("FORBIDDEN");
      }
    }
    expect(await tableChecksums(h.prisma)).toEqual(before);
  });
});

describe("GET /api/v1/admin/audit-logs/export", () => {
  it("streams the filtered set as CSV with escaping and formula protection", async () => {
    const res = await get("export/route.ts", "format=csv&action=vm.stop");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8; header=present");
    expect(res.headers.get("content-disposition")).toMatch(
      /^attachment; filename="shepherd-audit-\d{8}T\d{6}Z\.csv"$/,
    );
    const text = await res.text();
    const lines = text.split("\r\n");
    expect(lines[0]).toMatch(/^created_at,action,outcome,/);
    expect(text).toContain(",'=cmd|' /C calc'!A0,");
    expect(text).not.toContain(",=cmd");
    // JSON inside a CSV field: the JSON's own \" escapes, each quote then doubled.
    expect(text).toContain('""note"":""has \\""quotes\\"", commas\\nand lines""');
    expect(text).not.toContain("hunter2");
    // Header + 10 records + the empty string after the last CRLF.
    expect(lines).toHaveLength(12);
  });

  it("streams JSON Lines, one record a line, in keyset chunks covering the whole set", async () => {
    // A chunk of 4 forces several keyset reads over the 30+ rows.
    const res = streamAuditExport(h.prisma, { format: "jsonl" }, { chunk: 4 });
    expect(res.headers.get("content-type")).toBe("application/jsonl; charset=utf-8");
    const lines = (await res.text()).split("\n").filter(Boolean);
    expect(lines.map((l) => (JSON.parse(l) as AuditLogView).id)).toEqual(all.map((r) => r.id));
  });

  it("an empty set is a CSV with the header only", async () => {
    const res = await get("export/route.ts", "format=csv&from=2999-01-01");
    expect(res.status).toBe(200);
    expect((await res.text()).split("\r\n").filter(Boolean)).toHaveLength(1);
  });

  it("refuses an unknown format with 400", async () => {
    const res = await get("export/route.ts", "format=xlsx");
    expect(res.status).toBe(400);
    expect(((await res.json()) as { code: string }).code).toBe("VALIDATION_FAILED");
  });
});
