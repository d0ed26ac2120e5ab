// Input of the admin user forms, shared by the form (client) and the server actions.
import { z } from "zod";
import { ROLES } from "./permissions";

/** The username plugin's rule: 3–30 letters, digits, `_` or `.`; stored lowercased. */
export const UsernameSchema = z
  .string()
  .trim()
  .min(3)
  .max(30)
  .regex(/^[a-zA-Z0-9_.]+$/)
  .transform((v) => v.toLowerCase());

export const PasswordSchema = z.string().min(12).max(128);

export const RoleSchema = z.enum(ROLES);

export const CreateUserInput = z.object({
  email: z.email().transform((v) => v.toLowerCase()),
  username: UsernameSchema,
  name: z.string().trim().min(1).max(100),
  password: PasswordSchema,
  role: RoleSchema,
  serviceIds: z.array(z.string().min(1)).max(500).default([]),
});
export type CreateUserInput = z.input<typeof CreateUserInput>;

export const SetUserRoleInput = z.object({ userId: z.string().min(1), role: RoleSchema });

export const SetUserMembershipsInput = z.object({
  userId: z.string().min(1),
  serviceIds: z.array(z.string().min(1)).max(500),
});
