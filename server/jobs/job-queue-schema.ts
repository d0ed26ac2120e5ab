// The job queue's own tables (graphile-worker's schema `graphile_worker`): created and upgraded by the library's
// migrations, which run right after Prisma's (server/db/migrate.ts) at start, in `npm run db:migrate` and in
// the integration tests' template database. They are idempotent: an up-to-date schema is left alone.
import { Logger as GraphileLogger, type LogLevel, runMigrations } from "graphile-worker";
import type { Logger } from "../log";

/** The PostgreSQL schema graphile-worker keeps its jobs in; enqueue-job.ts calls `graphile_worker.add_job`. */
export const JOB_QUEUE_SCHEMA = "graphile_worker";

export async function migrateJobQueue(url: string, log: Logger): Promise<void> {
  const started = Date.now();
  await runMigrations({ connectionString: url, schema: JOB_QUEUE_SCHEMA, logger: graphileLogger(log) });
  log.info({ ms: Date.now() - started }, "job queue schema up to date");
}

/** graphile-worker's logger writing to pino, with the library's scope (worker, task, job ids) as fields. */
export function graphileLogger(log: Logger): GraphileLogger {
  return new GraphileLogger((scope) => {
    const child = log.child({ component: "job-queue", ...scope });
    return (level: LogLevel, message: string, meta?: unknown) => {
      const fields = typeof meta === "object" && meta !== null ? meta : {};
      // A const enum of the library's typings: compare its string values.
      switch (String(level)) {
        case "error":
          return child.error(fields, message);
        case "warning":
          return child.warn(fields, message);
        case "info":
          return child.info(fields, message);
        default:
          return child.debug(fields, message);
      }
    };
  });
}
