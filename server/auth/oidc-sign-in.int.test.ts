// OpenID Connect sign-in end to end through the real auth library and PostgreSQL, against the test identity
// provider over real HTTP: Shepherd starts the flow, the provider consents and redirects back, Shepherd
// exchanges the code (client secret, PKCE, nonce-bound and signature-checked ID token) and signs the person
// in. Refusals leave no user, account or session behind, only their auth.sign_in_failed record; no secret may
// reach a log line or a response.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type OidcTestProvider, startOidcTestProvider } from "../testing/oidc-test-provider";
import { captureOutput } from "../testing/output-capture";
import type { Auth } from "./auth";
import { type AuthHarness, startAuthHarness, TEST_ORIGIN } from "./testing/auth-harness";

const CLIENT_ID = "shepherd-int";
const CLIENT_SECRET = `oidc-client-secret-${crypto.randomUUID()}`;
const IP = "198.51.100.7";
const KIM = { sub: "idp-kim", email: "kim.lee@corp.example", name: "Kim Lee" };

const output = captureOutput();
const bodies: string[] = [];
/** Every authorization code the provider handed out, to search the logs for later. */
const codes: string[] = [];
/** Every OAuth state Shepherd issued: in the provider's URL by design, never in a log or audit record. */
const states: string[] = [];
let idp: OidcTestProvider;
let h: AuthHarness;

beforeAll(async () => {
  idp = await startOidcTestProvider({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    redirectUris: [`${TEST_ORIGIN}/api/auth/callback/oidc`],
    identity: KIM,
  });
  h = await startAuthHarness({
    LOG_LEVEL: "trace",
    OIDC_ISSUER: idp.issuer,
    OIDC_CLIENT_ID: CLIENT_ID,
    OIDC_CLIENT_SECRET: CLIENT_SECRET,
    SIGN_IN_RATE_LIMIT_MAX: "100",
  });
});

afterAll(async () => {
  output.restore();
  await h?.close();
  await idp?.close();
});

async function keep(res: Response): Promise<Response> {
  bodies.push(await res.clone().text());
  return res;
}

const browser = { "user-agent": "vitest-browser", "x-forwarded-for": IP };

/** The sign-in page's button: asks Shepherd for the provider's URL. Returns it and the state cookie. */
async function begin(auth: Auth = h.auth, callbackURL = "/en"): Promise<{ url: string; cookie: string }> {
  const res = await keep(
    await auth.handler(
      new Request(`${TEST_ORIGIN}/api/auth/sign-in/social`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: TEST_ORIGIN, ...browser },
        body: JSON.stringify({ provider: "oidc", callbackURL }),
      }),
    ),
  );
  expect(res.status).toBe(200);
  const { url } = (await res.json()) as { url: string };
  return { url, cookie: h.cookieHeader(res) };
}

/** The browser at the provider, which consents at once and sends it back to Shepherd's callback. */
async function consent(url: string): Promise<URL> {
  const res = await fetch(url, { redirect: "manual" });
  expect(res.status).toBe(302);
  const callback = new URL(res.headers.get("location") ?? "");
  codes.push(callback.searchParams.get("code") ?? "");
  states.push(callback.searchParams.get("state") ?? "");
  return callback;
}

async function callback(callbackUrl: URL, cookie: string, auth: Auth = h.auth): Promise<Response> {
  return keep(await auth.handler(new Request(callbackUrl, { headers: { cookie, ...browser } })));
}

async function signInWithIdp(auth: Auth = h.auth): Promise<Response> {
  const { url, cookie } = await begin(auth);
  return callback(await consent(url), cookie, auth);
}

async function sessionOf(cookie: string) {
  const { getSession } = await import("./session");
  return getSession(new Headers({ cookie }));
}

/** What a refused sign-in must not change. */
async function footprint() {
  const [users, accounts, sessions, created, signIns] = await Promise.all([
    h.prisma.user.count(),
    h.prisma.account.count(),
    h.prisma.session.count(),
    h.prisma.auditLog.count({ where: { action: "user.create" } }),
    h.prisma.auditLog.count({ where: { action: "auth.sign_in" } }),
  ]);
  return { users, accounts, sessions, created, signIns };
}

let refusals = 0;

/** Refused: back to the sign-in page with the reason, no session cookie, one auth.sign_in_failed record. */
async function expectRefusedTo(res: Response, error: string) {
  expect(res.status).toBe(302);
  const location = new URL(res.headers.get("location") ?? "", TEST_ORIGIN);
  expect(location.pathname).toBe("/sign-in");
  expect(location.searchParams.get("error")).toBe(error);
  expect(
    res.headers.getSetCookie().filter((c) => c.startsWith("shepherd.session_token=") && !c.includes("=;")),
  ).toEqual([]);
  refusals += 1;
  const failures = await h.prisma.auditLog.findMany({
    where: { action: "auth.sign_in_failed" },
    orderBy: { createdAt: "desc" },
  });
  expect(failures).toHaveLength(refusals);
  expect(failures[0]).toMatchObject({
    actorId: "anonymous",
    ipAddress: IP,
    userAgent: "vitest-browser",
    outcome: "failure",
    details: { method: "oidc", reason: error },
  });
}

