// Entry point of the worker process (started by scripts/start.ts, or alone with
// `node --conditions=react-server --import tsx server/worker/main.ts`). Exits 0 on SIGINT/SIGTERM after a
// clean shutdown, and also when the launcher that forked it goes away.
import { loadConfigOrExit } from "../config";
import { createPrisma } from "../db/prisma";
import { loadCredentialCipher } from "../k8s/credential-cipher";
import { createLogger } from "../log";
import { Worker } from "./worker";

// Until the worker runs, a stop request just ends the process; registered first, so a launcher that goes
// away while this process is still starting (awaiting the key below) is not missed.
let stop = (_why: string): void => process.exit(0);
process.once("SIGINT", () => stop("SIGINT"));
process.once("SIGTERM", () => stop("SIGTERM"));
process.once("disconnect", () => stop("launcher went away"));

const config = loadConfigOrExit();
const log = createLogger(config, "worker");
if (!config.database.url) {
  log.fatal("DATABASE_URL is not set: start the worker through `npm start`, or set DATABASE_URL");
  process.exit(1);
}

const prisma = createPrisma(config.database.url, { maxConnections: 10 });
let cipher: Awaited<ReturnType<typeof loadCredentialCipher>>;
try {
  cipher = await loadCredentialCipher({
    encryptionKey: config.encryptionKey,
    dataDir: config.dataDir,
    allowGeneratedKey: config.database.embedded,
  });
} catch (err) {
  log.fatal({ err }, "no credential key: cannot read cluster kubeconfigs");
  process.exit(1);
}
const worker = new Worker({
  config,
  prisma,
  log,
  clusterSync: { databaseUrl: config.database.url, cipher },
  metricsPort: config.worker.metricsPort,
});
worker.start();

/** A stop that cannot finish (e.g. the database went away with the launcher) must not keep the process alive. */
const SHUTDOWN_DEADLINE_MS = 15_000;

stop = (why: string) => {
  setTimeout(() => {
    log.error({ why }, "worker shutdown did not finish in time; exiting");
    process.exit(1);
  }, SHUTDOWN_DEADLINE_MS).unref();
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
// The launcher may have gone between registering the handlers and here.
if (process.send !== undefined && !process.connected) stop("launcher went away");
