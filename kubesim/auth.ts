// Bearer-token authentication with two roles: "admin" may do anything, "read-only" may only get/list/watch
// (403 Forbidden on writes, with the RBAC message a real apiserver sends). No tokens configured = open.
import { errors, StatusError } from "./status-error.ts";

export type Role = "admin" | "read-only";

export interface TokenGrant {
  token: string;
  user: string;
  role: Role;
}

export interface Identity {
  user: string;
  role: Role;
}

export class Authenticator {
  private readonly tokens = new Map<string, TokenGrant>();

  constructor(grants: TokenGrant[]) {
    for (const g of grants) this.tokens.set(g.token, g);
  }

  get enabled(): boolean {
    return this.tokens.size > 0;
  }

  /** Adds (or replaces) a token at run time: a credential rotation to test against. */
  grant(grant: TokenGrant): void {
    this.tokens.set(grant.token, grant);
  }

  /** Revokes a token: its next request gets 401 (open watches it started keep streaming, as in Kubernetes). */
  revoke(token: string): boolean {
    return this.tokens.delete(token);
  }

  authenticate(header: string | undefined): Identity {
    if (!this.enabled) return { user: "system:admin", role: "admin" };
    const m = /^Bearer\s+(.+)$/i.exec(header ?? "");
    const grant = m ? this.tokens.get((m[1] ?? "").trim()) : undefined;
    if (!grant) throw errors.unauthorized();
    return { user: grant.user, role: grant.role };
  }
}

export interface AccessAttributes {
  verb: string;
  group: string;
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
}

const READ_VERBS = new Set(["get", "list", "watch"]);

export function authorize(id: Identity, a: AccessAttributes): void {
  if (id.role === "admin" || READ_VERBS.has(a.verb)) return;
  const res = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  const qualified = a.group ? `${a.resource}.${a.group}` : a.resource;
  const subject = a.name ? `${qualified} "${a.name}"` : qualified;
  const scope = a.namespace ? ` in the namespace "${a.namespace}"` : " at the cluster scope";
  throw new StatusError(
    403,
    "Forbidden",
    `${subject} is forbidden: User "${id.user}" cannot ${a.verb} resource "${res}" in API group "${a.group}"${scope}`,
    { name: a.name, group: a.group || undefined, kind: a.resource },
  );
}
