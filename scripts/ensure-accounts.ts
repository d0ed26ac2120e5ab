// Run by the launcher after migrations, with the server's module conditions. Demo mode (embedded database):
// seeds the admin, approver and user accounts and prints their generated passwords once, and the demo systems
// and services the demo clusters' VMs are labelled with (for the adoption inbox). Otherwise: creates
// the initial admin from SHEPHERD_ADMIN_EMAIL / SHEPHERD_ADMIN_PASSWORD while no admin exists.
// Usage (by the launcher): node --conditions=react-server --import tsx scripts/ensure-accounts.ts
import { loadConfig } from "../server/config";
import { createPrisma } from "../server/db/prisma";
import { createLogger } from "../server/log";
import { ensureInitialAdmin } from "../server/users/ensure-initial-admin";
import { seedDemoAccounts } from "../server/users/seed-demo-accounts";
import { seedDemoServices } from "../server/users/seed-demo-services";

const config = loadConfig();
const log = createLogger(config, "accounts");
if (!config.database.url) {
  log.fatal("DATABASE_URL is not set");
  process.exit(2);
}
const prisma = createPrisma(config.database.url, { maxConnections: 2 });
try {
  if (config.database.embedded) {
    const { file, created } = await seedDemoAccounts(prisma, config.dataDir);
    if (created.length > 0) {
      // Plain console output, never a log line: passwords must not reach log collectors (this is shown once).
      const rows = created.map((a) => `    ${a.username.padEnd(10)} ${a.password}`).join("\n");
      process.stdout.write(`\n  Demo accounts (shown once; also saved in ${file}):\n${rows}\n\n`);
      log.info({ file, accounts: created.map((a) => a.username) }, "demo accounts created");
    } else {
      log.info({ file }, "demo accounts exist; their passwords are in the file");
    }
    const services = await seedDemoServices(prisma);
    if (services.created.length > 0) log.info({ services: services.created }, "demo services created");
  } else if (config.auth.initialAdmin) {
    const { created, email } = await ensureInitialAdmin(prisma, config.auth.initialAdmin, {
      id: "system:initial-admin",
      name: "npm start (SHEPHERD_ADMIN_EMAIL)",
    });
    log.info({ email }, created ? "initial admin created" : "an admin exists; SHEPHERD_ADMIN_* ignored");
  }
} catch (err) {
  log.error({ err }, "accounts could not be prepared");
  process.exitCode = 1;
} finally {
  await prisma.$disconnect();
}
