#!/usr/bin/env node
// Offline stand-in for Prisma 7's native `schema-engine` binary. Speaks the CLI's JSON-RPC-over-stdio
// protocol, but runs @prisma/schema-engine-wasm over a @prisma/adapter-pg connection. PostgreSQL only.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import readline from "node:readline";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import * as bg from "@prisma/schema-engine-wasm/schema_engine_bg";
import pg from "pg";

const require = createRequire(import.meta.url);
const argv = process.argv.slice(2);
const debug = (m) => {
  if (process.env.SHIM_LOG) fs.appendFileSync(process.env.SHIM_LOG, `${m}\n`);
};
debug(`ARGV ${JSON.stringify(argv)}`);
if (argv.includes("--version")) {
  console.log("schema-engine-cli wasm-shim");
  process.exit(0);
}
const datamodels = [];
let datasource = null;
let cliCmd = null;
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === "--datamodels") datamodels.push(argv[++i]);
  else if (argv[i] === "--datasource") datasource = JSON.parse(argv[++i]);
  else if (argv[i] === "cli") cliCmd = argv[++i];
}
const url = new URL(datasource?.url ?? process.env.DATABASE_URL);
// Discrete fields, not {connectionString}: a connectionString would override `database` for the shadow pool.
const cfg = {
  host: url.hostname,
  port: Number(url.port || 5432),
  user: decodeURIComponent(url.username),
  password: decodeURIComponent(url.password) || undefined,
  database: url.pathname.slice(1) || "postgres",
};

if (cliCmd) {
  // `--datasource {...} cli can-connect-to-database | create-database | drop-database`
  const run = async (db, sql) => {
    const c = new pg.Client({ ...cfg, database: db });
    await c.connect();
    if (sql) await c.query(sql);
    await c.end();
  };
  try {
    if (cliCmd === "can-connect-to-database") await run(cfg.database);
    else if (cliCmd === "create-database") await run("postgres", `CREATE DATABASE "${cfg.database}"`);
    else if (cliCmd === "drop-database")
      await run("postgres", `DROP DATABASE IF EXISTS "${cfg.database}" WITH (FORCE)`);
    process.exit(0);
  } catch (e) {
    const [code, message] =
      e.code === "3D000"
        ? ["P1003", `Database \`${cfg.database}\` does not exist`]
        : ["P1001", `Can't reach database server: ${e.message}`];
    process.stderr.write(
      "shim\n" +
        JSON.stringify({
          level: "ERROR",
          target: "schema_engine::logger",
          fields: { error_code: code, message },
        }) +
        "\n",
    );
    process.exit(1);
  }
}

// adapter-pg 7.10.1 throws UnsupportedNativeDataType on the internal "char" type (OID 18) that the
// schema describer reads from pg_catalog; relabel it (and "char"[]) as text.
function patchCharOid(pool) {
  const orig = pool.query.bind(pool);
  const fix = (res) => {
    for (const r of [res].flat())
      for (const f of r?.fields ?? []) {
        if (f.dataTypeID === 18) f.dataTypeID = 25;
        else if (f.dataTypeID === 1002) f.dataTypeID = 1009;
      }
    return res;
  };
  pool.query = (...a) => {
    const cb = typeof a.at(-1) === "function" ? a.pop() : null;
    return cb ? orig(...a, (e, r) => cb(e, e ? r : fix(r))) : orig(...a).then(fix);
  };
  return pool;
}
// adapter-pg 7.10.1's executeScript splits a migration at every ";" (function bodies and comments too) and
// runs the pieces one by one. Send the script whole, as the native engine does: one simple-query message,
// which PostgreSQL also runs as one implicit transaction.
function wholeScripts(adapter) {
  adapter.executeScript = async function (script) {
    try {
      await this.client.query(script);
    } catch (error) {
      this.onError(error);
    }
  };
  return adapter;
}

