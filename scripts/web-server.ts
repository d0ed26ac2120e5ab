// Runs `next start` for the launcher and ties its life to the launcher's: when the launcher goes away
// without stopping it (killed outright), the IPC channel closes and the server is stopped here, so no
// orphaned Next.js process keeps the port. Signals from the launcher are passed on.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const next = spawn(
  process.execPath,
  [require.resolve("next/dist/bin/next"), "start", ...process.argv.slice(2)],
  {
    stdio: "inherit",
  },
);
const stop = (signal: NodeJS.Signals) => {
  if (next.exitCode === null && next.signalCode === null) next.kill(signal);
};
process.on("SIGTERM", () => stop("SIGTERM"));
process.on("SIGINT", () => stop("SIGINT"));
process.on("disconnect", () => stop("SIGTERM"));
next.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