describe("OpenID Connect sign-in", () => {
  it("asks the provider for a code with PKCE (S256), a nonce and Shepherd's callback", async () => {
    const { url } = await begin();
    const q = new URL(url).searchParams;
    expect(url.startsWith(`${idp.issuer}/authorize?`)).toBe(true);
    expect(
      Object.fromEntries(
        ["response_type", "client_id", "redirect_uri", "code_challenge_method"].map((k) => [k, q.get(k)]),
      ),
    ).toEqual({
      response_type: "code",
      client_id: CLIENT_ID,
      redirect_uri: `${TEST_ORIGIN}/api/auth/callback/oidc`,
      code_challenge_method: "S256",
    });
    expect(q.get("scope")?.split(" ")).toEqual(expect.arrayContaining(["openid", "email", "profile"]));
    expect(q.get("nonce")).toBeTruthy();
    expect(q.get("state")).toBeTruthy();
  });

  it("a first sign-in creates a user with the least role, no memberships, and audits user.create and auth.sign_in", async () => {
    const res = await signInWithIdp();
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/en");
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith("shepherd.session_token="));
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);

    const session = await sessionOf(h.cookieHeader(res));
    expect(session).toMatchObject({ email: KIM.email, name: KIM.name, username: null, role: "user" });
    const user = await h.prisma.user.findUniqueOrThrow({
      where: { email: KIM.email },
      include: { accounts: true, memberships: true },
    });
    expect(user.role).toBe("user");
    expect(user.memberships).toEqual([]);
    expect(user.accounts.map((a) => [a.providerId, a.accountId, a.password])).toEqual([
      ["oidc", KIM.sub, null],
    ]);
    // The provider saw the client authenticate with its secret, a PKCE verifier and a nonce.
    expect(idp.tokenExchanges.at(-1)).toEqual({
      outcome: "issued",
      clientAuth: "client_secret_post",
      pkce: "S256",
      nonce: true,
    });

    const created = await h.prisma.auditLog.findMany({ where: { action: "user.create" } });
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({
      actorId: "system:oidc",
      resourceType: "user",
      resourceId: user.id,
      details: { role: "user", source: "oidc" },
    });
    const signIns = await h.prisma.auditLog.findMany({ where: { action: "auth.sign_in" } });
    expect(signIns).toHaveLength(1);
    expect(signIns[0]).toMatchObject({
      actorId: user.id,
      actorName: KIM.email,
      ipAddress: IP,
      userAgent: "vitest-browser",
      details: { method: "oidc" },
      outcome: "success",
    });
  });

  it("a second sign-in of the same identity reuses the user and its account", async () => {
    const before = await footprint();
    const { id } = await h.prisma.user.findUniqueOrThrow({ where: { email: KIM.email } });
    const res = await signInWithIdp();
    expect(res.status).toBe(302);
    expect((await sessionOf(h.cookieHeader(res)))?.id).toBe(id);
    expect(await footprint()).toEqual({
      ...before,
      sessions: before.sessions + 1,
      signIns: before.signIns + 1,
    });
  });

  it("keeps the role an admin gave: a sign-in does not reset it to user", async () => {
    await h.prisma.user.update({ where: { email: KIM.email }, data: { role: "approver" } });
    const res = await signInWithIdp();
    expect((await sessionOf(h.cookieHeader(res)))?.role).toBe("approver");
    await h.prisma.user.update({ where: { email: KIM.email }, data: { role: "user" } });
  });

  it("a callback URL with an `error` query (the sign-in page's `next`) is a sign-in, not a refusal", async () => {
    idp.identity = KIM;
    const signInsBefore = await h.prisma.auditLog.count({ where: { action: "auth.sign_in" } });
    const { url, cookie } = await begin(h.auth, "/en?error=x");
    const res = await callback(await consent(url), cookie);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/en?error=x");
    expect((await sessionOf(h.cookieHeader(res)))?.email).toBe(KIM.email);
    expect(await h.prisma.auditLog.count({ where: { action: "auth.sign_in" } })).toBe(signInsBefore + 1);
    expect(await h.prisma.auditLog.count({ where: { action: "auth.sign_in_failed" } })).toBe(0);
  });
});

