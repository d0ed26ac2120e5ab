// Kubernetes `Status` failures. Every error the API answers with is one of these, so clients get the same
// `reason`/`code` pairs a real kube-apiserver sends (k8s.io/apimachinery/pkg/api/errors).

export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

export class StatusError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: StatusDetails,
  ) {
    super(message);
  }

  toStatus(): Record<string, unknown> {
    const s: Record<string, unknown> = {
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: this.message,
      code: this.code,
    };
    // Webhook denials without a reason (KubeVirt's ToAdmissionResponseError) carry none on the wire either.
    if (this.reason) s.reason = this.reason;
    if (this.details) s.details = this.details;
    return s;
  }
}

/** `virtualmachines.kubevirt.io` style qualified resource name used in messages. */
export function qualified(plural: string, group: string): string {
  return group ? `${plural}.${group}` : plural;
}

export const errors = {
  notFound: (plural: string, group: string, name: string) =>
    new StatusError(404, "NotFound", `${qualified(plural, group)} "${name}" not found`, {
      name,
      group: group || undefined,
      kind: plural,
    }),
  pathNotFound: () => new StatusError(404, "NotFound", "the server could not find the requested resource"),
  alreadyExists: (plural: string, group: string, name: string) =>
    new StatusError(409, "AlreadyExists", `${qualified(plural, group)} "${name}" already exists`, {
      name,
      group: group || undefined,
      kind: plural,
    }),
  conflict: (plural: string, group: string, name: string, why: string) =>
    new StatusError(
      409,
      "Conflict",
      `Operation cannot be fulfilled on ${qualified(plural, group)} "${name}": ${why}`,
      { name, group: group || undefined, kind: plural },
    ),
  invalid: (kind: string, group: string, name: string, causes: StatusCause[]) =>
    new StatusError(
      422,
      "Invalid",
      `${kind}${group ? `.${group}` : ""} "${name}" is invalid: ${causes
        .map((c) => `${c.field ? `${c.field}: ` : ""}${c.message ?? ""}`)
        .join(", ")}`,
      { name, group: group || undefined, kind, causes },
    ),
  badRequest: (message: string) => new StatusError(400, "BadRequest", message),
  unprocessable: (message: string) => new StatusError(422, "Invalid", message),
  forbidden: (message: string) => new StatusError(403, "Forbidden", message),
  unauthorized: () => new StatusError(401, "Unauthorized", "Unauthorized"),
  methodNotAllowed: (method: string) =>
    new StatusError(
      405,
      "MethodNotAllowed",
      `the server does not allow this method on the requested resource`,
      {
        causes: [{ reason: "MethodNotAllowed", message: method }],
      },
    ),
  unsupportedMediaType: (ct: string) =>
    new StatusError(
      415,
      "UnsupportedMediaType",
      `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json (got ${ct})`,
    ),
  notAcceptable: (supported: string[]) =>
    new StatusError(
      406,
      "NotAcceptable",
      `only the following media types are accepted: ${supported.join(", ")}`,
    ),
  expired: (message: string) => new StatusError(410, "Expired", message),
  gone: (message: string) => new StatusError(410, "Gone", message),
  tooManyRequests: (retryAfter: number) =>
    new StatusError(429, "TooManyRequests", "Too many requests, please try again later.", {
      retryAfterSeconds: retryAfter,
    }),
  internal: (message: string) =>
    new StatusError(500, "InternalError", `Internal error occurred: ${message}`, {
      causes: [{ message }],
    }),
  serviceUnavailable: (message: string) => new StatusError(503, "ServiceUnavailable", message),
  timeout: (message: string, causes?: StatusCause[]) =>
    new StatusError(504, "Timeout", message, causes ? { causes } : undefined),
};
