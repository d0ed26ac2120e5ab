// The navigation as data. A feature that is not built yet stays in the list without a link and says what
// it arrives with (`shell.nav.arrivesWith.<id>`); the issue that builds it adds its href here and removes
// that message. Labels are `shell.nav.<id>`; messages.test.ts reads this file to check both keys exist.
import type en from "@/messages/en.json";

type NavMessages = (typeof en)["shell"]["nav"];

/** Features that are not built yet: exactly those with an "arrives with" message. */
export type PendingNavId = keyof NavMessages["arrivesWith"];

export type NavItem = { id: "overview"; href: "/" } | { id: PendingNavId; href?: undefined };

export interface NavSection {
  id: "main" | "admin";
  /** `shell.nav.<labelKey>`; the main section has no heading. */
  labelKey?: "adminGroup";
  items: readonly NavItem[];
}

export const navSections: readonly NavSection[] = [
  {
    id: "main",
    items: [{ id: "overview", href: "/" }, { id: "vms" }, { id: "requests" }, { id: "approvals" }],
  },
  {
    id: "admin",
    labelKey: "adminGroup",
    items: [{ id: "clusters" }, { id: "adoptions" }],
  },
];

/** Whether `href` is the current page or one of its sub-pages (`pathname` is without the locale prefix). */
export function isActiveHref(pathname: string, href: string): boolean {
  if (href === "/") return pathname === "/";
  return pathname === href || pathname.startsWith(`${href}/`);
}
