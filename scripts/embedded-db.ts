// Runs the embedded PostgreSQL in a process of its own, started by scripts/start.ts in its own process
// group. That way a Ctrl-C in the terminal reaches only the launcher, which stops the web server and the
// worker first and the database last. Reports readiness over IPC and stops the database when told to
// (SIGTERM/SIGINT) or when the launcher disappears (IPC channel closed).
import path from "node:path";
import { loadConfig } from "../server/config";
import { startEmbeddedDatabase } from "../server/db/embedded-database";
import { createLogger } from "../server/log";

export interface EmbeddedDbReady {
  type: "ready";
  url: string;
  initialised: boolean;
}

const config = loadConfig();
const log = createLogger(config, "postgres");

// Stop requests are taken from the start: one that arrives while PostgreSQL is still starting is acted on
// as soon as it is up, so a launcher that dies early never leaves a server behind.
let stopRequest: string | undefined;
let stop = (why: string): void => {
  stopRequest = why;
};
process.on("SIGTERM", () => stop("SIGTERM"));
process.on("SIGINT", () => stop("SIGINT"));
process.on("disconnect", () => stop("launcher went away"));

try {
  const db = await startEmbeddedDatabase({
    dir: path.join(config.dataDir, "postgres"),
    port: config.database.embeddedPort,
    database: "shepherd",
    persistent: true,
    log,
  });
  let stopping = false;
  stop = (why: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ why }, "stopping embedded PostgreSQL");
    void db.stop().then(() => process.exit(0));
  };
  if (stopRequest !== undefined || (process.send !== undefined && !process.connected)) {
    stop(stopRequest ?? "launcher went away");
  } else {
    const ready: EmbeddedDbReady = { type: "ready", url: db.url, initialised: db.initialised };
    process.send?.(ready);
  }
} catch (err) {
  log.fatal({ err }, "embedded PostgreSQL failed to start");
  process.exit(1);
}
