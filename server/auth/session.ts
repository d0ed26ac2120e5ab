// The signed-in user of a request, read from the session cookie through the auth library (a database lookup:
// a changed role or a deleted user takes effect on the next request). Null without a valid session.
import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { isRole, type Role } from "@/lib/auth/permissions";
import { getWebContext } from "../web-context";

export interface SessionUser {
  id: string;
  name: string;
  email: string;
  username: string | null;
  role: Role;
}

/** `requestHeaders`: a route handler's request; without it, the current request (pages, server actions). */
export async function getSession(requestHeaders?: Headers): Promise<SessionUser | null> {
  return requestHeaders ? readSession(requestHeaders) : currentRequestSession();
}

// Pages ask several times per render (layout, page); one lookup serves them all.
const currentRequestSession = cache(async () => readSession(await headers()));

async function readSession(requestHeaders: Headers): Promise<SessionUser | null> {
  const auth = await getWebContext().auth();
  const result = await auth.api.getSession({ headers: requestHeaders });
  if (!result) return null;
  const { id, name, email, role } = result.user;
  // A row with a role the code does not know grants nothing (the database CHECK makes this unreachable).
  if (!isRole(role)) return null;
  const username =
    "username" in result.user && typeof result.user.username === "string" ? result.user.username : null;
  return { id, name, email, username, role };
}
