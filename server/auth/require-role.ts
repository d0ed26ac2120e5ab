import "server-only";
import { hasPermission, type Permission } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors/app-error";
import type { SessionUser } from "./session";

/** Passes when the user's role holds the permission (lib/auth/permissions.ts); FORBIDDEN (403) otherwise. */
export function requireRole(user: SessionUser, permission: Permission): SessionUser {
  if (!hasPermission(user.role, permission)) throw new AppError("FORBIDDEN", { permission });
  return user;
}
