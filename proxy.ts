// Next 16's request proxy (formerly middleware): puts every page under a locale prefix, negotiating from the
// NEXT_LOCALE cookie, then Accept-Language, then the default; and gives every page a Content-Security-Policy
// with a fresh nonce. The nonce travels in the request's CSP header, where Next reads it to mark its scripts;
// the requested path travels in REQUEST_PATH_HEADER, for layouts that send anonymous visitors to sign-in.
import type { NextRequest } from "next/server";
import createMiddleware from "next-intl/middleware";
import { REQUEST_PATH_HEADER } from "@/lib/auth/request-path-header";
import { routing } from "@/lib/i18n/routing";
import { pageContentSecurityPolicy } from "@/lib/security-headers";

const intl = createMiddleware(routing);

export default function proxy(request: NextRequest) {
  const nonce = btoa(crypto.randomUUID());
  // biome-ignore lint/style/noProcessEnv: NODE_ENV is inlined by Next at build time; not configuration
  const csp = pageContentSecurityPolicy(nonce, process.env.NODE_ENV === "development");
  request.headers.set("Content-Security-Policy", csp);
  // Layouts get no pathname from Next; this one tells them (always overwritten: a client's own copy never counts).
  request.headers.set(REQUEST_PATH_HEADER, `${request.nextUrl.pathname}${request.nextUrl.search}`);
  const response = intl(request);
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

export const config = {
  // Not for API routes, Next internals, Vercel internals or files with an extension (favicon.ico, *.svg …).
  matcher: "/((?!api|_next|_vercel|.*\\..*).*)",
};
