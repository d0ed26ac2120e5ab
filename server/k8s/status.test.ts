import { describe, expect, it } from "vitest";
import { KubeApiError, type KubeFailureKind } from "./kube-api-error";
import {
  isAlreadyExists,
  isConflict,
  isGone,
  isNotFound,
  isRetryable,
  isTooManyRequests,
  isUnauthorizedOrForbidden,
  kindOf,
  kubeErrorFromNetwork,
  kubeErrorFromResponse,
  parseStatus,
} from "./status";

function status(code: number, reason: string | undefined, message: string, details?: unknown): string {
  return JSON.stringify({
    kind: "Status",
    apiVersion: "v1",
    status: "Failure",
    code,
    reason,
    message,
    details,
  });
}

describe("kubeErrorFromResponse", () => {
  it.each<[string, number, string, KubeFailureKind]>([
    ["NotFound", 404, status(404, "NotFound", 'virtualmachines.kubevirt.io "a" not found'), "not-found"],
    ["AlreadyExists", 409, status(409, "AlreadyExists", "exists"), "already-exists"],
    ["Conflict", 409, status(409, "Conflict", "the object has been modified"), "conflict"],
    ["Invalid", 422, status(422, "Invalid", "invalid"), "invalid"],
    ["BadRequest", 400, status(400, "BadRequest", "bad"), "bad-request"],
    [
      "webhook denial without a reason",
      400,
      status(400, undefined, "admission webhook denied"),
      "bad-request",
    ],
    ["MethodNotAllowed", 405, status(405, "MethodNotAllowed", "no"), "bad-request"],
    ["UnsupportedMediaType", 415, status(415, "UnsupportedMediaType", "no"), "bad-request"],
    ["Unauthorized", 401, status(401, "Unauthorized", "Unauthorized"), "unauthorized"],
    ["Forbidden", 403, status(403, "Forbidden", "User cannot"), "forbidden"],
    ["Expired", 410, status(410, "Expired", "too old resource version"), "gone"],
    ["Gone", 410, status(410, "Gone", "gone"), "gone"],
    ["TooManyRequests", 429, status(429, "TooManyRequests", "slow down"), "too-many-requests"],
    ["InternalError", 500, status(500, "InternalError", "boom"), "server-error"],
    ["ServiceUnavailable", 503, status(503, "ServiceUnavailable", "down"), "unavailable"],
    ["Timeout (504)", 504, status(504, "Timeout", "Too large resource version"), "timeout"],
    ["ServerTimeout (500)", 500, status(500, "ServerTimeout", "try again"), "timeout"],
    ["an unknown reason falls back to the status", 404, status(404, "Whatever", "x"), "not-found"],
    ["aggregator plain-text 503", 503, "service unavailable\n", "unavailable"],
    ["plain-text 502", 502, "<html>bad gateway</html>", "unavailable"],
    ["plain 500", 500, "", "server-error"],
    ["other 5xx", 507, "", "server-error"],
    ["plain 404", 404, "404 page not found", "not-found"],
    ["a 3xx redirect", 302, "", "unknown"],
    ["an unexpected 4xx", 418, "teapot", "unknown"],
  ])("%s → %s", (_name, httpStatus, body, kind) => {
    const error = kubeErrorFromResponse({ status: httpStatus, body });
    expect(error).toBeInstanceOf(KubeApiError);
    expect(error.kind).toBe(kind);
    expect(error.status).toBe(httpStatus);
  });

  it("keeps Status.message, reason, details and the field causes of an Invalid answer", () => {
    const causes = [
      { reason: "FieldValueRequired", message: "Required value", field: "spec.template.spec.domain.devices" },
      { reason: "FieldValueInvalid", message: "bad value", field: "spec.runStrategy" },
    ];
    const error = kubeErrorFromResponse({
      status: 422,
      body: status(422, "Invalid", 'VirtualMachine.kubevirt.io "vm1" is invalid', {
        name: "vm1",
        group: "kubevirt.io",
        kind: "VirtualMachine",
        causes: [...causes, "not an object"],
      }),
    });
    expect(error).toMatchObject({
      kind: "invalid",
      reason: "Invalid",
      message: 'VirtualMachine.kubevirt.io "vm1" is invalid',
      causes,
      details: { name: "vm1", group: "kubevirt.io", kind: "VirtualMachine" },
    });
  });

  it("takes Retry-After from the header, else from Status.details", () => {
    const body = status(429, "TooManyRequests", "slow down", { retryAfterSeconds: 7 });
    expect(kubeErrorFromResponse({ status: 429, body, retryAfter: "3" }).retryAfterSeconds).toBe(3);
    expect(kubeErrorFromResponse({ status: 429, body }).retryAfterSeconds).toBe(7);
    expect(
      kubeErrorFromResponse({ status: 429, body: "", retryAfter: "soon" }).retryAfterSeconds,
    ).toBeUndefined();
  });

  it("uses a short plain body or the HTTP status as the message", () => {
    expect(kubeErrorFromResponse({ status: 503, body: " service unavailable \n" }).message).toBe(
      "service unavailable",
    );
    expect(kubeErrorFromResponse({ status: 500, body: "" }).message).toBe("HTTP 500");
    expect(kubeErrorFromResponse({ status: 502, body: "x".repeat(5000) }).message.length).toBeLessThan(400);
  });

  it("accepts an already parsed body", () => {
    const body = { kind: "Status", code: 404, reason: "NotFound", message: "gone" };
    expect(kubeErrorFromResponse({ status: 404, body })).toMatchObject({
      kind: "not-found",
      message: "gone",
    });
  });
});

