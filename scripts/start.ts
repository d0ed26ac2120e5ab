// `npm start`: the one command that runs Shepherd. Starts the embedded PostgreSQL when DATABASE_URL is not
// set, applies pending migrations, builds the web bundle if it is missing or stale, then runs the Next.js
// server and the worker until Ctrl-C (or SIGTERM), when it stops them first and the database last.
// Each child runs in its own process group, so a terminal's Ctrl-C reaches only this launcher and the
// shutdown order holds.
import { type ChildProcess, fork } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { loadConfigOrExit } from "../server/config";
import { migrateDatabase } from "../server/db/migrate";
import { createLogger, redactUrl } from "../server/log";
import { DEMO_CLUSTER_NAMES, startDemoClusters } from "./demo-clusters";
import type { EmbeddedDbReady } from "./embedded-db";
import { ensureNextBuild } from "./next-build";

const ROOT = path.resolve(import.meta.dirname, "..");
const STOP_GRACE_MS = 15_000;

const config = loadConfigOrExit();
const log = createLogger(config, "launcher");

interface Managed {
  name: string;
  child: ChildProcess;
  exited: Promise<unknown>;
}
const running: Managed[] = [];
let shuttingDown = false;

function manage(name: string, child: ChildProcess): Managed {
  const m: Managed = { name, child, exited: once(child, "exit") };
  running.push(m);
  child.on("exit", (code, signal) => {
    if (!shuttingDown) {
      log.error({ child: name, code, signal }, `${name} exited unexpectedly; stopping Shepherd`);
      void shutdown(1);
    }
  });
  return m;
}

/** Signals the child's whole process group (next start runs a server child of its own). */
function signalGroup(m: Managed, signal: NodeJS.Signals): void {
  if (m.child.exitCode !== null || m.child.signalCode !== null || !m.child.pid) return;
  try {
    process.kill(-m.child.pid, signal);
  } catch {
    m.child.kill(signal);
  }
}

async function stop(m: Managed): Promise<void> {
  signalGroup(m, "SIGTERM");
  const timedOut = await Promise.race([m.exited.then(() => false), sleep(STOP_GRACE_MS).then(() => true)]);
  if (timedOut) {
    log.warn({ child: m.name }, `${m.name} did not stop in time; killing it`);
    signalGroup(m, "SIGKILL");
    await m.exited;
  }
}

async function shutdown(code: number): Promise<never> {
  if (!shuttingDown) {
    shuttingDown = true;
    log.info("stopping Shepherd");
    // What uses the others goes first: web and worker, then the demo clusters, then the database.
    const stage = (names: string[]) => Promise.all(running.filter((m) => names.includes(m.name)).map(stop));
    await stage(["web", "worker"]);
    await stage(["kubesim"]);
    await stage(["postgres"]);
    log.info("stopped");
  }
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

async function startEmbeddedDb(): Promise<string> {
  const child = fork(path.join(ROOT, "scripts/embedded-db.ts"), {
    cwd: ROOT,
    detached: true,
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const m = manage("postgres", child);
  const ready = (await Promise.race([
    once(child, "message").then(([msg]) => msg as EmbeddedDbReady),
    m.exited.then(() => null),
  ])) as EmbeddedDbReady | null;
  if (!ready) throw new Error("embedded PostgreSQL did not start (see the lines above)");
  log.info({ url: redactUrl(ready.url), initialised: ready.initialised }, "using the embedded PostgreSQL");
  return ready.url;
}

/**
 * Registers (or, on later starts, re-keys) the demo clusters through the product's own registration, in a
 * child with the server's module conditions. A failure is logged: the demo clusters still run.
 */
async function registerDemoClusters(kubeconfigPath: string, env: NodeJS.ProcessEnv): Promise<void> {
  const child = fork(path.join(ROOT, "scripts/register-demo-clusters.ts"), [kubeconfigPath], {
    cwd: ROOT,
    env,
    execArgv: ["--conditions=react-server", "--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const [code] = (await once(child, "exit")) as [number | null];
  if (code !== 0)
    log.error("the demo clusters could not be registered; they run, but Shepherd does not use them");
}

/**
 * Demo accounts (embedded database) or the initial admin from SHEPHERD_ADMIN_* (external database), in a child
 * with the server's module conditions. The child prints demo passwords itself, once, outside the log.
 */
async function ensureAccounts(env: NodeJS.ProcessEnv): Promise<void> {
  const child = fork(path.join(ROOT, "scripts/ensure-accounts.ts"), {
    cwd: ROOT,
    env,
    execArgv: ["--conditions=react-server", "--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const [code] = (await once(child, "exit")) as [number | null];
  if (code !== 0) throw new Error("the user accounts could not be prepared (see the lines above)");
}

/** auto: only while no real cluster is registered (demo clusters themselves do not count). */
async function wantDemoClusters(databaseUrl: string): Promise<boolean> {
  if (config.demo.clusters !== "auto") return config.demo.clusters === "on";
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM clusters WHERE name <> ALL($1::text[])",
      [DEMO_CLUSTER_NAMES],
    );
    return rows[0]?.n === 0;
  } finally {
    await client.end();
  }
}

async function waitUntilReady(url: string, signal: AbortSignal): Promise<void> {
  while (!signal.aborted) {
    try {
      const res = await fetch(url, { signal });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
}

try {
  const embedded = !config.database.url;
  if (!embedded && !config.auth.secret) {
    throw new Error("BETTER_AUTH_SECRET must be set (at least 32 characters) when DATABASE_URL is set");
  }
  const databaseUrl = config.database.url ?? (await startEmbeddedDb());
  await migrateDatabase(databaseUrl, log);
  await ensureAccounts({
    ...process.env,
    DATABASE_URL: databaseUrl,
    SHEPHERD_EMBEDDED_DATABASE: String(embedded),
  });
  if (await wantDemoClusters(databaseUrl)) {
    const demo = await startDemoClusters({ dataDir: config.dataDir, basePort: config.demo.basePort });
    manage("kubesim", demo.child);
    await registerDemoClusters(demo.kubeconfigPath, {
      ...process.env,
      DATABASE_URL: databaseUrl,
      SHEPHERD_EMBEDDED_DATABASE: String(embedded),
    });
    log.info(
      { clusters: demo.clusters, kubeconfigPath: demo.kubeconfigPath },
      "demo clusters running (simulated by kubesim; point kubectl at the kubeconfig to look inside)",
    );
  }
  await ensureNextBuild(log);
  if (shuttingDown) await new Promise(() => {}); // Ctrl-C during the build: shutdown() exits

  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    SHEPHERD_EMBEDDED_DATABASE: String(embedded),
    NEXT_TELEMETRY_DISABLED: "1",
  };
  const { port, host } = config.http;
  manage(
    "web",
    fork(path.join(ROOT, "scripts/web-server.ts"), ["-p", String(port), "-H", host], {
      cwd: ROOT,
      detached: true,
      env,
      execArgv: ["--import", "tsx"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    }),
  );
  manage(
    "worker",
    fork(path.join(ROOT, "server/worker/main.ts"), {
      cwd: ROOT,
      detached: true,
      env,
      execArgv: ["--conditions=react-server", "--import", "tsx"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    }),
  );
  await waitUntilReady(`http://127.0.0.1:${port}/api/health/ready`, AbortSignal.timeout(60_000));
  const pids = Object.fromEntries(running.map((m) => [m.name, m.child.pid]));
  log.info({ pids }, `Shepherd is running at http://localhost:${port} (Ctrl-C stops it)`);
} catch (err) {
  log.fatal({ err }, "Shepherd could not start");
  await shutdown(1);
}
