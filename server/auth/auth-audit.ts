// Audit records of the auth library's events (SPEC §19): auth.sign_in, auth.sign_out, auth.sign_in_failed
// (wrong credentials, or a refused OIDC callback), and user.create for accounts an OpenID Connect sign-in
// creates. Never the password or the session token.
// A failure to write one is logged and does not fail the sign-in itself.
import "server-only";
import { recordAudit } from "../audit/record-audit";
import type { PrismaClient } from "../db/prisma";
import type { Logger } from "../log";
import { clientAddress, validIp } from "./client-address";

interface SessionRow {
  userId: string;
  ipAddress?: string | null;
  userAgent?: string | null;
}

export function createAuthAudit({ prisma, logger }: { prisma: PrismaClient; logger: Logger }) {
  const userName = async (id: string) => {
    const u = await prisma.user.findUnique({ where: { id }, select: { username: true, email: true } });
    return u ? (u.username ?? u.email) : undefined;
  };
  const safely = async (action: string, write: () => Promise<void>) => {
    try {
      await write();
    } catch (err) {
      logger.error({ err, action }, "audit record could not be written");
    }
  };

  return {
    signedIn: (session: SessionRow, path: string | undefined) =>
      safely("auth.sign_in", async () => {
        const name = await userName(session.userId);
        const ip = validIp(session.ipAddress);
        await recordAudit(prisma, {
          action: "auth.sign_in",
          actor: {
            id: session.userId,
            ...(name ? { name } : {}),
            ...(ip ? { ip } : {}),
            ...(session.userAgent ? { userAgent: session.userAgent } : {}),
          },
          resource: { type: "user", id: session.userId, ...(name ? { name } : {}) },
          details: { method: signInMethod(path) },
        });
      }),

    signedOut: (session: SessionRow, headers: Headers | undefined) =>
      safely("auth.sign_out", async () => {
        const name = await userName(session.userId);
        await recordAudit(prisma, {
          action: "auth.sign_out",
          actor: { id: session.userId, ...(name ? { name } : {}), ...clientAddress(headers) },
          resource: { type: "user", id: session.userId, ...(name ? { name } : {}) },
        });
      }),

    signInFailed: (input: {
      identifier: string | undefined;
      method: string;
      /** Default: wrong credentials; an OIDC refusal names the library's error code. */
      reason?: string;
      headers: Headers | undefined;
    }) =>
      safely("auth.sign_in_failed", async () => {
        // The account, when it exists, so attacks on one account are visible; the caller learns nothing.
        const user = input.identifier
          ? await prisma.user.findFirst({
              where: { OR: [{ email: input.identifier }, { username: input.identifier }] },
              select: { id: true },
            })
          : null;
        await recordAudit(prisma, {
          action: "auth.sign_in_failed",
          actor: { id: "anonymous", ...clientAddress(input.headers) },
          resource: { type: "user", id: user?.id ?? "unknown", name: maskIdentifier(input.identifier) },
          details: { method: input.method, reason: input.reason ?? "invalid_credentials" },
          outcome: "failure",
        });
      }),

    userCreatedByOidc: (user: { id: string; email: string }) =>
      safely("user.create", async () => {
        await recordAudit(prisma, {
          action: "user.create",
          actor: { id: "system:oidc", name: "OpenID Connect sign-in" },
          resource: { type: "user", id: user.id, name: user.email },
          details: { role: "user", source: "oidc" },
        });
      }),
  };
}

function signInMethod(path: string | undefined): string {
  if (path === "/sign-in/username") return "username";
  if (path === "/sign-in/email") return "email";
  if (path?.includes("callback")) return "oidc";
  return "other";
}

/** SPEC §19: PII partially masked. Enough to recognise an account, not to learn an unknown one. */
export function maskIdentifier(identifier: string | undefined): string {
  if (!identifier) return "(none)";
  const [local = "", domain] = identifier.split("@");
  const visible = local.slice(0, Math.min(2, Math.max(1, local.length - 1)));
  return `${visible}***${domain ? `@${domain}` : ""}`;
}
