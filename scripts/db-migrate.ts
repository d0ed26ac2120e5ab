// `npm run db:migrate`: applies Prisma's migrations and the job queue's to DATABASE_URL (what `npm start`
// does before it runs anything), without starting Shepherd.
import { loadConfigOrExit } from "../server/config";
import { migrateDatabase } from "../server/db/migrate";
import { createLogger } from "../server/log";

const config = loadConfigOrExit();
const log = createLogger(config, "migrate");
if (!config.database.url) {
  log.fatal("DATABASE_URL is not set: `npm start` migrates its embedded database by itself");
  process.exit(1);
}
await migrateDatabase(config.database.url, log);
