// What the admin users page shows (JSON-safe): a user with role and memberships, and a service a membership can
// point at. Built by server/users/list-users.ts.
import type { Role } from "@/lib/auth/permissions";

export interface UserSummary {
  id: string;
  name: string;
  email: string;
  username: string | null;
  role: Role;
  serviceIds: string[];
  createdAt: string;
}

export interface ServiceOption {
  id: string;
  name: string;
  systemName: string;
}
