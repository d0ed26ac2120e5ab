/**
 * Who may do what, as data (STYLE item 9). Every route handler and server action names one permission here
 * (`defineRoute` / `defineAction`); the authorization-matrix test reads this table to know which roles must be
 * refused. Resource scope comes on top: `vm.*` permissions are further limited to the VMs of the caller's
 * services (admins see all), see server/auth/require-access-to-vm.ts.
 */
export const ROLES = ["admin", "approver", "user"] as const;
export type Role = (typeof ROLES)[number];

const everyone: readonly Role[] = ROLES;

export const PERMISSIONS = {
  /** The overview's live status (database and worker health). */
  "system.status.read": everyone,
  /** End one's own session. */
  "session.sign_out": everyone,
  /** Receive live change notices (`/api/events`), each limited to what the caller may see. */
  "events.subscribe": everyone,
  /** See VMs, and request and operate them (start, stop …), within one's services. */
  "vm.read": everyone,
  "vm.operate": everyone,
  "ticket.request": everyone,
  /**
   * Systems and services: everyone reads (users only those of their memberships and the systems they
   * created); creating is open to everyone by permission, and the server refuses non-admins unless the
   * "self-service systems" setting is on; editing and deleting are for admins.
   */
  "system.read": everyone,
  "system.create": everyone,
  "system.manage": ["admin"],
  /** Console settings changed at run time (self-service systems …). */
  "settings.manage": ["admin"],
  /** Approve or reject requests. */
  "ticket.decide": ["admin", "approver"],
  /** Register clusters, adopt VMs, edit approval policies. */
  "cluster.manage": ["admin"],
  "adoption.manage": ["admin"],
  "policy.manage": ["admin"],
  /** The namespace registry and creating registered namespaces on clusters (issue 13). */
  "namespace.manage": ["admin"],
  /** Open the administration pages (/admin/…) at all; each action there still needs its own permission. */
  "admin.access": ["admin"],
  /** List users; create them, set their role and service memberships. */
  "user.read": ["admin"],
  "user.manage": ["admin"],
  /** Read and export the audit log. */
  "audit.read": ["admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

export function isPermission(value: unknown): value is Permission {
  return typeof value === "string" && Object.hasOwn(PERMISSIONS, value);
}

export function hasPermission(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/** Roles that lack a permission: the callers the authorization matrix must see refused. */
export function rolesWithout(permission: Permission): Role[] {
  return ROLES.filter((role) => !hasPermission(role, permission));
}
