// Route handlers that answer without a session, on purpose. Everything else under app/ must be a defineRoute
// with a permission; the authorization-matrix test fails for any handler that is neither.
import "server-only";

export const PUBLIC_ROUTES: Readonly<Record<string, string>> = {
  "app/api/health/live/route.ts": "liveness probe: probes carry no session; reveals nothing",
  "app/api/health/ready/route.ts": "readiness probe: probes carry no session; reveals only up/down",
  "app/api/auth/[...all]/route.ts":
    "the auth library's sign-in, OIDC callback, sign-out and session endpoints: signing in is what an anonymous caller does",
};
