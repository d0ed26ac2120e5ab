// Next 16's request proxy (formerly middleware): puts every page under a locale prefix,
// negotiating from the NEXT_LOCALE cookie, then Accept-Language, then the default.
import createMiddleware from "next-intl/middleware";
import { routing } from "@/lib/i18n/routing";

export default createMiddleware(routing);

export const config = {
  // Not for API routes, Next internals, Vercel internals or files with an extension (favicon.ico, *.svg …).
  matcher: "/((?!api|_next|_vercel|.*\\..*).*)",
};
