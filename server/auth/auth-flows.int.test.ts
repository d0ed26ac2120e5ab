// Sign-in, sign-out, roles, membership scope, rate limits, demo seeding and the audit they leave, against the
// real auth library and PostgreSQL. Every log line written meanwhile, and every response body, is kept and
// finally searched for secrets: no password, session token or kubeconfig may appear in any of them.
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { captureOutput } from "../testing/output-capture";
import type { SessionUser } from "./session";
import { type AuthHarness, startAuthHarness, TEST_ORIGIN, TEST_PASSWORD } from "./testing/auth-harness";

const output = captureOutput();
const logged = output.chunks;
const bodies: string[] = [];

let h: AuthHarness;

beforeAll(async () => {
  h = await startAuthHarness({
    LOG_LEVEL: "trace",
    SIGN_IN_RATE_LIMIT_MAX: "4",
    SIGN_IN_RATE_LIMIT_WINDOW_SECONDS: "60",
  });
});

afterAll(async () => {
  output.restore();
  await h?.close();
});

async function keep(res: Response): Promise<Response> {
  bodies.push(await res.clone().text());
  return res;
}

async function sessionOf(cookie: string): Promise<SessionUser | null> {
  const { getSession } = await import("./session");
  return getSession(new Headers({ cookie }));
}

async function addServices(systemName: string, names: [string, string]) {
  const system = await h.prisma.system.create({ data: { name: systemName } });
  const create = (name: string) => h.prisma.service.create({ data: { name, systemId: system.id } });
  return [await create(names[0]), await create(names[1])] as const;
}

async function audits(action: string) {
  return h.prisma.auditLog.findMany({ where: { action }, orderBy: { createdAt: "asc" } });
}

describe("sign-in and sign-out", () => {
  it("signs in with a username, sets an HttpOnly SameSite cookie, and audits auth.sign_in", async () => {
    await h.addUser("alice", "user");
    const res = await keep(await h.signIn("alice", TEST_PASSWORD, "203.0.113.1"));
    expect(res.status).toBe(200);
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith("shepherd.session_token="));
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(await sessionOf(h.cookieHeader(res))).toMatchObject({ username: "alice", role: "user" });
    const [record] = await audits("auth.sign_in");
    expect(record).toMatchObject({
      actorName: "alice",
      ipAddress: "203.0.113.1",
      userAgent: "vitest",
      outcome: "success",
    });
  });

  it("signs in with an email too", async () => {
    await h.addUser("bob", "approver");
    const res = await keep(
      await h.post(
        "/sign-in/email",
        { email: "BOB@example.test", password: TEST_PASSWORD },
        { "x-forwarded-for": "203.0.113.2" },
      ),
    );
    expect(res.status).toBe(200);
    expect(await sessionOf(h.cookieHeader(res))).toMatchObject({ username: "bob", role: "approver" });
  });

  it("answers a wrong password and an unknown user alike, and audits both as failures", async () => {
    await h.addUser("carol", "user");
    const wrong = await keep(await h.signIn("carol", "not the password at all", "203.0.113.3"));
    const unknown = await keep(await h.signIn("nobody_here", "not the password at all", "203.0.113.3"));
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const [a, b] = [await wrong.json(), await unknown.json()];
    expect(a.message).toBe(b.message);
    expect(wrong.headers.getSetCookie()).toEqual([]);
    const failures = await audits("auth.sign_in_failed");
    expect(failures.map((f) => [f.outcome, f.resourceName, f.ipAddress])).toEqual([
      ["failure", "ca***", "203.0.113.3"],
      ["failure", "no***", "203.0.113.3"],
    ]);
    expect(failures[0]?.resourceId).not.toBe("unknown");
    expect(failures[1]?.resourceId).toBe("unknown");
  });

  it("signs out: the session is gone from the database, the cookie cleared, and auth.sign_out audited", async () => {
    await h.addUser("dave", "user");
    const cookie = h.cookieHeader(await keep(await h.signIn("dave", TEST_PASSWORD, "203.0.113.4")));
    expect(await sessionOf(cookie)).not.toBeNull();
    const out = await keep(await h.post("/sign-out", {}, { cookie }));
    expect(out.status).toBe(200);
    expect(out.headers.getSetCookie().join()).toMatch(/shepherd\.session_token=;/);
    expect(await sessionOf(cookie)).toBeNull();
    expect((await audits("auth.sign_out")).map((r) => r.actorName)).toEqual(["dave"]);
  });

  it("serves none of the library endpoints Shepherd does not use: no sign-up, no username probe", async () => {
    const signUp = await keep(
      await h.post("/sign-up/email", { email: "x@example.test", password: TEST_PASSWORD, name: "x" }),
    );
    const probe = await keep(await h.post("/is-username-available", { username: "alice" }));
    expect([signUp.status, probe.status]).toEqual([404, 404]);
    expect(await h.prisma.user.count({ where: { email: "x@example.test" } })).toBe(0);
  });

  it("refuses a sign-in posted from another origin", async () => {
    await h.addUser("erin", "user");
    const res = await keep(
      await h.post(
        "/sign-in/username",
        { username: "erin", password: TEST_PASSWORD },
        { origin: "https://evil.example" },
      ),
    );
    expect(res.status).toBe(403);
  });
});

