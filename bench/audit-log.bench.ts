// The audit log at a million rows: 1,000,000 audit_logs rows inserted in SQL (generate_series), then the keyset
// page (listAuditLogs, through Prisma) timed p50/p99 over repeated runs — the default first page, a deep page
// (a cursor 500,000 rows down), and filtered pages (a whole action domain `vm.`, one resource's history, one
// actor, failures only) — each beside the raw limit: the same SQL text straight through `pg`, and the ratio.
// Goal (issue 13): p50 ≤ 50 ms for the first page and a filtered page. Prints each query's plan once.
// Run: node --conditions=react-server --import tsx bench/audit-log.bench.ts [--rows N] [--runs N]
import { performance } from "node:perf_hooks";
import pg from "pg";
import type { AuditCursor, AuditFilters } from "../lib/audit/audit-log-query.ts";
import { auditLogPageSql } from "../server/audit/audit-log-sql.ts";
import { listAuditLogs } from "../server/audit/list-audit-logs.ts";
import { openBenchDatabase } from "./bench-database.ts";

function arg(name: string, def: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : Number.NaN;
  return Number.isFinite(v) && v > 0 ? Math.floor(v) : def;
}
const ROWS = arg("rows", 1_000_000);
const RUNS = arg("runs", 200);
const PER_PAGE = 50;

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? Number.NaN;
};
const ms = (x: number) => `${x.toFixed(2)} ms`;

const db = await openBenchDatabase({ maxConnections: 2 });
const pool = new pg.Pool({ connectionString: db.url, max: 1 });
try {
  const t0 = performance.now();
  // A year of activity: 22 actions over 6 domains, 5,000 resources, 40 actors, 5 % failures, one row every
  // ~31 s with some rows sharing a microsecond (i / 3), so the id tiebreak matters.
  await db.prisma.$executeRawUnsafe(`
    INSERT INTO audit_logs (action, actor_id, actor_name, resource_type, resource_id, resource_name,
                            environment, details, outcome, created_at)
    SELECT a.action, 'user-' || (i % 40), 'User ' || (i % 40), a.rtype, a.rtype || '-' || (i % 5000),
           a.rtype || '-name-' || (i % 5000), CASE WHEN i % 3 = 0 THEN 'prod' ELSE 'test' END,
           jsonb_build_object('n', i, 'note', 'bench row'),
           CASE WHEN i % 20 = 0 THEN 'failure' ELSE 'success' END::"AuditOutcome",
           timestamptz '2026-12-08 00:00:00+00' - make_interval(secs => (i / 3) * 94.6)
      FROM generate_series(1, ${ROWS}) AS i
      JOIN (SELECT row_number() OVER () - 1 AS k, action, rtype FROM (VALUES
             ('vm.start','vm'),('vm.stop','vm'),('vm.restart','vm'),('vm.pause','vm'),('vm.unpause','vm'),
             ('vm.migrate','vm'),('vm.snapshot_create','vm'),('vm.adopt','vm'),('cluster.register','cluster'),
             ('cluster.update','cluster'),('cluster.credential_rotate','cluster'),('cluster.check','cluster'),
             ('auth.sign_in','user'),('auth.sign_out','user'),('auth.sign_in_failed','user'),
             ('user.create','user'),('user.role_change','user'),('adoption.ignore','pending_adoption'),
             ('adoption.reopen','pending_adoption'),('system.create','system'),('service.create','service'),
             ('approval.approve','ticket')) AS v(action, rtype)) a
        ON a.k = i % 22`);
  await db.prisma.$executeRawUnsafe("ANALYZE audit_logs");
  const insertS = (performance.now() - t0) / 1000;
  console.log(
    `inserted ${ROWS.toLocaleString("en")} audit rows in ${insertS.toFixed(1)} s (${Math.round(ROWS / insertS).toLocaleString("en")} rows/s)`,
  );

  const [mid] = await db.prisma.$queryRawUnsafe<{ created_at: string; id: string }[]>(`
    SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS created_at, id::text AS id
      FROM audit_logs ORDER BY created_at DESC, id DESC OFFSET ${Math.floor(ROWS / 2)} LIMIT 1`);
  const deep: AuditCursor | undefined = mid ? { createdAt: mid.created_at, id: mid.id } : undefined;

  const cases: { name: string; filters: AuditFilters; cursor?: AuditCursor }[] = [
    { name: "first page (default)", filters: {} },
    {
      name: `page ${Math.floor(ROWS / 2).toLocaleString("en")} rows down (cursor)`,
      filters: {},
      cursor: deep,
    },
    { name: "action domain vm.", filters: { action: "vm." } },
    { name: "action vm.stop", filters: { action: "vm.stop" } },
    { name: "one resource (vm, vm-42)", filters: { resource_type: "vm", resource_id: "vm-42" } },
    { name: "one actor", filters: { actor_id: "user-7" } },
    { name: "failures only", filters: { outcome: "failure" } },
    {
      name: "vm. in one week",
      filters: {
        action: "vm.",
        from: new Date("2026-06-01T00:00:00Z"),
        to: new Date("2026-06-08T00:00:00Z"),
      },
    },
  ];

  console.log(`\n${PER_PAGE} rows a page, ${RUNS} runs each (after 10 warm-up runs)`);
  console.log("query | listAuditLogs p50 / p99 | raw pg p50 / p99 | p50 ratio | rows");
  let worstP50 = 0;
  for (const c of cases) {
    const sql = auditLogPageSql(c.filters, c.cursor, PER_PAGE + 1);
    const plan = await pool.query<{ "QUERY PLAN": string }>(`EXPLAIN ${sql.text}`, sql.values);
    const planLines = plan.rows.map((r) => r["QUERY PLAN"]);
    const query = { ...c.filters, per_page: PER_PAGE, cursor: c.cursor };
    let rows = 0;
    for (let i = 0; i < 10; i++) {
      await listAuditLogs(db.prisma, query);
      await pool.query(sql.text, sql.values);
    }
    const viaApp: number[] = [];
    const viaPg: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      let s = performance.now();
      rows = (await listAuditLogs(db.prisma, query)).items.length;
      viaApp.push(performance.now() - s);
      s = performance.now();
      await pool.query(sql.text, sql.values);
      viaPg.push(performance.now() - s);
    }
    const appP50 = quantile(viaApp, 0.5);
    const pgP50 = quantile(viaPg, 0.5);
    if (!c.cursor) worstP50 = Math.max(worstP50, appP50);
    console.log(
      `${c.name} | ${ms(appP50)} / ${ms(quantile(viaApp, 0.99))} | ${ms(pgP50)} / ${ms(quantile(viaPg, 0.99))} | ${(appP50 / pgP50).toFixed(2)}× | ${rows}`,
    );
    console.log(`  plan: ${planLines.map((l) => l.trim()).join(" | ")}`);
  }
  console.log(
    `\nworst p50 of the first and filtered pages: ${ms(worstP50)} (goal ≤ 50 ms: ${worstP50 <= 50 ? "met" : "NOT met"})`,
  );
} finally {
  await pool.end();
  await db.close();
}
