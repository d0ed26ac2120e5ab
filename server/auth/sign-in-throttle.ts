// A second sign-in limit, per account rather than per client IP: the library's limiter keys on the address
// in X-Forwarded-For, which a client talking to `next start` directly can vary. Counted in the same
// rate_limits table (one atomic upsert), so every web process shares it.
import "server-only";
import type { PrismaClient } from "../db/prisma";

export interface ThrottleRule {
  /** seconds */
  window: number;
  max: number;
}

export async function consumeSignInAttempt(
  prisma: PrismaClient,
  identifier: string,
  rule: ThrottleRule,
  now: number = Date.now(),
): Promise<{ allowed: boolean; retryAfter: number }> {
  const windowStart = now - rule.window * 1000;
  // Within the window the count grows; after it, the row starts again at 1.
  const rows = await prisma.$queryRaw<{ count: number; last_request: bigint }[]>`
    INSERT INTO rate_limits (key, count, last_request) VALUES (${`sign-in-account|${identifier}`}, 1, ${now})
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN rate_limits.last_request <= ${windowStart} THEN 1 ELSE rate_limits.count + 1 END,
      last_request = CASE WHEN rate_limits.last_request <= ${windowStart} THEN ${now}
                          ELSE rate_limits.last_request END
    RETURNING count, last_request`;
  const row = rows[0];
  if (!row || row.count <= rule.max) return { allowed: true, retryAfter: 0 };
  return {
    allowed: false,
    retryAfter: Math.max(1, Math.ceil((Number(row.last_request) - windowStart) / 1000)),
  };
}
