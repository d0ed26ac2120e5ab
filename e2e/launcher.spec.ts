// `npm start`'s launcher as a user runs it: it comes up on a fresh data directory, Ctrl-C (SIGINT) leaves
// no PostgreSQL, Next.js or worker process behind, and a second start reuses the data directory and
// applies no migration twice. Runs its own instance beside the one the other specs use.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";

const ROOT = path.resolve(import.meta.dirname, "..");
const DATA_DIR = path.join(ROOT, ".data", "e2e-launcher");
const PORT = 3111;

interface Started {
  child: ChildProcess;
  logs: Record<string, unknown>[];
  /** Everything the launcher printed, for failure messages. */
  output: string[];
  exited: Promise<number | null>;
}

function startLauncher(extraEnv: Record<string, string> = {}): Started {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(PORT),
      HOST: "127.0.0.1",
      SHEPHERD_DATA_DIR: DATA_DIR,
      EMBEDDED_PG_PORT: "54349",
      LOG_LEVEL: "info",
      LOG_PRETTY: "false",
      DEMO_CLUSTER_PORT: "16643",
      WORKER_METRICS_PORT: "19664",
      ...extraEnv,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const logs: Record<string, unknown>[] = [];
  const output: string[] = [];
  let buffer = "";
  child.stdout?.on("data", (d: Buffer) => {
    output.push(d.toString());
    buffer += d.toString();
    const lines = buffer.split("\n");
    buffer = lines.pop() ?? "";
    for (const line of lines) {
      try {
        logs.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        // Next.js prints plain lines too
      }
    }
  });
  child.stderr?.on("data", (d: Buffer) => output.push(d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, logs, output, exited };
}

async function waitForLog(s: Started, msg: RegExp, timeoutMs = 120_000): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = s.logs.find((l) => typeof l.msg === "string" && msg.test(l.msg));
    if (found) return found;
    if (Date.now() > deadline || s.child.exitCode !== null) {
      throw new Error(
        `no log line matching ${msg}; the launcher printed:\n${s.output.join("").slice(-4000)}`,
      );
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Live (non-zombie) processes in a process group. */
function liveInGroup(pgid: number): string[] {
  try {
    return execFileSync("ps", ["-o", "pid=,stat=,args=", "-g", String(pgid)], { encoding: "utf8" })
      .split("\n")
      .filter((l) => l.trim() && !/^\s*\d+\s+Z/.test(l));
  } catch {
    return []; // ps exits 1 when the group is empty
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function stopAndCheckNothingLeft(s: Started): Promise<void> {
  const ready = await waitForLog(s, /Shepherd is running/);
  const pids = ready.pids as Record<string, number>;
  expect(Object.keys(pids).sort()).toEqual(["kubesim", "postgres", "web", "worker"]);
  const postmaster = Number(
    fs.readFileSync(path.join(DATA_DIR, "postgres", "postmaster.pid"), "utf8").split("\n")[0],
  );
  expect(pidAlive(postmaster)).toBe(true);

  s.child.kill("SIGINT");
  expect(await s.exited).toBe(0);
  for (const pid of Object.values(pids)) expect(liveInGroup(pid)).toEqual([]);
  expect(pidAlive(postmaster)).toBe(false);
}

test.describe.configure({ mode: "serial", timeout: 240_000 });

test("starts on a fresh data directory and stops cleanly on Ctrl-C", async ({ request }) => {
  fs.rmSync(DATA_DIR, { recursive: true, force: true });
  const s = startLauncher();
  try {
    await waitForLog(s, /Shepherd is running/);
    const res = await request.get(`http://127.0.0.1:${PORT}/api/health/ready`);
    expect(res.status()).toBe(200);
    const db = await waitForLog(s, /using the embedded PostgreSQL/);
    expect(db.initialised).toBe(true);
    const migrated = await waitForLog(s, /migrations applied/);
    expect((migrated.applied as string[]).length).toBeGreaterThan(0);
    // No cluster is registered, so the two simulated demo clusters run, and they speak the Kubernetes API.
    const demo = await waitForLog(s, /demo clusters running/);
    expect((demo.clusters as { name: string }[]).map((c) => c.name)).toEqual(["demo-prod", "demo-test"]);
    const kubeconfig = fs.readFileSync(String(demo.kubeconfigPath), "utf8");
    expect(kubeconfig).toContain("name: demo-prod");
    expect(kubeconfig).toContain("name: demo-test");
    expect(fs.statSync(String(demo.kubeconfigPath)).mode & 0o077).toBe(0);
    // …and Shepherd registered both through its encrypted credential store.
    const registered = s.logs.filter((l) => l.msg === "demo cluster registered").map((l) => l.cluster);
    expect(registered.sort()).toEqual(["demo-prod", "demo-test"]);
    await stopAndCheckNothingLeft(s);
  } finally {
    s.child.kill("SIGKILL");
  }
});

test("a second start reuses the data directory and applies no migration again", async () => {
  const s = startLauncher();
  try {
    const db = await waitForLog(s, /using the embedded PostgreSQL/);
    expect(db.initialised).toBe(false);
    const migrated = await waitForLog(s, /database schema up to date/);
    expect(migrated.applied).toEqual([]);
    // kubesim has new tokens and a new CA: the registered demo clusters get their credentials renewed.
    await waitForLog(s, /demo clusters running/);
    const renewed = s.logs.filter((l) => l.msg === "demo cluster credentials renewed").map((l) => l.cluster);
    expect(renewed.sort()).toEqual(["demo-prod", "demo-test"]);
    await stopAndCheckNothingLeft(s);
  } finally {
    s.child.kill("SIGKILL");
  }
});

test("children stop by themselves when the launcher is killed outright", async () => {
  const s = startLauncher();
  try {
    const ready = await waitForLog(s, /Shepherd is running/);
    const pids = ready.pids as Record<string, number>;
    s.child.kill("SIGKILL"); // no chance to shut down: the children notice the closed IPC channel
    await s.exited;
    await expect
      .poll(() => Object.values(pids).flatMap((pid) => liveInGroup(pid)), { timeout: 30_000 })
      .toEqual([]);
  } finally {
    s.child.kill("SIGKILL");
  }
});

test("a bad configuration value stops the start with a message naming the variable", async () => {
  const s = startLauncher({ PORT: "eighty" });
  let stderr = "";
  s.child.stderr?.on("data", (d: Buffer) => {
    stderr += d.toString();
  });
  expect(await s.exited).toBe(1);
  expect(stderr).toContain("PORT");
  expect(s.logs.find((l) => l.msg === "using the embedded PostgreSQL")).toBeUndefined();
});
