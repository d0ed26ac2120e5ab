// kubesim CLI entry point: `node --import tsx kubesim/main.ts --profile default --port 6443`.
import { parseArgs, plainHttpAuthNote, startClusters, USAGE } from "./cli.ts";

async function main(): Promise<void> {
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`kubesim: ${(e as Error).message}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (args.help) {
    console.log(USAGE);
    return;
  }
  // Taken from the start, so a stop (or a parent that goes away) during start-up is not lost.
  let stopRequested = false;
  let shutdown = (): void => {
    stopRequested = true;
  };
  process.on("SIGINT", () => shutdown());
  process.on("SIGTERM", () => shutdown());
  // Started by a parent over IPC (the product's demo mode): stop with it rather than outlive it.
  process.on("disconnect", () => shutdown());
  const running = await startClusters(args);
  for (const s of running.sims) {
    const st = await s.client.state();
    const tokens = s.adminToken
      ? `\n  admin token:     ${s.adminToken}\n  read-only token: ${s.readOnlyToken}`
      : "\n  authentication:  none (--no-auth)";
    console.log(
      `kubesim: cluster "${s.name}" (${st.profile}, KubeVirt ${st.kubevirtVersion}, ${st.counts.virtualmachines} VMs) at ${s.url}` +
        `${tokens}\n  control API:     ${s.url}/_kubesim/v1/state`,
    );
    const note = plainHttpAuthNote(s);
    if (note) console.log(note);
  }
  if (args.kubeconfig)
    console.log(`kubesim: kubeconfig written to ${args.kubeconfig} (one context per cluster)`);
  else console.log("kubesim: pass --kubeconfig FILE to write a kubeconfig");
  let stopping = false;
  shutdown = () => {
    if (stopping) return;
    stopping = true;
    void running.stop().then(() => process.exit(0));
  };
  if (stopRequested || (process.send !== undefined && !process.connected)) shutdown();
}

main().catch((e: unknown) => {
  console.error(`kubesim: ${(e as Error).stack ?? String(e)}`);
  process.exitCode = 1;
});
