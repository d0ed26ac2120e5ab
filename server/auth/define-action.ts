/**
 * The one way to write a server action (STYLE item 9): session → permission → zod parse of the input → the
 * function. Refusals and errors come back as `{ ok: false, code, params }` for the UI to translate (a thrown
 * error would reach the client as an opaque digest); unexpected errors are logged with a reference id.
 *
 *   export const setUserRole = defineAction({ permission: "user.manage", input: SetRoleInput }, (input, { user }) => …);
 */
import "server-only";
import { randomUUID } from "node:crypto";
import { headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import type { Permission } from "@/lib/auth/permissions";
import type { ErrorCode } from "@/lib/errors/codes";
import type { FieldError } from "@/lib/errors/field-error";
import { toProblem } from "@/lib/errors/problem";
import { auditActorOf } from "../audit/audit-actor";
import type { AuditActor } from "../audit/record-audit";
import { getWebContext, type WebContext } from "../web-context";
import { ENDPOINT_META, type EndpointMeta } from "./endpoint-meta";
import { requireRole } from "./require-role";
import { requireUser } from "./require-user";
import { getSession, type SessionUser } from "./session";

/** What an action's function gets besides its input: the composition root and the caller. */
export interface ActionContext {
  ctx: WebContext;
  user: SessionUser;
  /** The caller as audit records name them. */
  actor: AuditActor;
}

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; code: ErrorCode; params: Record<string, unknown>; fieldErrors: FieldError[] };

export function defineAction<I extends z.ZodType, T>(
  spec: { permission: Permission; input: I },
  fn: (input: z.output<I>, context: ActionContext) => Promise<T>,
): ((input: z.input<I>) => Promise<ActionResult<T>>) & { [ENDPOINT_META]: EndpointMeta } {
  const action = async (raw: z.input<I>): Promise<ActionResult<T>> => {
    const ctx = getWebContext();
    try {
      const user = requireRole(requireUser(await getSession()), spec.permission);
      const actor = auditActorOf(user, await headers());
      return { ok: true, data: await fn(spec.input.parse(raw), { ctx, user, actor }) };
    } catch (error) {
      unstable_rethrow(error); // redirect() and notFound() are control flow, not failures
      const reference = randomUUID();
      const problem = toProblem(error, { requestId: reference });
      if (problem.status >= 500) ctx.log.error({ err: error, reference }, "server action failed");
      return {
        ok: false,
        code: problem.body.code,
        params: problem.body.params,
        fieldErrors: problem.body.field_errors,
      };
    }
  };
  return Object.assign(action, { [ENDPOINT_META]: { kind: "action", permission: spec.permission } as const });
}
