"use server";

// Admin user management: each action calls one server/users function; refusals come back as codes.
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { CreateUserInput, SetUserMembershipsInput, SetUserRoleInput } from "@/lib/auth/user-input";
import { clientAddress } from "@/server/auth/client-address";
import { defineAction } from "@/server/auth/define-action";
import type { SessionUser } from "@/server/auth/session";
import { getPrisma } from "@/server/db/prisma";
import { createUser } from "@/server/users/create-user";
import { setUserMemberships } from "@/server/users/set-user-memberships";
import { setUserRole } from "@/server/users/set-user-role";

async function actorOf(user: SessionUser) {
  return { id: user.id, name: user.username ?? user.email, ...clientAddress(await headers()) };
}

export const createUserAction = defineAction(
  { permission: "user.manage", input: CreateUserInput },
  async (input, { user }) => {
    const created = await createUser(getPrisma(), input, await actorOf(user));
    revalidatePath("/[locale]/admin/users", "page");
    return { id: created.id, username: created.username };
  },
);

export const setUserRoleAction = defineAction(
  { permission: "user.manage", input: SetUserRoleInput },
  async (input, { user }) => {
    const result = await setUserRole(getPrisma(), input, await actorOf(user));
    revalidatePath("/[locale]/admin/users", "page");
    return result;
  },
);

export const setUserMembershipsAction = defineAction(
  { permission: "user.manage", input: SetUserMembershipsInput },
  async (input, { user }) => {
    const result = await setUserMemberships(getPrisma(), input, await actorOf(user));
    revalidatePath("/[locale]/admin/users", "page");
    return result;
  },
);
