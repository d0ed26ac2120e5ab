/**
 * The better-auth instance: local accounts (email or username + password, hashed by the library), sessions in
 * PostgreSQL through the Prisma adapter, the library's rate limiter on sign-in (database storage, so every web
 * process counts the same attempts), optional OpenID Connect sign-in, and the audit of sign-in, sign-out and
 * failed sign-ins. Everything else the library could serve (sign-up, password reset, profile changes …) is
 * switched off: accounts are created by admins, the initial-admin command and demo seeding (server/users).
 */
import "server-only";
import path from "node:path";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { APIError, createAuthMiddleware, isAPIError } from "better-auth/api";
import { nextCookies } from "better-auth/next-js";
import { genericOAuth, username } from "better-auth/plugins";
import type { Config } from "../config";
import type { PrismaClient } from "../db/prisma";
import { ensureKeyFile } from "../k8s/credential-cipher";
import type { Logger } from "../log";
import { createAuthAudit } from "./auth-audit";
import { crossOriginReason, isStateChanging } from "./origin-check";
import { consumeSignInAttempt } from "./sign-in-throttle";

export const AUTH_BASE_PATH = "/api/auth";
export const OIDC_PROVIDER_ID = "oidc";
export const AUTH_SECRET_FILE = "auth-secret.key";
/** Sessions last a working day; activity extends them, at most once an hour (one write per hour per user). */
const SESSION_EXPIRES_IN_S = 12 * 60 * 60;
const SESSION_UPDATE_AGE_S = 60 * 60;

/** The library endpoints Shepherd serves; every other one answers 404 (see disabledPaths). */
export const ENABLED_AUTH_PATHS = [
  "/sign-in/email",
  "/sign-in/username",
  "/sign-in/social",
  "/callback/:id",
  "/sign-out",
  "/ok",
  "/error",
] as const;

const DISABLED_AUTH_PATHS = [
  // Its body carries the session token, which the HttpOnly cookie keeps away from scripts; the server reads
  // sessions through auth.api (server/auth/session.ts), which this does not affect.
  "/get-session",
  "/sign-up/email",
  "/is-username-available",
  "/update-user",
  "/delete-user",
  "/delete-user/callback",
  "/change-email",
  "/change-password",
  "/set-password",
  "/verify-password",
  "/verify-email",
  "/send-verification-email",
  "/request-password-reset",
  "/reset-password",
  "/update-session",
  "/list-sessions",
  "/revoke-session",
  "/revoke-sessions",
  "/revoke-other-sessions",
  "/link-social",
  "/list-accounts",
  "/unlink-account",
  "/refresh-token",
  "/get-access-token",
  "/account-info",
  "/oauth2/link",
];

export interface AuthDeps {
  prisma: PrismaClient;
  config: Pick<Config, "auth" | "env">;
  secret: string;
  logger: Logger;
}

