// A small OpenID Connect provider for tests only: discovery, JWKS, an authorization endpoint that consents at
// once for one configured identity, a token endpoint (authorization code; client_secret_post or
// client_secret_basic; PKCE S256/plain) that signs RS256 ID tokens with a key generated at start, and
// userinfo. It checks what a real provider checks — client, secret, redirect URI, code (single use, short
// lived), code verifier, bearer token — so a sign-in that passes here is a sign-in that did everything right.
// Plain node:http and node:crypto: the product's OIDC client is the thing under test, not a library of ours.
import {
  createHash,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
  sign,
  timingSafeEqual,
} from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface OidcTestIdentity {
  sub: string;
  email: string;
  name: string;
}

export interface OidcTestProviderOptions {
  clientId: string;
  clientSecret: string;
  /** Exact redirect URIs the client registered; anything else is refused without a redirect. */
  redirectUris: string[];
  identity: OidcTestIdentity;
  /** 0 (default): any free port. */
  port?: number;
  host?: string;
}

/** What the token endpoint saw, without the secret: lets a test prove PKCE and client authentication. */
export interface TokenExchange {
  outcome: "issued" | "invalid_client" | "invalid_grant" | "invalid_request" | "unsupported_grant_type";
  clientAuth: "client_secret_post" | "client_secret_basic" | "none";
  pkce: "S256" | "plain" | "none";
  nonce: boolean;
}

export interface OidcTestProvider {
  issuer: string;
  /** The identity the next authorization consents for; tests may change it. */
  identity: OidcTestIdentity;
  readonly tokenExchanges: readonly TokenExchange[];
  close(): Promise<void>;
}

const CODE_TTL_MS = 60_000;
const TOKEN_TTL_S = 3600;

interface PendingCode {
  clientId: string;
  redirectUri: string;
  scope: string;
  nonce: string | undefined;
  challenge: { value: string; method: "S256" | "plain" } | undefined;
  identity: OidcTestIdentity;
  expiresAt: number;
}

