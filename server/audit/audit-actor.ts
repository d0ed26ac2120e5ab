// The audit actor of a signed-in user's request: id, display name, client address and user agent.
import "server-only";
import { clientAddress } from "../auth/client-address";
import type { SessionUser } from "../auth/session";
import type { AuditActor } from "./record-audit";

export function auditActorOf(user: SessionUser, headers: Headers): AuditActor {
  return { id: user.id, name: user.username ?? user.email, ...clientAddress(headers) };
}
