/**
 * The one error type that crosses module boundaries (ARCHITECTURE rule 5). Server code throws
 * `new AppError(code, params)`; routes and actions turn it into a problem body with `toProblem`.
 *
 * `message` is English for logs and developers, and it does go on the wire as the problem's `message`; the UI
 * never shows it (it translates `errors.<code>` with `params`). So keep secrets, connection strings and raw
 * upstream text out of it: put the upstream error in `cause`, which never leaves the process.
 */
import { type ErrorCode, type ErrorParams, errorCatalogue } from "./codes";
import type { FieldError } from "./field-error";

export interface AppErrorOptions {
  /** English log message; defaults to the code followed by the params. */
  message?: string;
  fieldErrors?: FieldError[];
  cause?: unknown;
}

/** Params are required exactly when the code's schema has a required key. */
type AppErrorArgs<C extends ErrorCode> = C extends ErrorCode
  ? Record<string, never> extends ErrorParams<C>
    ? [params?: ErrorParams<C>, options?: AppErrorOptions]
    : [params: ErrorParams<C>, options?: AppErrorOptions]
  : never;

export class AppError<C extends ErrorCode = ErrorCode> extends Error {
  override name = "AppError";
  readonly code: C;
  readonly params: ErrorParams<C>;
  readonly httpStatus: number;
  readonly fieldErrors?: FieldError[];

  constructor(code: C, ...args: AppErrorArgs<C>) {
    const [params, options] = args;
    const effectiveParams = (params ?? {}) as ErrorParams<C>;
    const message = options?.message ?? defaultMessage(code, effectiveParams);
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.params = effectiveParams;
    this.httpStatus = errorCatalogue[code].httpStatus;
    if (options?.fieldErrors !== undefined) this.fieldErrors = options.fieldErrors;
  }
}

/** True for any AppError, or only for one with the given code. */
export function isAppError<C extends ErrorCode>(value: unknown, code?: C): value is AppError<C> {
  return value instanceof AppError && (code === undefined || value.code === code);
}

function defaultMessage(code: ErrorCode, params: object): string {
  return Object.keys(params).length === 0 ? code : `${code} ${JSON.stringify(params)}`;
}
