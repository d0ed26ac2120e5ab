import "server-only";
import { AppError } from "@/lib/errors/app-error";
import type { SessionUser } from "./session";

/** The signed-in user, or UNAUTHENTICATED (401). */
export function requireUser(user: SessionUser | null): SessionUser {
  if (!user) throw new AppError("UNAUTHENTICATED");
  return user;
}
