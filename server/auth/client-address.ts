// Who is calling, for audit records: the client address (first X-Forwarded-For hop, which `next start` fills
// from the socket when no proxy set it) and the user agent. Only a syntactically valid IP is returned: the
// audit column is inet.
import "server-only";
import { isIP } from "node:net";

export interface ClientAddress {
  ip?: string;
  userAgent?: string;
}

export function clientAddress(headers: Headers | undefined): ClientAddress {
  if (!headers) return {};
  const first = headers.get("x-forwarded-for")?.split(",")[0]?.trim() ?? headers.get("x-real-ip")?.trim();
  const ip = validIp(first);
  const userAgent = headers.get("user-agent")?.slice(0, 512) || undefined;
  return { ...(ip ? { ip } : {}), ...(userAgent ? { userAgent } : {}) };
}

export function validIp(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const bare = value.startsWith("::ffff:") && isIP(value.slice(7)) === 4 ? value.slice(7) : value;
  return isIP(bare) ? bare : undefined;
}
