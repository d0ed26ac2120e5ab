// The test OpenID Connect provider refuses what a real one refuses; otherwise a sign-in test against it would
// prove less than it claims. Real HTTP on a loopback port.
import { createHash, createPublicKey, verify } from "node:crypto";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerServerError, type OidcTestProvider, startOidcTestProvider } from "./oidc-test-provider";

const REDIRECT = "http://app.test/api/auth/callback/oidc";
const SECRET = "s3cret/with:odd+chars";
const VERIFIER = "a-code-verifier-that-is-long-enough-0123456789-abcdefghijklmnop";
let idp: OidcTestProvider;

beforeAll(async () => {
  idp = await startOidcTestProvider({
    clientId: "shepherd",
    clientSecret: SECRET,
    redirectUris: [REDIRECT],
    identity: { sub: "u-1", email: "kim@example.test", name: "Kim" },
  });
});
afterAll(() => idp.close());

async function authorize(params: Record<string, string> = {}): Promise<Response> {
  const q = new URLSearchParams({
    response_type: "code",
    client_id: "shepherd",
    redirect_uri: REDIRECT,
    scope: "openid email",
    state: "st-1",
    nonce: "n-1",
    code_challenge: createHash("sha256").update(VERIFIER).digest("base64url"),
    code_challenge_method: "S256",
    ...params,
  });
  return fetch(`${idp.issuer}/authorize?${q}`, { redirect: "manual" });
}

async function code(params: Record<string, string> = {}): Promise<string> {
  const location = new URL((await authorize(params)).headers.get("location") ?? "");
  return location.searchParams.get("code") ?? "";
}

function exchange(form: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${idp.issuer}/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams({ grant_type: "authorization_code", redirect_uri: REDIRECT, ...form }),
  });
}

const post = { client_id: "shepherd", client_secret: SECRET };

describe("OIDC test provider", () => {
  it("redirects back with code, state and iss; signs an ID token its JWKS verifies", async () => {
    const discovery = await (await fetch(`${idp.issuer}/.well-known/openid-configuration`)).json();
    expect(discovery).toMatchObject({ issuer: idp.issuer, token_endpoint: `${idp.issuer}/token` });
    const res = await authorize();
    expect(res.status).toBe(302);
    const back = new URL(res.headers.get("location") ?? "");
    expect(`${back.origin}${back.pathname}`).toBe(REDIRECT);
    expect(back.searchParams.get("state")).toBe("st-1");
    expect(back.searchParams.get("iss")).toBe(idp.issuer);

    const tokens = await (
      await exchange({ ...post, code: back.searchParams.get("code") ?? "", code_verifier: VERIFIER })
    ).json();
    const [header = "", payload = "", signature = ""] = tokens.id_token.split(".");
    const { keys } = await (await fetch(discovery.jwks_uri)).json();
    const key = createPublicKey({ key: keys[0], format: "jwk" });
    expect(
      verify("sha256", Buffer.from(`${header}.${payload}`), key, Buffer.from(signature, "base64url")),
    ).toBe(true);
    expect(JSON.parse(Buffer.from(payload, "base64url").toString())).toMatchObject({
      iss: idp.issuer,
      aud: "shepherd",
      sub: "u-1",
      nonce: "n-1",
      email: "kim@example.test",
    });
    const info = await fetch(`${idp.issuer}/userinfo`, {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    expect(await info.json()).toMatchObject({ sub: "u-1", name: "Kim" });
    expect(idp.tokenExchanges.at(-1)).toEqual({
      outcome: "issued",
      clientAuth: "client_secret_post",
      pkce: "S256",
      nonce: true,
    });
  });

  it("accepts client_secret_basic with form-encoded credentials", async () => {
    const basic = Buffer.from(`shepherd:${encodeURIComponent(SECRET)}`).toString("base64");
    const res = await exchange(
      { code: await code(), code_verifier: VERIFIER },
      { authorization: `Basic ${basic}` },
    );
    expect(res.status).toBe(200);
    expect(idp.tokenExchanges.at(-1)?.clientAuth).toBe("client_secret_basic");
  });

  it.each<[string, () => Promise<Record<string, string>>, number, string]>([
    [
      "a wrong secret",
      async () => ({ ...post, client_secret: "nope", code: await code() }),
      401,
      "invalid_client",
    ],
    ["no code verifier", async () => ({ ...post, code: await code() }), 400, "invalid_grant"],
    [
      "a wrong code verifier",
      async () => ({ ...post, code: await code(), code_verifier: `${VERIFIER}x` }),
      400,
      "invalid_grant",
    ],
    [
      "another redirect_uri",
      async () => ({
        ...post,
        code: await code(),
        code_verifier: VERIFIER,
        redirect_uri: "http://evil.test/cb",
      }),
      400,
      "invalid_grant",
    ],
    [
      "an unknown code",
      async () => ({ ...post, code: "made-up", code_verifier: VERIFIER }),
      400,
      "invalid_grant",
    ],
  ])("refuses %s", async (_name, form, status, error) => {
    const res = await exchange(await form());
    expect(res.status).toBe(status);
    expect((await res.json()).error).toBe(error);
  });

  it("honours a code once only", async () => {
    const c = await code();
    expect((await exchange({ ...post, code: c, code_verifier: VERIFIER })).status).toBe(200);
    expect((await exchange({ ...post, code: c, code_verifier: VERIFIER })).status).toBe(400);
  });

  it("never redirects to an unregistered URI; refuses userinfo without a valid token", async () => {
    const res = await authorize({ redirect_uri: "http://evil.test/cb" });
    expect(res.status).toBe(400);
    expect(res.headers.get("location")).toBeNull();
    expect((await fetch(`${idp.issuer}/userinfo`, { headers: { authorization: "Bearer x" } })).status).toBe(
      401,
    );
  });
});

describe("answerServerError", () => {
  /** One request to a server whose handler wrote `sent` before failing (and what answerServerError threw). */
  async function failAfter(sent: (res: ServerResponse) => void) {
    let thrown: unknown;
    const server = createServer((_req, res) => {
      sent(res);
      try {
        answerServerError(res);
      } catch (err) {
        thrown = err;
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const answer = await fetch(`http://127.0.0.1:${port}/`)
        .then(async (res) => ({ status: res.status, body: await res.text() }))
        .catch(() => "cut off" as const);
      return { answer, thrown };
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  }

  it("answers 500 when nothing was sent yet", async () => {
    expect(await failAfter(() => {})).toEqual({
      answer: { status: 500, body: '{"error":"server_error"}' },
      thrown: undefined,
    });
  });

  it("cuts off an answer already under way instead of writing a second head", async () => {
    const result = await failAfter((res) => {
      res.writeHead(200, { "Content-Length": "100" });
      res.write("partial");
    });
    expect(result).toEqual({ answer: "cut off", thrown: undefined });
  });
});
