/**
 * Turns anything thrown into the `/api/v1` error body (application/problem+json, SPEC §6). Only AppError codes
 * and zod validation details cross the boundary; anything else becomes INTERNAL with a generic message, so
 * driver, Prisma or Kubernetes text never reaches a client. The caller logs the original with the request id.
 */
import { z } from "zod";
import { AppError } from "./app-error";
import { type ErrorCode, errorCatalogue } from "./codes";
import type { FieldError } from "./field-error";

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

export const INTERNAL_ERROR_MESSAGE = "Internal server error";
export const VALIDATION_FAILED_MESSAGE = "Request validation failed";

export interface ProblemBody {
  code: ErrorCode;
  /** English, for developers; the UI translates `code` with `params`. */
  message: string;
  params: Record<string, unknown>;
  field_errors: FieldError[];
  request_id?: string;
}

export interface Problem {
  status: number;
  body: ProblemBody;
}

export interface ToProblemOptions {
  requestId?: string;
}

export function toProblem(error: unknown, options: ToProblemOptions = {}): Problem {
  const { status, body } = classify(error);
  return {
    status,
    body: options.requestId === undefined ? body : { ...body, request_id: options.requestId },
  };
}

function classify(error: unknown): Problem {
  if (error instanceof AppError) {
    return {
      status: error.httpStatus,
      body: {
        code: error.code,
        message: error.message,
        params: { ...(error.params as Record<string, unknown>) },
        field_errors: error.fieldErrors ?? [],
      },
    };
  }
  // $ZodError covers both zod classic and zod/mini errors.
  if (error instanceof z.core.$ZodError) {
    return {
      status: errorCatalogue.VALIDATION_FAILED.httpStatus,
      body: {
        code: "VALIDATION_FAILED",
        message: VALIDATION_FAILED_MESSAGE,
        params: {},
        field_errors: error.issues.map(toFieldError),
      },
    };
  }
  return {
    status: errorCatalogue.INTERNAL.httpStatus,
    body: { code: "INTERNAL", message: INTERNAL_ERROR_MESSAGE, params: {}, field_errors: [] },
  };
}

function toFieldError(issue: z.core.$ZodIssue): FieldError {
  return {
    field: issue.path.map((segment) => String(segment)).join("."),
    code: issue.code,
    message: issue.message,
  };
}