export async function startOidcTestProvider(options: OidcTestProviderOptions): Promise<OidcTestProvider> {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const kid = randomBytes(8).toString("hex");
  const jwk = { ...publicKey.export({ format: "jwk" }), kid, use: "sig", alg: "RS256" };
  const codes = new Map<string, PendingCode>();
  const accessTokens = new Map<string, { identity: OidcTestIdentity; expiresAt: number }>();
  const tokenExchanges: TokenExchange[] = [];
  let issuer = "";

  const server = createServer((req, res) => {
    handle(req, res).catch(() => answerServerError(res));
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", issuer);
    switch (`${req.method} ${url.pathname}`) {
      case "GET /.well-known/openid-configuration":
        return send(res, 200, discovery(issuer));
      case "GET /jwks":
        return send(res, 200, { keys: [jwk] });
      case "GET /authorize":
        return authorize(url.searchParams, res);
      case "POST /token":
        return token(req, new URLSearchParams(await readBody(req)), res);
      case "GET /userinfo":
      case "POST /userinfo":
        return userinfo(req, res);
      default:
        return send(res, 404, { error: "not_found" });
    }
  }

  function authorize(q: URLSearchParams, res: ServerResponse) {
    const redirectUri = q.get("redirect_uri") ?? "";
    // An unknown client or redirect URI is shown to the user, never redirected to (RFC 6749 §4.1.2.1).
    if (q.get("client_id") !== options.clientId || !options.redirectUris.includes(redirectUri)) {
      return send(res, 400, {
        error: "invalid_request",
        error_description: "unknown client or redirect_uri",
      });
    }
    const back = new URL(redirectUri);
    const state = q.get("state");
    if (state !== null) back.searchParams.set("state", state);
    back.searchParams.set("iss", issuer);
    const refuse = (error: string) => {
      back.searchParams.set("error", error);
      redirect(res, back);
    };
    if (q.get("response_type") !== "code") return refuse("unsupported_response_type");
    const scope = q.get("scope") ?? "";
    if (!scope.split(" ").includes("openid")) return refuse("invalid_scope");
    const challengeValue = q.get("code_challenge");
    const method = q.get("code_challenge_method") ?? "plain";
    if (challengeValue !== null && method !== "S256" && method !== "plain") return refuse("invalid_request");
    const code = randomBytes(24).toString("base64url");
    codes.set(code, {
      clientId: options.clientId,
      redirectUri,
      scope,
      nonce: q.get("nonce") ?? undefined,
      challenge:
        challengeValue === null ? undefined : { value: challengeValue, method: method as "S256" | "plain" },
      identity: { ...provider.identity },
      expiresAt: Date.now() + CODE_TTL_MS,
    });
    back.searchParams.set("code", code);
    redirect(res, back);
  }

  function token(req: IncomingMessage, body: URLSearchParams, res: ServerResponse) {
    const basic = basicCredentials(req.headers.authorization);
    const clientAuth: TokenExchange["clientAuth"] = basic
      ? "client_secret_basic"
      : body.has("client_secret")
        ? "client_secret_post"
        : "none";
    const pending = codes.get(body.get("code") ?? "");
    const record = (outcome: TokenExchange["outcome"]) =>
      tokenExchanges.push({
        outcome,
        clientAuth,
        pkce: pending?.challenge?.method ?? "none",
        nonce: pending?.nonce !== undefined,
      });
    const fail = (status: number, error: TokenExchange["outcome"]) => {
      record(error);
      send(res, status, { error }, status === 401 ? { "WWW-Authenticate": 'Basic realm="token"' } : {});
    };

    if (basic && body.has("client_secret")) return fail(400, "invalid_request");
    const clientId = basic?.id ?? body.get("client_id");
    const secret = basic?.secret ?? body.get("client_secret");
    if (clientId !== options.clientId || secret === null || !sameText(secret, options.clientSecret))
      return fail(401, "invalid_client");
    if (body.get("grant_type") !== "authorization_code") return fail(400, "unsupported_grant_type");
    // A code is good once, whatever happens next (RFC 6749 §4.1.2).
    codes.delete(body.get("code") ?? "");
    if (!pending || pending.expiresAt < Date.now() || pending.clientId !== clientId)
      return fail(400, "invalid_grant");
    if (body.get("redirect_uri") !== pending.redirectUri) return fail(400, "invalid_grant");
    if (!verifierMatches(pending.challenge, body.get("code_verifier"))) return fail(400, "invalid_grant");

    const now = Math.floor(Date.now() / 1000);
    const accessToken = randomBytes(24).toString("base64url");
    accessTokens.set(accessToken, { identity: pending.identity, expiresAt: Date.now() + TOKEN_TTL_S * 1000 });
    const idToken = signJwt(privateKey, kid, {
      iss: issuer,
      sub: pending.identity.sub,
      aud: clientId,
      iat: now,
      exp: now + TOKEN_TTL_S,
      auth_time: now,
      ...(pending.nonce !== undefined ? { nonce: pending.nonce } : {}),
      ...claims(pending.identity),
    });
    record("issued");
    send(
      res,
      200,
      {
        access_token: accessToken,
        token_type: "Bearer",
        expires_in: TOKEN_TTL_S,
        id_token: idToken,
        scope: pending.scope,
      },
      { "Cache-Control": "no-store", Pragma: "no-cache" },
    );
  }

  function userinfo(req: IncomingMessage, res: ServerResponse) {
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
    const grant = bearer ? accessTokens.get(bearer) : undefined;
    if (!grant || grant.expiresAt < Date.now()) {
      return send(
        res,
        401,
        { error: "invalid_token" },
        { "WWW-Authenticate": 'Bearer error="invalid_token"' },
      );
    }
    send(res, 200, { sub: grant.identity.sub, ...claims(grant.identity) });
  }

  const provider: OidcTestProvider = {
    issuer: "",
    identity: { ...options.identity },
    tokenExchanges,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  issuer = `http://${options.host ?? "127.0.0.1"}:${port}`;
  provider.issuer = issuer;
  return provider;
}

function discovery(issuer: string) {
  return {
    issuer,
    authorization_endpoint: `${issuer}/authorize`,
    token_endpoint: `${issuer}/token`,
    userinfo_endpoint: `${issuer}/userinfo`,
    jwks_uri: `${issuer}/jwks`,
    response_types_supported: ["code"],
    grant_types_supported: ["authorization_code"],
    subject_types_supported: ["public"],
    id_token_signing_alg_values_supported: ["RS256"],
    token_endpoint_auth_methods_supported: ["client_secret_post", "client_secret_basic"],
    code_challenge_methods_supported: ["S256", "plain"],
    scopes_supported: ["openid", "email", "profile"],
    claims_supported: ["sub", "iss", "aud", "exp", "iat", "nonce", "email", "email_verified", "name"],
    authorization_response_iss_parameter_supported: true,
  };
}

function claims(identity: OidcTestIdentity) {
  return { email: identity.email, email_verified: true, name: identity.name };
}

function verifierMatches(challenge: PendingCode["challenge"], verifier: string | null): boolean {
  if (!challenge) return true;
  if (verifier === null) return false;
  const derived =
    challenge.method === "S256" ? createHash("sha256").update(verifier).digest("base64url") : verifier;
  return sameText(derived, challenge.value);
}

/** RFC 6749 §2.3.1: id and secret are form-urlencoded before they are base64-encoded. */
function basicCredentials(header: string | undefined): { id: string; secret: string } | undefined {
  const encoded = /^Basic (.+)$/i.exec(header ?? "")?.[1];
  if (!encoded) return undefined;
  const decoded = Buffer.from(encoded, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return undefined;
  const formDecode = (s: string) => decodeURIComponent(s.replace(/\+/g, " "));
  return { id: formDecode(decoded.slice(0, colon)), secret: formDecode(decoded.slice(colon + 1)) };
}

function sameText(a: string, b: string): boolean {
  const [x, y] = [Buffer.from(a), Buffer.from(b)];
  return x.length === y.length && timingSafeEqual(x, y);
}

function signJwt(key: KeyObject, kid: string, payload: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const input = `${part({ alg: "RS256", typ: "JWT", kid })}.${part(payload)}`;
  return `${input}.${sign("sha256", Buffer.from(input), key).toString("base64url")}`;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** 500 when nothing was answered yet, else the half-sent answer is cut off (no second head). */
export function answerServerError(res: ServerResponse): void {
  if (res.headersSent) res.destroy();
  else send(res, 500, { error: "server_error" });
}

function redirect(res: ServerResponse, location: URL): void {
  res.writeHead(302, { Location: location.toString(), "Cache-Control": "no-store" }).end();
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json", ...headers }).end(text);
}
