// CSRF defence for state-changing route handlers (server actions have Next's own Origin check). A browser
// sends Origin on every cross-origin and every non-GET request, and Sec-Fetch-Site on all of them; a request
// passes only when they name Shepherd's public origin. A request with neither header does not come from a
// browser page (curl, a script with a token) and cannot carry a victim's cookies by CSRF, so it passes.
import "server-only";
import { AppError } from "@/lib/errors/app-error";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isStateChanging(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

/** Why a request is cross-origin, or undefined when it is not. */
export function crossOriginReason(headers: Headers, publicOrigin: string): string | undefined {
  const origin = headers.get("origin");
  if (origin !== null && origin !== publicOrigin) return `origin ${origin}`;
  const site = headers.get("sec-fetch-site");
  if (site !== null && site !== "same-origin" && site !== "none") return `sec-fetch-site ${site}`;
  return undefined;
}

export function assertSameOrigin(request: Request, publicOrigin: string): void {
  if (!isStateChanging(request.method)) return;
  const reason = crossOriginReason(request.headers, publicOrigin);
  if (reason)
    throw new AppError("CROSS_ORIGIN_REQUEST", undefined, { message: `cross-origin request: ${reason}` });
}