describe("rate limits", () => {
  it("limits sign-in attempts per client address (429 with Retry-After) across usernames", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await keep(await h.signIn(`ghost${i}`, "wrong-password-x", "192.0.2.77"))).status);
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
    const limited = await h.signIn("ghost9", "wrong-password-x", "192.0.2.77");
    expect(Number(limited.headers.get("X-Retry-After"))).toBeGreaterThan(0);
  });

  it("limits attempts on one account even when the address changes every time", async () => {
    await h.addUser("frank", "user");
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await keep(await h.signIn("frank", "wrong-password-x", `192.0.2.${100 + i}`))).status);
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
    // Even the right password waits out the window.
    expect((await h.signIn("frank", TEST_PASSWORD, "192.0.2.120")).status).toBe(429);
  });
});

describe("roles and memberships", () => {
  it("a role change applies on the next request and is audited; memberships are replaced and audited", async () => {
    const { setUserRole } = await import("../users/set-user-role");
    const { setUserMemberships } = await import("../users/set-user-memberships");
    const admin = { id: "admin-actor", name: "root" };
    const { id } = await h.addUser("grace", "user");
    const cookie = h.cookieHeader(await h.signIn("grace", TEST_PASSWORD, "203.0.113.9"));
    await setUserRole(h.prisma, { userId: id, role: "approver" }, admin);
    expect((await sessionOf(cookie))?.role).toBe("approver");

    const [web, db] = await addServices("shop", ["web", "db"]);
    await setUserMemberships(h.prisma, { userId: id, serviceIds: [web.id, db.id] }, admin);
    expect(await setUserMemberships(h.prisma, { userId: id, serviceIds: [db.id] }, admin)).toEqual({
      added: [],
      removed: [web.id],
    });
    expect((await audits("user.role_change"))[0]).toMatchObject({
      details: { from: "user", to: "approver" },
    });
    expect((await audits("user.membership_change")).map((r) => r.details)).toEqual([
      { added: [web.id, db.id], removed: [] },
      { added: [], removed: [web.id] },
    ]);
    await expect(
      setUserMemberships(h.prisma, { userId: id, serviceIds: ["no-such-service"] }, admin),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("the database refuses a role outside admin, approver, user", async () => {
    const { id } = await h.addUser("henry", "user");
    await expect(h.prisma.user.update({ where: { id }, data: { role: "root" } })).rejects.toThrow(
      /users_role_check/,
    );
  });

  it("a user sees and reaches only the VMs of their services; an admin sees all", async () => {
    const { requireAccessToVM, visibleVmsWhere } = await import("./require-access-to-vm");
    const [mine, theirs] = await addServices("bank", ["mine", "theirs"]);
    const vmA = await h.prisma.vm.create({
      data: { name: "bank-mine-01", namespace: "team", serviceId: mine.id },
    });
    const vmB = await h.prisma.vm.create({
      data: { name: "bank-theirs-01", namespace: "team", serviceId: theirs.id },
    });
    const member = await h.addUser("ivan", "user", [mine.id]);
    const ivan: SessionUser = {
      id: member.id,
      name: "ivan",
      email: member.email,
      username: "ivan",
      role: "user",
    };
    const root: SessionUser = { ...ivan, id: "root-id", role: "admin" };

    const names = async (u: SessionUser) =>
      (await h.prisma.vm.findMany({ where: visibleVmsWhere(u), orderBy: { name: "asc" } })).map(
        (v) => v.name,
      );
    expect(await names(ivan)).toEqual(["bank-mine-01"]);
    expect(await names(root)).toEqual(["bank-mine-01", "bank-theirs-01"]);
    await expect(requireAccessToVM(h.prisma, ivan, vmA.id, "vm.operate")).resolves.toMatchObject({
      id: vmA.id,
    });
    await expect(requireAccessToVM(h.prisma, ivan, vmB.id)).rejects.toMatchObject({ code: "VM_NOT_FOUND" });
    await expect(requireAccessToVM(h.prisma, root, vmB.id)).resolves.toMatchObject({ id: vmB.id });
  });
});

describe("demo accounts and the initial admin", () => {
  it("seeds admin, approver and user once; a second run creates and reveals nothing", async () => {
    const { seedDemoAccounts, parseDemoAccounts } = await import("../users/seed-demo-accounts");
    const first = await seedDemoAccounts(h.prisma, h.dataDir);
    expect(first.created.map((a) => a.role)).toEqual(["admin", "approver", "user"]);
    expect(fs.statSync(first.file).mode & 0o077).toBe(0);
    const fromFile = parseDemoAccounts(fs.readFileSync(first.file, "utf8"));
    expect(fromFile).toEqual(first.created);
    for (const account of fromFile) {
      const res = await h.signIn(
        account.username,
        account.password,
        `203.0.113.${50 + fromFile.indexOf(account)}`,
      );
      expect((await sessionOf(h.cookieHeader(res)))?.role).toBe(account.role);
    }
    const second = await seedDemoAccounts(h.prisma, h.dataDir);
    expect(second.created).toEqual([]);
    expect(parseDemoAccounts(fs.readFileSync(second.file, "utf8"))).toEqual(first.created);
    expect(await h.prisma.auditLog.count({ where: { action: "user.create", actorId: "system:demo" } })).toBe(
      3,
    );
  });

  it("creates the initial admin only while there is no admin", async () => {
    const { ensureInitialAdmin } = await import("../users/ensure-initial-admin");
    const actor = { id: "system:initial-admin", name: "test" };
    // The demo seeding above made an admin already.
    expect(
      await ensureInitialAdmin(h.prisma, { email: "ops@example.test", password: TEST_PASSWORD }, actor),
    ).toEqual({
      created: false,
      email: "ops@example.test",
    });
    await h.prisma.user.updateMany({ where: { role: "admin" }, data: { role: "user" } });
    expect(
      (await ensureInitialAdmin(h.prisma, { email: "ops@example.test", password: TEST_PASSWORD }, actor))
        .created,
    ).toBe(true);
    const res = await h.post(
      "/sign-in/email",
      { email: "ops@example.test", password: TEST_PASSWORD },
      { "x-forwarded-for": "203.0.113.70" },
    );
    expect((await sessionOf(h.cookieHeader(res)))?.role).toBe("admin");
  });
});

describe("no secret in any log line or response", () => {
  it("captured output contains no password, session token or kubeconfig", async () => {
    const tokens = (await h.prisma.session.findMany({ select: { token: true } })).map((s) => s.token);
    const demoPasswords = fs.existsSync(`${h.dataDir}/demo-accounts.txt`)
      ? fs
          .readFileSync(`${h.dataDir}/demo-accounts.txt`, "utf8")
          .split("\n")
          .map((l) => l.split("\t")[1])
          .filter(Boolean)
      : [];
    const secrets = [
      TEST_PASSWORD,
      "not the password at all",
      "wrong-password-x",
      ...tokens,
      ...(demoPasswords as string[]),
    ];
    expect(tokens.length).toBeGreaterThan(3);
    expect(logged.length).toBeGreaterThan(0);
    const haystack = [...logged, ...bodies];
    for (const secret of secrets) {
      expect(
        haystack.filter((text) => text.includes(secret)),
        `leaked: ${secret.slice(0, 4)}…`,
      ).toEqual([]);
    }
    expect(
      haystack.filter((text) =>
        /apiVersion:\s*v1[\s\S]*kind:\s*Config|client-key-data|certificate-authority-data/.test(text),
      ),
    ).toEqual([]);
    // The audit trail holds no secret either.
    const audit = JSON.stringify(await h.prisma.auditLog.findMany());
    for (const secret of secrets) expect(audit.includes(secret)).toBe(false);
    expect(TEST_ORIGIN).toBe("http://shepherd.test");
  });
});
