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

try {
  const db = await startEmbeddedDatabase({
    dir: path.join(config.dataDir, "postgres"),
    port: config.database.embeddedPort,
    database: "shepherd",
    persistent: true,
    log,
  });
  let stopping = false;
  const stop = async (why: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ why }, "stopping embedded PostgreSQL");
    await db.stop();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("disconnect", () => void stop("launcher went away"));
  const ready: EmbeddedDbReady = { type: "ready", url: db.url, initialised: db.initialised };
  process.send?.(ready);
} catch (err) {
  log.fatal({ err }, "embedded PostgreSQL failed to start");
  process.exit(1);
}
