// Applies pending Prisma migrations with the real Prisma CLI (`prisma migrate deploy`), which only runs
// migrations that the database has not seen, then the job queue's own migrations (graphile-worker). Used at
// start, by `npm run db:migrate` and by the test setup.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { migrateJobQueue } from "../jobs/job-queue-schema";
import type { Logger } from "../log";

const require = createRequire(import.meta.url);

export async function migrateDatabase(url: string, log: Logger): Promise<void> {
  const cli = require.resolve("prisma/build/index.js");
  const root = fileURLToPath(new URL("../../", import.meta.url)); // prisma.config.ts lives there
  const started = Date.now();
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, [cli, "migrate", "deploy"], {
      cwd: root,
      // biome-ignore lint/style/noProcessEnv: the CLI child inherits PATH and friends; nothing is read here
      env: { ...process.env, DATABASE_URL: url, CHECKPOINT_DISABLE: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let text = "";
    child.stdout.on("data", (d: Buffer) => {
      text += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      text += d.toString();
    });
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve(text) : reject(new Error(`prisma migrate deploy failed (exit ${code}):\n${text}`)),
    );
  });
  // `migrate deploy` prints the applied migrations as a tree: one "name/" line each, then its files.
  const applied = [...output.matchAll(/^\s*[└├]─ (\S+)\/$/gm)].map((m) => m[1]);
  log.info(
    { applied, ms: Date.now() - started },
    applied.length ? "migrations applied" : "database schema up to date",
  );
  await migrateJobQueue(url, log);
}
