// The gate of every page under /<locale>/admin, called by app/[locale]/admin/layout.tsx before any of those
// pages renders: an anonymous visitor is sent to sign-in (and back afterwards); a signed-in user without the
// admin role gets a 404, as if the page did not exist. Decided in the layout, above every loading boundary,
// so the answer carries a real 404 or redirect status instead of a streamed 200.
import "server-only";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { hasPermission } from "@/lib/auth/permissions";
import { REQUEST_PATH_HEADER } from "@/lib/auth/request-path-header";
import { safeNextPath } from "@/lib/auth/safe-next-path";
import { redirect } from "@/lib/i18n/navigation";
import type { AppLocale } from "@/lib/i18n/routing";
import { getSession, type SessionUser } from "./session";

export async function requireAdminPage(locale: AppLocale): Promise<SessionUser> {
  const user = await getSession();
  if (!user) {
    const next = safeNextPath((await headers()).get(REQUEST_PATH_HEADER) ?? undefined, `/${locale}`);
    return redirect({ href: { pathname: "/sign-in", query: { next } }, locale });
  }
  if (!hasPermission(user.role, "admin.access")) notFound();
  return user;
}
