// One-off: creates an admin account in the database of DATABASE_URL.
//   npm run create-admin -- --email ops@example.com [--username ops] [--name "Ops team"]
// The password comes from SHEPHERD_ADMIN_PASSWORD, or else from the first line of standard input
// (`read -rs PW && printf '%s\n' "$PW" | npm run create-admin -- --email …`), never from the command line.
import { parseArgs } from "node:util";
import { CreateUserInput } from "../lib/auth/user-input";
import { loadConfig } from "../server/config";
import { createPrisma } from "../server/db/prisma";
import { createUser } from "../server/users/create-user";
import { usernameFromEmail } from "../server/users/ensure-initial-admin";

const { values } = parseArgs({
  options: { email: { type: "string" }, username: { type: "string" }, name: { type: "string" } },
});
const config = loadConfig();
if (!values.email || !config.database.url) {
  console.error(
    "usage: npm run create-admin -- --email EMAIL [--username NAME] [--name TEXT] (DATABASE_URL set)",
  );
  process.exit(2);
}

async function readPassword(): Promise<string> {
  if (process.env.SHEPHERD_ADMIN_PASSWORD) return process.env.SHEPHERD_ADMIN_PASSWORD;
  let text = "";
  for await (const chunk of process.stdin) text += String(chunk);
  return text.split("\n")[0] ?? "";
}

const parsed = CreateUserInput.safeParse({
  email: values.email,
  username: values.username ?? usernameFromEmail(values.email),
  name: values.name ?? "Administrator",
  password: await readPassword(),
  role: "admin",
});
if (!parsed.success) {
  console.error(`refused: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  process.exit(2);
}
const prisma = createPrisma(config.database.url, { maxConnections: 1 });
try {
  const user = await createUser(prisma, parsed.data, {
    id: "system:create-admin",
    name: "npm run create-admin",
  });
  console.log(`admin ${user.username} <${user.email}> created`);
} catch (err) {
  console.error(`could not create the admin: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
} finally {
  await prisma.$disconnect();
}
