"use server";

// Admin user management: each action calls one server/users function; refusals come back as codes.
import { revalidatePath } from "next/cache";
import { CreateUserInput, SetUserMembershipsInput, SetUserRoleInput } from "@/lib/auth/user-input";
import { defineAction } from "@/server/auth/define-action";
import { createUser } from "@/server/users/create-user";
import { setUserMemberships } from "@/server/users/set-user-memberships";
import { setUserRole } from "@/server/users/set-user-role";

export const createUserAction = defineAction(
  { permission: "user.manage", input: CreateUserInput },
  async (input, { ctx, actor }) => {
    const created = await createUser(ctx.prisma, input, actor);
    revalidatePath("/[locale]/admin/users", "page");
    return { id: created.id, username: created.username };
  },
);

export const setUserRoleAction = defineAction(
  { permission: "user.manage", input: SetUserRoleInput },
  async (input, { ctx, actor }) => {
    const result = await setUserRole(ctx.prisma, input, actor);
    revalidatePath("/[locale]/admin/users", "page");
    return result;
  },
);

export const setUserMembershipsAction = defineAction(
  { permission: "user.manage", input: SetUserMembershipsInput },
  async (input, { ctx, actor }) => {
    const result = await setUserMemberships(ctx.prisma, input, actor);
    revalidatePath("/[locale]/admin/users", "page");
    return result;
  },
);
