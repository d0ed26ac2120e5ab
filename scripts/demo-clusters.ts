// Demo mode: two simulated KubeVirt clusters (kubesim, a separate program) for an `npm start` that has no
// real cluster registered, so the console has something real to show. Different versions and
// capabilities on purpose: "demo-prod" runs KubeVirt v1.9 with GPU and hugepage nodes, "demo-test" v1.4.
// Their kubeconfig (one context per cluster) is written under the data dir. kubesim keeps its state in
// memory, so every start begins from the same seed.
import { type ChildProcess, fork } from "node:child_process";
import fs from "node:fs/promises";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

const ROOT = path.resolve(import.meta.dirname, "..");
/** The demo clusters, as kubesim runs them and as Shepherd registers them. */
export const DEMO_CLUSTERS = [
  {
    name: "demo-prod",
    displayName: "Demo production (KubeVirt 1.9)",
    environment: "prod",
    profile: "default",
  },
  { name: "demo-test", displayName: "Demo test (KubeVirt 1.4)", environment: "test", profile: "legacy" },
] as const;
export const DEMO_CLUSTER_NAMES = DEMO_CLUSTERS.map((c) => c.name);

export interface DemoClusters {
  child: ChildProcess;
  kubeconfigPath: string;
  clusters: { name: string; port: number }[];
}

export async function startDemoClusters(opts: { dataDir: string; basePort: number }): Promise<DemoClusters> {
  const dir = path.join(opts.dataDir, "demo-clusters");
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const kubeconfigPath = path.join(dir, "kubeconfig.yaml");
  await fs.rm(kubeconfigPath, { force: true });
  const clusters = DEMO_CLUSTERS.map((c, i) => ({
    name: c.name,
    port: opts.basePort + i,
    profile: c.profile,
    https: true,
  }));
  const configPath = path.join(dir, "kubesim.json");
  await fs.writeFile(configPath, JSON.stringify({ clusters, kubeconfig: kubeconfigPath }, null, 2));

  const child = fork(path.join(ROOT, "kubesim/main.ts"), ["--config", configPath], {
    cwd: ROOT,
    detached: true,
    execArgv: ["--import", "tsx"],
    // kubesim prints its bearer tokens on stdout: keep them out of Shepherd's log.
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  const deadline = Date.now() + 60_000;
  while (!(await exists(kubeconfigPath))) {
    if (child.exitCode !== null) throw new Error(`kubesim exited with code ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error("kubesim did not start within 60 s");
    await sleep(200);
  }
  return { child, kubeconfigPath, clusters: clusters.map(({ name, port }) => ({ name, port })) };
}

async function exists(p: string): Promise<boolean> {
  return fs.access(p).then(
    () => true,
    () => false,
  );
}
