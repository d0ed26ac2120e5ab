"use server";

// Server actions of the shell (every page).
import { headers } from "next/headers";
import { z } from "zod";
import { defineAction } from "@/server/auth/define-action";

/** Ends the current session (deleted in the database, cookie cleared); audited as auth.sign_out. */
export const signOut = defineAction(
  { permission: "session.sign_out", input: z.undefined() },
  async (_input, { ctx }) => {
    await (await ctx.auth()).api.signOut({ headers: await headers() });
  },
);
