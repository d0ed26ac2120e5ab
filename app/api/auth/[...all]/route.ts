// The auth library's endpoints (sign-in, sign-out, OIDC callback, session). PUBLIC by nature: signing in is
// what an anonymous caller does. Listed in the authorization matrix's allow-list; the library enforces its own
// origin check, rate limit and disabled paths (server/auth/auth.ts).
import { getWebContext } from "@/server/web-context";

export const dynamic = "force-dynamic";

async function handle(request: Request): Promise<Response> {
  return (await getWebContext().auth()).handler(request);
}

export { handle as GET, handle as POST };