export function createAuth({ prisma, config, secret, logger }: AuthDeps) {
  const { publicOrigin, oidc, signInRateLimit } = config.auth;
  const audit = createAuthAudit({ prisma, logger });
  const signInRule = { window: signInRateLimit.windowSeconds, max: signInRateLimit.max };
  return betterAuth({
    appName: "Shepherd",
    baseURL: publicOrigin,
    basePath: AUTH_BASE_PATH,
    secret,
    database: prismaAdapter(prisma, { provider: "postgresql", transaction: true }),
    telemetry: { enabled: false },
    trustedOrigins: [publicOrigin],
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 12, maxPasswordLength: 128 },
    user: {
      // input: false — no endpoint accepts a role from the client; only server/users sets it.
      additionalFields: { role: { type: "string", required: false, defaultValue: "user", input: false } },
    },
    session: { expiresIn: SESSION_EXPIRES_IN_S, updateAge: SESSION_UPDATE_AGE_S },
    account: { accountLinking: { enabled: false } },
    rateLimit: {
      enabled: true,
      storage: "database",
      window: 60,
      max: 100,
      customRules: { "/sign-in/*": signInRule, "/get-session": false },
    },
    advanced: {
      cookiePrefix: "shepherd",
      useSecureCookies: publicOrigin.startsWith("https:"),
      defaultCookieAttributes: { sameSite: "lax", httpOnly: true },
    },
    disabledPaths: DISABLED_AUTH_PATHS,
    onAPIError: { errorURL: "/sign-in" },
    logger: {
      level: "warn",
      // Only the message and an Error's own fields reach pino; arbitrary arguments (request bodies …) do not.
      log: (level, message, ...args) => {
        const err = args.find((a): a is Error => a instanceof Error);
        logger[level](err ? { err: withoutOAuthState(err) } : {}, `auth: ${message}`);
      },
    },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        // The library checks Origin only when cookies are present; refuse every cross-site POST (login CSRF).
        if (ctx.request && isStateChanging(ctx.request.method)) {
          const reason = crossOriginReason(ctx.request.headers, publicOrigin);
          if (reason) throw new APIError("FORBIDDEN", { message: "Cross-origin request refused." });
        }
        if (!ctx.path.startsWith("/sign-in/")) return;
        const identifier = signInIdentifier(ctx.body);
        if (identifier === undefined) return;
        // Per account as well as per IP: a client that varies X-Forwarded-For still meets this limit.
        const { allowed, retryAfter } = await consumeSignInAttempt(prisma, identifier, signInRule);
        if (!allowed) {
          throw new APIError(
            "TOO_MANY_REQUESTS",
            { message: "Too many requests. Please try again later." },
            {
              "X-Retry-After": String(retryAfter),
            },
          );
        }
      }),
      after: createAuthMiddleware(async (ctx) => {
        const returned = ctx.context.returned;
        if (ctx.path.startsWith("/callback/")) {
          // A refused OIDC sign-in ends in a redirect with an `error` and no session; the library audits
          // nothing. Success is decided by the session, never by the Location alone: the callback URL (the
          // sign-in page's `next`) may itself carry an `error` query.
          const reason = ctx.context.newSession ? undefined : oidcFailureReason(returned);
          if (reason) {
            await audit.signInFailed({
              // Resource "unknown", even for account_not_linked: the library refuses with the bare code and
              // keeps the identity (and the local account its email matched) inside the callback; this hook
              // sees neither. Naming it would mean carrying the profile out of mapProfileToUser through the
              // library's internal request state (@better-auth/core, not a dependency of ours).
              identifier: undefined,
              method: "oidc",
              reason,
              headers: ctx.headers ?? ctx.request?.headers,
            });
          }
          return;
        }
        if (ctx.path !== "/sign-in/email" && ctx.path !== "/sign-in/username") return;
        // The session token travels only in the HttpOnly cookie, never in a body a script can read.
        if (
          typeof returned === "object" &&
          returned !== null &&
          "token" in returned &&
          !(returned instanceof APIError)
        ) {
          const { token: _token, ...rest } = returned as Record<string, unknown>;
          return ctx.json(rest);
        }
        if (returned instanceof APIError && returned.statusCode === 401) {
          await audit.signInFailed({
            identifier: signInIdentifier(ctx.body),
            method: ctx.path === "/sign-in/email" ? "email" : "username",
            headers: ctx.headers ?? ctx.request?.headers,
          });
        }
      }),
    },
    databaseHooks: {
      session: {
        create: { after: async (session, ctx) => audit.signedIn(session, ctx?.path) },
        delete: {
          after: async (session, ctx) => {
            if (ctx?.path === "/sign-out")
              await audit.signedOut(session, ctx.headers ?? ctx.request?.headers);
          },
        },
      },
      // Local accounts are created by server/users (audited there); this sees only first OIDC sign-ins.
      user: { create: { after: async (user) => audit.userCreatedByOidc(user) } },
    },
    plugins: [
      username(),
      ...(oidc
        ? [
            genericOAuth({
              config: [
                {
                  providerId: OIDC_PROVIDER_ID,
                  discoveryUrl: `${oidc.issuer.replace(/\/$/, "")}/.well-known/openid-configuration`,
                  clientId: oidc.clientId,
                  clientSecret: oidc.clientSecret,
                  scopes: ["openid", "email", "profile"],
                  pkce: true,
                  requireIdTokenVerification: true,
                },
              ],
            }),
          ]
        : []),
      // Last, as the library asks: lets server actions (sign-out) set and clear cookies.
      nextCookies(),
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;

/**
 * Why an OIDC callback that created no session was refused: the `error` of the library's redirect to the
 * error page, or undefined when it was no refusal. The value may come from the identity provider, so only a
 * plain code is kept.
 */
function oidcFailureReason(returned: unknown): string | undefined {
  // The library throws its redirects as errors of another copy of its error class: test by name.
  if (!isAPIError(returned) || returned.statusCode !== 302) return undefined;
  const location = new Headers(returned.headers).get("location");
  if (!location) return undefined;
  const error = new URL(location, "http://shepherd.invalid").searchParams.get("error");
  if (error === null) return undefined;
  return /^[a-z0-9_]{1,64}$/i.test(error) ? error : "other";
}

/**
 * The error, with the OAuth `state` its `details` carry (the library's StateError) replaced: the state is the
 * key of a sign-in in progress and does not belong in a log line.
 */
function withoutOAuthState(err: Error): Error {
  const details: unknown = (err as { details?: unknown }).details;
  if (typeof details !== "object" || details === null || !("state" in details)) return err;
  const copy = Object.create(Object.getPrototypeOf(err), Object.getOwnPropertyDescriptors(err)) as Error;
  Object.defineProperty(copy, "details", {
    value: { ...details, state: "[REDACTED]" },
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return copy;
}

/** The email or username a sign-in request names, lowercased as the library stores it. */
function signInIdentifier(body: unknown): string | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const value = "email" in body ? body.email : "username" in body ? body.username : undefined;
  return typeof value === "string" && value.length > 0 ? value.trim().toLowerCase() : undefined;
}

/**
 * BETTER_AUTH_SECRET, or in embedded mode a secret generated once into the data directory (0600) and shared by
 * every process that uses it, like the credential key.
 */
export async function loadAuthSecret(config: Pick<Config, "auth" | "dataDir" | "database">): Promise<string> {
  if (config.auth.secret) return config.auth.secret;
  if (!config.database.embedded) {
    throw new Error("BETTER_AUTH_SECRET must be set (at least 32 characters) when the database is external");
  }
  const key = await ensureKeyFile(path.join(config.dataDir, AUTH_SECRET_FILE));
  return key.toString("base64");
}