const pool = patchCharOid(new pg.Pool(cfg));
const main = new PrismaPg(pool);
const factory = {
  // own shadow-DB handling: adapter-pg's drops the DB before closing its pool (fails)
  provider: main.provider,
  adapterName: main.adapterName,
  connect: async () => wholeScripts(await main.connect()),
  async connectToShadowDb() {
    const name = `prisma_shadow_${crypto.randomUUID().replaceAll("-", "")}`;
    await pool.query(`CREATE DATABASE "${name}"`);
    const shadowPool = patchCharOid(new pg.Pool({ ...cfg, database: name }));
    const adapter = wholeScripts(await new PrismaPg(shadowPool).connect());
    adapter.dispose = async () => {
      await shadowPool.end();
      await pool.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    };
    return adapter;
  },
};

const wasmPath = path.join(
  path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg")),
  "schema_engine_bg.wasm",
);
const { instance } = await WebAssembly.instantiate(fs.readFileSync(wasmPath), {
  "./schema_engine_bg.js": bg,
});
bg.__wbg_set_wasm(instance.exports);
instance.exports.__wbindgen_start?.();
const files = datamodels.map((p) => [p, fs.readFileSync(p, "utf8")]);
const engine = await bg.SchemaEngine.new(
  { datamodels: files.length ? files : undefined },
  (m) => debug(`LOG ${m}`),
  bindMigrationAwareSqlAdapterFactory(factory),
);

const out = (o) => process.stdout.write(`${JSON.stringify(o)}\n`);
const pending = new Map();
let printId = 0;
const handlers = {
  getDatabaseVersion: (p) => engine.version(p ?? null),
  async diff(p) {
    // the native engine prints through a "print" request to the CLI and returns stdout: null
    const r = await engine.diff(p);
    if (r.stdout)
      await new Promise((ok) => {
        const id = `print-${++printId}`;
        pending.set(id, ok);
        out({ jsonrpc: "2.0", id, method: "print", params: { content: r.stdout } });
      });
    return { exitCode: r.exitCode, stdout: null };
  },
  async createMigration(p) {
    // wasm createMigration: "PostgreSQL shadow DB must be provided through an external factory"
    const r = await engine.diff({
      from: { tag: "migrations", ...p.migrationsList },
      to: { tag: "schemaDatamodel", files: p.schema.files },
      script: true,
      exitCode: true,
      filters: p.filters ?? { externalTables: [], externalEnums: [] },
    });
    const empty = r.exitCode !== 2;
    return {
      connectorType: "postgresql",
      extension: "sql",
      generatedMigrationName: `${new Date()
        .toISOString()
        .replace(/[-:TZ.]/g, "")
        .slice(0, 14)}_${p.migrationName}`,
      migrationScript: empty ? (p.draft ? "-- This is an empty migration." : null) : r.stdout,
    };
  },
};
readline.createInterface({ input: process.stdin, crlfDelay: Infinity }).on("line", async (line) => {
  if (!line.trim()) return;
  const req = JSON.parse(line);
  debug(`IN ${line.slice(0, 1000)}`);
  if (req.method === undefined) {
    pending.get(req.id)?.();
    pending.delete(req.id);
    return;
  }
  try {
    const result = await (handlers[req.method] ?? ((p) => engine[req.method](p ?? {})))(req.params);
    out({ jsonrpc: "2.0", id: req.id, result: result ?? {} });
  } catch (e) {
    debug(`ERR ${String(e.message ?? e)}`);
    out({
      jsonrpc: "2.0",
      id: req.id,
      error: {
        code: 4466,
        message: "An error happened. Check the data field for details.",
        data: {
          is_panic: false,
          message: String(e.message ?? e),
          error_code: e.code ?? null,
          meta: e.meta ?? null,
        },
      },
    });
  }
});
// the wasm engine leaves a ~10 s timer behind, so exit explicitly once the CLI closes stdin
process.stdin.on("end", async () => {
  await pool.end().catch(() => {});
  process.exit(0);
});
