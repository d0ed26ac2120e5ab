// Outside demo mode: the first admin, from SHEPHERD_ADMIN_EMAIL / SHEPHERD_ADMIN_PASSWORD, created at start
// while no admin exists. Once any admin exists the variables are ignored (the password is never reset).
import "server-only";
import type { PrismaClient } from "../db/prisma";
import { createUser } from "./create-user";

export async function ensureInitialAdmin(
  prisma: PrismaClient,
  admin: { email: string; password: string; username?: string },
  actor: { id: string; name: string },
): Promise<{ created: boolean; email: string }> {
  if ((await prisma.user.count({ where: { role: "admin" } })) > 0)
    return { created: false, email: admin.email };
  await createUser(
    prisma,
    {
      email: admin.email,
      username: admin.username ?? usernameFromEmail(admin.email),
      name: "Administrator",
      password: admin.password,
      role: "admin",
      serviceIds: [],
    },
    actor,
  );
  return { created: true, email: admin.email };
}

/** `ops.team@example.com` → `ops.team`; padded to the 3-character minimum, cut at 30. */
export function usernameFromEmail(email: string): string {
  const local = (email.split("@")[0] ?? "").toLowerCase().replace(/[^a-z0-9_.]/g, "_");
  return local.padEnd(3, "_").slice(0, 30);
}
