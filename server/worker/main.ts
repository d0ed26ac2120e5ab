// Entry point of the worker process (started by scripts/start.ts, or alone with
// `node --conditions=react-server --import tsx server/worker/main.ts`). Exits 0 on SIGINT/SIGTERM after a
// clean shutdown, and also when the launcher that forked it goes away.
import { ConfigError, loadConfig } from "../config";
import { createPrisma } from "../db/prisma";
import { createLogger } from "../log";
import { Worker } from "./worker";

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
}
const log = createLogger(config, "worker");
if (!config.database.url) {
  log.fatal("DATABASE_URL is not set: start the worker through `npm start`, or set DATABASE_URL");
  process.exit(1);
}

const prisma = createPrisma(config.database.url, { maxConnections: 5 });
const worker = new Worker({ config, prisma, log });
worker.start();

const shutdown = (why: string) => {
  void worker
    .stop(why)
    .then(() => prisma.$disconnect())
    .then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, "unclean worker shutdown");
        process.exit(1);
      },
    );
};
process.once("SIGINT", () => shutdown("SIGINT"));
process.once("SIGTERM", () => shutdown("SIGTERM"));
process.once("disconnect", () => shutdown("launcher went away"));
