/**
 * The one way to write an `/api/v1` route handler (STYLE item 9): origin check (CSRF) → session (401) →
 * permission (403) → zod parse of params, query and body (400) → the handler → JSON. Any error becomes an
 * application/problem+json body with the request id (`toProblem`); unexpected ones are logged with it.
 * The handler gets the process's composition root (`ctx`) and the caller as an audit actor, so it passes
 * dependencies down instead of building them.
 *
 *   export const GET = defineRoute({ permission: "system.status.read" }, ({ ctx }) => getSystemStatus(ctx));
 */
import "server-only";
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import type { Permission } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors/app-error";
import { PROBLEM_CONTENT_TYPE, toProblem } from "@/lib/errors/problem";
import { auditActorOf } from "../audit/audit-actor";
import type { AuditActor } from "../audit/record-audit";
import { getWebContext, type WebContext } from "../web-context";
import { ENDPOINT_META, type EndpointMeta } from "./endpoint-meta";
import { assertSameOrigin } from "./origin-check";
import { requireRole } from "./require-role";
import { requireUser } from "./require-user";
import { getSession, type SessionUser } from "./session";

const NO_STORE = "no-store";

export interface RouteSpec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  permission: Permission;
  params?: P;
  query?: Q;
  body?: B;
}

export interface RouteInput<P, Q, B> {
  ctx: WebContext;
  user: SessionUser;
  /** The caller as audit records name them (id, name, client address, user agent). */
  actor: AuditActor;
  params: P;
  query: Q;
  body: B;
  request: Request;
  requestId: string;
}

type Handler = (request: Request, segment: { params: Promise<unknown> }) => Promise<Response>;

export function defineRoute<
  P extends z.ZodType = z.ZodUndefined,
  Q extends z.ZodType = z.ZodUndefined,
  B extends z.ZodType = z.ZodUndefined,
>(
  spec: RouteSpec<P, Q, B>,
  handler: (input: RouteInput<z.output<P>, z.output<Q>, z.output<B>>) => Promise<unknown>,
): Handler & { [ENDPOINT_META]: EndpointMeta } {
  const route: Handler = async (request, segment) => {
    const requestId = request.headers.get("x-request-id") ?? randomUUID();
    const ctx = getWebContext();
    try {
      assertSameOrigin(request, ctx.config.auth.publicOrigin);
      const user = requireRole(requireUser(await getSession(request.headers)), spec.permission);
      const input = {
        ctx,
        user,
        actor: auditActorOf(user, request.headers),
        request,
        requestId,
        params: spec.params ? spec.params.parse(await segment?.params) : undefined,
        query: spec.query
          ? spec.query.parse(Object.fromEntries(new URL(request.url).searchParams))
          : undefined,
        body: spec.body ? spec.body.parse(await readJson(request)) : undefined,
      } as RouteInput<z.output<P>, z.output<Q>, z.output<B>>;
      const result = await handler(input);
      if (result instanceof Response) return result;
      return Response.json(result ?? null, {
        headers: { "Cache-Control": NO_STORE, "X-Request-Id": requestId },
      });
    } catch (error) {
      return problemResponse(ctx, error, requestId, request);
    }
  };
  return Object.assign(route, { [ENDPOINT_META]: { kind: "route", permission: spec.permission } as const });
}

async function readJson(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch (cause) {
    throw new AppError("VALIDATION_FAILED", undefined, { message: "request body is not JSON", cause });
  }
}

function problemResponse(ctx: WebContext, error: unknown, requestId: string, request: Request): Response {
  const problem = toProblem(error, { requestId });
  if (problem.status >= 500) {
    ctx.log.error(
      { err: error, requestId, method: request.method, path: new URL(request.url).pathname },
      "request failed",
    );
  }
  return new Response(JSON.stringify(problem.body), {
    status: problem.status,
    headers: { "Content-Type": PROBLEM_CONTENT_TYPE, "Cache-Control": NO_STORE, "X-Request-Id": requestId },
  });
}
