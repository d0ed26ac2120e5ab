// Vitest global setup for integration tests: one real PostgreSQL per test run (embedded, unless
// DATABASE_URL points at a server whose user may create databases), with a migrated template database.
// Each test file then clones the template into a fresh database (test-database.ts), which takes
// milliseconds instead of a full migration.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { parseConfig } from "../config";
import { type EmbeddedDatabase, freePort, startEmbeddedDatabase } from "../db/embedded-database";
import { migrateDatabase } from "../db/migrate";
import { createLogger } from "../log";

export const TEMPLATE_DATABASE = "shepherd_test_template";

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplateDatabase: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const config = parseConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? "warn" });
  const log = createLogger(config, "test-db");
  let embedded: EmbeddedDatabase | undefined;
  let tmp: string | undefined;
  let adminUrl: string;

  if (config.database.url) {
    adminUrl = config.database.url;
  } else {
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), "shepherd-test-pg-"));
    embedded = await startEmbeddedDatabase({
      dir: path.join(tmp, "pg"),
      port: await freePort(),
      database: "postgres",
      persistent: false,
      log,
    });
    adminUrl = embedded.adminUrl;
  }

  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  await admin.end();
  const templateUrl = new URL(adminUrl);
  templateUrl.pathname = `/${TEMPLATE_DATABASE}`;
  await migrateDatabase(templateUrl.toString(), log);

  project.provide("pgAdminUrl", adminUrl);
  project.provide("pgTemplateDatabase", TEMPLATE_DATABASE);

  return async () => {
    await embedded?.stop();
    if (tmp) await fs.rm(tmp, { recursive: true, force: true });
  };
}