describe("refused OpenID Connect sign-ins create nothing but their audit record", () => {
  const NEWCOMER = { sub: "idp-newcomer", email: "newcomer@corp.example", name: "New Comer" };

  it("a wrong client secret: the provider refuses the code exchange", async () => {
    idp.identity = NEWCOMER;
    const { createAuth } = await import("./auth");
    const { loadConfig } = await import("../config");
    const config = loadConfig();
    const oidc = config.auth.oidc;
    if (!oidc) throw new Error("OIDC is not configured in this test");
    const misconfigured = createAuth({
      prisma: h.prisma,
      config: {
        ...config,
        auth: { ...config.auth, oidc: { ...oidc, clientSecret: "not-the-client-secret" } },
      },
      secret: "test-secret-that-is-long-enough-0123456789",
      logger: h.log,
    });
    const before = await footprint();
    await expectRefusedTo(await signInWithIdp(misconfigured), "invalid_code");
    expect(idp.tokenExchanges.at(-1)?.outcome).toBe("invalid_client");
    expect(await footprint()).toEqual(before);
    expect(await h.prisma.user.count({ where: { email: NEWCOMER.email } })).toBe(0);
  });

  it("a state Shepherd never issued", async () => {
    idp.identity = NEWCOMER;
    const before = await footprint();
    const { url, cookie } = await begin();
    const back = await consent(url);
    back.searchParams.set("state", "a-state-shepherd-never-issued");
    await expectRefusedTo(await callback(back, cookie), "state_mismatch");
    expect(await footprint()).toEqual(before);
  });

  it("a callback without the state cookie of the browser that started it (login CSRF)", async () => {
    idp.identity = NEWCOMER;
    const before = await footprint();
    const { url } = await begin();
    await expectRefusedTo(await callback(await consent(url), ""), "state_mismatch");
    expect(await footprint()).toEqual(before);
  });

  it("a replayed callback", async () => {
    idp.identity = KIM;
    const { url, cookie } = await begin();
    const back = await consent(url);
    expect((await callback(back, cookie)).status).toBe(302);
    const before = await footprint();
    await expectRefusedTo(await callback(back, cookie), "state_mismatch");
    expect(await footprint()).toEqual(before);
  });

  it("an identity whose email belongs to a local account does not take that account over", async () => {
    const local = await h.addUser("root", "admin");
    idp.identity = { sub: "idp-impostor", email: local.email, name: "Impostor" };
    const before = await footprint();
    await expectRefusedTo(await signInWithIdp(), "account_not_linked");
    expect(await h.prisma.account.count({ where: { userId: local.id } })).toBe(1);
    expect(await footprint()).toEqual(before);
  });

  it("an origin other than Shepherd's may not start a sign-in", async () => {
    const before = await footprint();
    const res = await keep(
      await h.auth.handler(
        new Request(`${TEST_ORIGIN}/api/auth/sign-in/social`, {
          method: "POST",
          headers: { "content-type": "application/json", origin: "https://evil.example", ...browser },
          body: JSON.stringify({ provider: "oidc", callbackURL: "/en" }),
        }),
      ),
    );
    expect(res.status).toBe(403);
    expect(await footprint()).toEqual(before);
  });
});

describe("no OIDC secret in any log line or response", () => {
  it("captured output and response bodies hold no client secret, code, token or session token", async () => {
    const accounts = await h.prisma.account.findMany({ where: { providerId: "oidc" } });
    const tokens = accounts.flatMap((a) => [a.accessToken, a.idToken]).filter((t): t is string => !!t);
    const sessions = (await h.prisma.session.findMany({ select: { token: true } })).map((s) => s.token);
    expect(tokens.length).toBeGreaterThan(0);
    expect(output.chunks.length).toBeGreaterThan(0);
    const secrets = [CLIENT_SECRET, ...codes.filter(Boolean), ...tokens, ...sessions];
    const haystack = [...output.chunks, ...bodies];
    for (const secret of secrets) {
      expect(
        haystack.filter((text) => text.includes(secret)),
        `leaked: ${secret.slice(0, 4)}…`,
      ).toEqual([]);
    }
    const audit = JSON.stringify(await h.prisma.auditLog.findMany());
    for (const secret of secrets) expect(audit.includes(secret)).toBe(false);
  });

  it("no OAuth state in any log line or audit record, though refused callbacks log state errors", async () => {
    const issued = states.filter(Boolean);
    expect(issued.length).toBeGreaterThan(0);
    expect(output.chunks.some((text) => text.includes("Failed to parse state"))).toBe(true);
    const audit = JSON.stringify(await h.prisma.auditLog.findMany());
    for (const state of issued) {
      expect(
        output.chunks.filter((text) => text.includes(state)),
        `leaked state: ${state.slice(0, 4)}…`,
      ).toEqual([]);
      expect(audit.includes(state)).toBe(false);
    }
  });
});
