// The one way the browser calls `/api/v1`: JSON in and out, and a refused call (non-2xx) read from its
// problem body into an `ApiRequestError` the UI translates (`errors.<code>` with the params) and whose field
// errors a form can mark. Every feature's queries use it.
import type { FieldError } from "@/lib/errors/field-error";

/** A non-2xx answer from /api/v1: its status, the body's error code and params, and its field errors. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    readonly params: Record<string, unknown> | undefined,
    readonly fieldErrors: FieldError[] = [],
  ) {
    super(`HTTP ${status}${code ? ` ${code}` : ""}`);
    this.name = "ApiRequestError";
  }

  /** Whether the API flagged one of these fields (snake_case on the wire; camelCase from a zod schema). */
  hasFieldError(...fields: string[]): boolean {
    return this.fieldErrors.some((f) => fields.includes(f.field));
  }
}

/** The error of a failed call, or undefined for anything else (the UI then shows its generic message). */
export function asApiRequestError(error: unknown): ApiRequestError | undefined {
  return error instanceof ApiRequestError ? error : undefined;
}

/** Reads a refused answer's problem body; a body that is not JSON (a proxy's page) yields no code. */
export async function toApiRequestError(response: Response): Promise<ApiRequestError> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  const record = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
  const code = typeof record.code === "string" ? record.code : undefined;
  const params =
    typeof record.params === "object" && record.params !== null
      ? (record.params as Record<string, unknown>)
      : undefined;
  const fieldErrors = Array.isArray(record.field_errors)
    ? record.field_errors.filter(
        (f): f is FieldError =>
          typeof f === "object" && f !== null && typeof (f as FieldError).field === "string",
      )
    : [];
  return new ApiRequestError(response.status, code, params, fieldErrors);
}

export type RequestMethod = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

/** Sends `body` as JSON (when given) and answers the parsed JSON, or undefined for a 204. */
export async function requestJson<T>(
  method: RequestMethod,
  url: string,
  body?: unknown,
  signal?: AbortSignal,
): Promise<T> {
  const response = await fetch(url, {
    method,
    cache: "no-store",
    headers: {
      accept: "application/json",
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal,
  });
  if (!response.ok) throw await toApiRequestError(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}
