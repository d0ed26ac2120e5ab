// The navigation as data. A feature that is not built yet stays in the list without a link and says what
// it arrives with (`shell.nav.arrivesWith.<id>`); the issue that builds it adds its href here and removes
// that message. Labels are `shell.nav.<id>`; messages.test.ts reads this file to check both keys exist.
import { hasPermission, type Permission, type Role } from "@/lib/auth/permissions";
import type en from "@/messages/en.json";

type NavMessages = (typeof en)["shell"]["nav"];

/** Features that are not built yet: exactly those with an "arrives with" message. */
export type PendingNavId = keyof NavMessages["arrivesWith"];

/** `permission`: shown only to roles that hold it (the server refuses the page to others anyway). */
export type NavItem = (
  | { id: "overview"; href: "/" }
  | { id: "vms"; href: "/vms" }
  | { id: "requests"; href: "/requests" }
  | { id: "systems"; href: "/systems" }
  | { id: "clusters"; href: "/admin/clusters" }
  | { id: "adoptions"; href: "/admin/adoptions" }
  | { id: "users"; href: "/admin/users" }
  | { id: "auditLog"; href: "/admin/audit-log" }
  | { id: "namespaces"; href: "/admin/namespaces" }
  | { id: "approvalPolicies"; href: "/admin/approval-policies" }
  | { id: PendingNavId; href?: undefined }
) & { permission?: Permission };

export interface NavSection {
  id: "main" | "admin";
  /** `shell.nav.<labelKey>`; the main section has no heading. */
  labelKey?: "adminGroup";
  items: readonly NavItem[];
}

export const navSections: readonly NavSection[] = [
  {
    id: "main",
    items: [
      { id: "overview", href: "/" },
      { id: "vms", href: "/vms", permission: "vm.read" },
      { id: "requests", href: "/requests", permission: "ticket.request" },
      { id: "systems", href: "/systems", permission: "system.read" },
      { id: "approvals", permission: "ticket.decide" },
    ],
  },
  {
    id: "admin",
    labelKey: "adminGroup",
    items: [
      { id: "clusters", href: "/admin/clusters", permission: "cluster.manage" },
      { id: "adoptions", href: "/admin/adoptions", permission: "adoption.manage" },
      { id: "users", href: "/admin/users", permission: "user.read" },
      { id: "auditLog", href: "/admin/audit-log", permission: "audit.read" },
      { id: "namespaces", href: "/admin/namespaces", permission: "namespace.manage" },
      { id: "approvalPolicies", href: "/admin/approval-policies", permission: "policy.manage" },
    ],
  },
];

/** The sections as a role sees them: items it may use, and no section left empty. */
export function navSectionsFor(role: Role): NavSection[] {
  return navSections
    .map((section) => ({
      ...section,
      items: section.items.filter((item) => !item.permission || hasPermission(role, item.permission)),
    }))
    .filter((section) => section.items.length > 0);
}

/** Whether `href` is the current page or one of its sub-pages (`pathname` is without the locale prefix). */
export function isActiveHref(pathname: string, href: string): boolean {
  if (href === "/") return pathname === "/";
  return pathname === href || pathname.startsWith(`${href}/`);
}