describe("parseStatus", () => {
  it.each([null, "", "not json", "[]", JSON.stringify({ kind: "VirtualMachine" }), 7])(
    "returns undefined for %j",
    (body) => {
      expect(parseStatus(body)).toBeUndefined();
    },
  );

  it("drops fields of the wrong type", () => {
    expect(parseStatus({ kind: "Status", message: 3, reason: ["x"], code: "409", details: "x" })).toEqual({});
  });
});

describe("kindOf", () => {
  it("prefers the reason over the status code", () => {
    expect(kindOf(409, "AlreadyExists")).toBe("already-exists");
    expect(kindOf(500, "ServerTimeout")).toBe("timeout");
    expect(kindOf(409)).toBe("conflict");
  });
});

function netError(code: string, message = code): Error {
  return Object.assign(new Error(message), { code });
}

describe("kubeErrorFromNetwork", () => {
  it.each<[string, unknown, KubeFailureKind, string | undefined]>([
    [
      "connection refused",
      netError("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:6443"),
      "unreachable",
      "ECONNREFUSED",
    ],
    ["DNS failure", netError("ENOTFOUND", "getaddrinfo ENOTFOUND k8s.invalid"), "unreachable", "ENOTFOUND"],
    ["DNS try again", netError("EAI_AGAIN"), "unreachable", "EAI_AGAIN"],
    ["reset", netError("ECONNRESET", "socket hang up"), "unreachable", "ECONNRESET"],
    ["no route", netError("EHOSTUNREACH"), "unreachable", "EHOSTUNREACH"],
    ["connect timeout", netError("ETIMEDOUT"), "unreachable", "ETIMEDOUT"],
    [
      "self-signed certificate",
      netError("DEPTH_ZERO_SELF_SIGNED_CERT"),
      "unreachable",
      "DEPTH_ZERO_SELF_SIGNED_CERT",
    ],
    ["untrusted chain", netError("SELF_SIGNED_CERT_IN_CHAIN"), "unreachable", "SELF_SIGNED_CERT_IN_CHAIN"],
    [
      "unknown issuer",
      netError("UNABLE_TO_VERIFY_LEAF_SIGNATURE"),
      "unreachable",
      "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
    ],
    ["expired certificate", netError("CERT_HAS_EXPIRED"), "unreachable", "CERT_HAS_EXPIRED"],
    [
      "wrong host name",
      netError("ERR_TLS_CERT_ALTNAME_INVALID"),
      "unreachable",
      "ERR_TLS_CERT_ALTNAME_INVALID",
    ],
    ["TLS protocol error", netError("EPROTO"), "unreachable", "EPROTO"],
    [
      "undici wrapping",
      Object.assign(new TypeError("fetch failed"), { cause: netError("ECONNREFUSED") }),
      "unreachable",
      "ECONNREFUSED",
    ],
    [
      "an AbortError",
      Object.assign(new Error("The operation was aborted"), { name: "AbortError", code: "ABORT_ERR" }),
      "timeout",
      "ABORT_ERR",
    ],
    [
      "a TimeoutError",
      new DOMException("The operation timed out", "TimeoutError"),
      "timeout",
      "TimeoutError",
    ],
    ["a socket timeout", netError("ESOCKETTIMEDOUT"), "timeout", "ESOCKETTIMEDOUT"],
    ["anything else", new Error("weird"), "unknown", undefined],
    ["a thrown string", "weird", "unknown", undefined],
  ])("%s → %s", (_name, error, kind, reason) => {
    const result = kubeErrorFromNetwork(error);
    expect(result.kind).toBe(kind);
    expect(result.reason).toBe(reason);
    expect(result.status).toBeUndefined();
    expect(result.cause).toBe(error);
  });

  it("passes a KubeApiError through", () => {
    const error = new KubeApiError({ kind: "gone", message: "x" });
    expect(kubeErrorFromNetwork(error)).toBe(error);
  });
});

describe("predicates", () => {
  const all: KubeFailureKind[] = [
    "not-found",
    "already-exists",
    "conflict",
    "invalid",
    "bad-request",
    "unauthorized",
    "forbidden",
    "gone",
    "too-many-requests",
    "server-error",
    "unavailable",
    "unreachable",
    "timeout",
    "unknown",
  ];
  const holds = (predicate: (e: unknown) => boolean) =>
    all.filter((kind) => predicate(new KubeApiError({ kind, message: kind })));

  it.each<[string, (e: unknown) => boolean, KubeFailureKind[]]>([
    ["isNotFound", isNotFound, ["not-found"]],
    ["isAlreadyExists", isAlreadyExists, ["already-exists"]],
    ["isConflict", isConflict, ["conflict"]],
    ["isGone", isGone, ["gone"]],
    ["isTooManyRequests", isTooManyRequests, ["too-many-requests"]],
    ["isUnauthorizedOrForbidden", isUnauthorizedOrForbidden, ["unauthorized", "forbidden"]],
    [
      "isRetryable",
      isRetryable,
      ["too-many-requests", "server-error", "unavailable", "unreachable", "timeout"],
    ],
  ])("%s holds for exactly its kinds", (_name, predicate, kinds) => {
    expect(holds(predicate)).toEqual(kinds);
  });

  it("are false for anything that is not a KubeApiError", () => {
    for (const p of [isNotFound, isGone, isRetryable, isUnauthorizedOrForbidden]) {
      expect(p(new Error("404"))).toBe(false);
      expect(p({ kind: "not-found", statusCode: 410 })).toBe(false);
      expect(p(undefined)).toBe(false);
    }
  });
});
