// Integration-test harness for authentication: a fresh migrated database, the environment the auth module
// reads (set before any server module is imported, since configuration is read once per process), the real
// better-auth instance, and helpers to create users and sign them in through the library's HTTP handler.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Role } from "@/lib/auth/permissions";
import { createTestDatabase, type TestDatabase } from "../../testing/test-database";

export const TEST_ORIGIN = "http://shepherd.test";
export const TEST_PASSWORD = "correct horse battery staple";

export async function startAuthHarness(env: Record<string, string> = {}) {
  const db: TestDatabase = await createTestDatabase();
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "shepherd-auth-"));
  // biome-ignore lint/style/noProcessEnv: the harness sets the environment the code under test reads once
  Object.assign(process.env, {
    DATABASE_URL: db.url,
    BETTER_AUTH_SECRET: "test-secret-that-is-long-enough-0123456789",
    SHEPHERD_PUBLIC_URL: TEST_ORIGIN,
    SHEPHERD_DATA_DIR: dataDir,
    SHEPHERD_EMBEDDED_DATABASE: "false",
    ...env,
  });
  const [{ getWebContext }, { createUser }] = await Promise.all([
    import("../../web-context"),
    import("../../users/create-user"),
  ]);
  // The same composition root the route handlers and actions under test use.
  const ctx = getWebContext();
  const auth = await ctx.auth();
  const { prisma, log } = ctx;
  const system = { id: "system:test", name: "test" };

  async function addUser(username: string, role: Role, serviceIds: string[] = []) {
    return createUser(
      prisma,
      {
        email: `${username}@example.test`,
        username,
        name: username,
        password: TEST_PASSWORD,
        role,
        serviceIds,
      },
      system,
    );
  }

  /** POSTs to the library's handler as a browser on Shepherd's page would. */
  async function post(
    pathname: string,
    body: unknown,
    headers: Record<string, string> = {},
  ): Promise<Response> {
    return auth.handler(
      new Request(`${TEST_ORIGIN}/api/auth${pathname}`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          origin: TEST_ORIGIN,
          "user-agent": "vitest",
          ...headers,
        },
        body: JSON.stringify(body),
      }),
    );
  }

  async function signIn(username: string, password = TEST_PASSWORD, ip = "203.0.113.10"): Promise<Response> {
    return post("/sign-in/username", { username, password }, { "x-forwarded-for": ip });
  }

  /** The Cookie header a browser would send after this response. */
  function cookieHeader(response: Response): string {
    return response.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
  }

  async function sessionCookie(username: string, role: Role, ip?: string): Promise<string> {
    await addUser(username, role);
    const res = await signIn(username, TEST_PASSWORD, ip);
    if (res.status !== 200) throw new Error(`sign-in of ${username} failed: ${res.status}`);
    return cookieHeader(res);
  }

  return {
    db,
    dataDir,
    ctx,
    auth,
    prisma,
    log,
    addUser,
    post,
    signIn,
    cookieHeader,
    sessionCookie,
    async close() {
      await ctx.events.close();
      await prisma.$disconnect();
      await db.drop();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

export type AuthHarness = Awaited<ReturnType<typeof startAuthHarness>>;

/** One checksum per table of the public schema: equal before and after ⇔ nothing changed. */
export async function tableChecksums(prisma: AuthHarness["prisma"]): Promise<Record<string, string>> {
  const tables = await prisma.$queryRaw<{ name: string }[]>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`;
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    const rows = await prisma.$queryRawUnsafe<{ n: number; sum: string | null }[]>(
      `SELECT count(*)::int AS n, md5(string_agg(t::text, '|' ORDER BY t::text)) AS sum FROM "${name}" t`,
    );
    out[name] = `${rows[0]?.n}:${rows[0]?.sum ?? ""}`;
  }
  return out;
}
