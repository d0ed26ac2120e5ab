import { describe, expect, it } from "vitest";
import {
  type ErrorCode,
  ErrorCodeSchema,
  errorCatalogue,
  errorCodes,
  httpStatusOf,
  paramsSchemaOf,
} from "./codes";

// Written out by hand so a change of status in the catalogue is a deliberate, reviewed test change.
const expectedStatus: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  INVALID_REQUEST_FIELD: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  CROSS_ORIGIN_REQUEST: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  UNIQUE_VIOLATION: 409,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  DATABASE_UNAVAILABLE: 503,
  NAME_INVALID: 400,
  NAME_TOO_LONG: 400,
  VM_NAME_TOO_LONG: 400,
  SYSTEM_NOT_FOUND: 404,
  SERVICE_NOT_FOUND: 404,
  SYSTEM_HAS_SERVICES: 409,
  SERVICE_IN_USE: 409,
  SELF_SERVICE_DISABLED: 403,
  CLUSTER_NOT_FOUND: 404,
  CLUSTER_UNHEALTHY: 503,
  CLUSTER_REBUILDING: 503,
  CLUSTER_BUSY: 503,
  KUBECONFIG_INVALID: 400,
  KUBECONFIG_AUTH_UNSUPPORTED: 400,
  CREDENTIALS_UNREADABLE: 500,
  CLUSTER_IN_USE: 409,
  CLUSTER_CONNECTION_FAILED: 422,
  CAPABILITY_UNKNOWN: 400,
  VM_NOT_FOUND: 404,
  VM_WRONG_STATE: 409,
  VM_NOT_GOVERNED: 409,
  VM_ALREADY_RUNNING: 409,
  VM_NOT_RUNNING: 409,
  VM_ALREADY_STOPPED: 409,
  VM_ALREADY_PAUSED: 409,
  VM_NOT_PAUSED: 409,
  VM_IN_TRANSITION: 409,
  VM_RUN_STRATEGY_REFUSES: 409,
  VM_NOT_MIGRATABLE: 409,
  VM_MIGRATION_IN_PROGRESS: 409,
  VM_NO_ACTIVE_MIGRATION: 409,
  VM_MUST_BE_STOPPED: 409,
  SNAPSHOT_NOT_FOUND: 404,
  SNAPSHOT_NOT_READY: 409,
  VM_OPERATION_IN_PROGRESS: 409,
  TASK_NOT_FOUND: 404,
  VM_CREATION_FAILED: 500,
  VM_MODIFY_FAILED: 500,
  VM_DELETION_FAILED: 500,
  DELETE_RESTRICTED: 409,
  DELETE_CONFIRMATION_REQUIRED: 400,
  CONFIRMATION_NAME_MISMATCH: 400,
  DEDICATED_CPU_OVERCOMMIT_CONFLICT: 400,
  OVERCOMMIT_INVALID: 400,
  SCHEMA_VALIDATION_FAILED: 422,
  QUOTA_EXCEEDED: 422,
  APPROVAL_REQUIRED: 202,
  APPROVAL_NOT_FOUND: 404,
  TICKET_NOT_FOUND: 404,
  TICKET_NOT_PENDING: 409,
  TICKET_INVALID_TRANSITION: 409,
  TICKET_CANCEL_FORBIDDEN: 403,
  DUPLICATE_PENDING_REQUEST: 409,
  NAMESPACE_PERMISSION_DENIED: 403,
  NAMESPACE_QUOTA_EXCEEDED: 403,
  NAMESPACE_CREATION_FAILED: 500,
  NAMESPACE_ALREADY_EXISTS: 200,
  NAMESPACE_NAME_INVALID: 400,
  NAMESPACE_CLUSTER_ENV_MISMATCH: 400,
  ADOPTION_NOT_FOUND: 404,
  NAMESPACE_NOT_FOUND: 404,
  NAMESPACE_NAME_TAKEN: 409,
  NAMESPACE_NAME_IMMUTABLE: 400,
  NAMESPACE_NOT_REGISTERED: 400,
  POLICY_NOT_FOUND: 404,
  ADOPTION_NOT_PENDING: 409,
  ADOPTION_NOT_IGNORED: 409,
  ADOPTION_VM_GONE: 409,
  ADOPTION_VM_ALREADY_GOVERNED: 409,
  ADOPTION_SERVICE_MISSING: 409,
  ADOPTION_LABELS_MALFORMED: 409,
  ADOPTION_SCAN_CACHE_NOT_FRESH: 409,
  ADOPTION_CLUSTER_DISABLED: 409,
  PROVIDER_NOT_SUPPORTED: 501,
  K8S_SCHEMA_INCOMPATIBLE: 502,
  K8S_UNREACHABLE: 503,
  K8S_TIMEOUT: 504,
  K8S_UNAUTHORIZED: 401,
  K8S_FORBIDDEN: 403,
  K8S_INVALID: 422,
  K8S_CONFLICT: 409,
  K8S_NOT_FOUND: 404,
  K8S_TOO_MANY_REQUESTS: 429,
  K8S_SERVER_ERROR: 502,
};

describe("errorCatalogue", () => {
  it("lists exactly the codes with an expected status", () => {
    expect([...errorCodes].sort()).toEqual(Object.keys(expectedStatus).sort());
  });

  it.each(errorCodes)("%s maps to its HTTP status", (code) => {
    expect(httpStatusOf(code)).toBe(expectedStatus[code]);
    expect(errorCatalogue[code].httpStatus).toBe(expectedStatus[code]);
  });

  it("drops CLUSTER_DEGRADED (SPEC §25 #24)", () => {
    expect(Object.hasOwn(errorCatalogue, "CLUSTER_DEGRADED")).toBe(false);
  });

  it.each(errorCodes)("%s is SCREAMING_SNAKE_CASE with snake_case params", (code) => {
    expect(code).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/);
    for (const key of Object.keys(paramsSchemaOf(code)?.shape ?? {})) {
      expect(key).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
    }
  });
});

describe("ErrorCodeSchema", () => {
  it("accepts every catalogue code", () => {
    for (const code of errorCodes) expect(ErrorCodeSchema.parse(code)).toBe(code);
  });

  it.each(["CLUSTER_DEGRADED", "vm_not_found", "", "ERROR"])("rejects %j", (value) => {
    expect(ErrorCodeSchema.safeParse(value).success).toBe(false);
  });
});

describe("params schemas", () => {
  it.each([
    ["TICKET_INVALID_TRANSITION", { from: "APPROVED", to: "PENDING_APPROVAL" }, true],
    ["TICKET_INVALID_TRANSITION", { from: "APPROVED" }, false],
    ["VM_WRONG_STATE", { action: "start", k8s_message: "VM is already running" }, true],
    ["VM_WRONG_STATE", { action: "start" }, false],
    ["UNIQUE_VIOLATION", { fields: ["name"] }, true],
    ["UNIQUE_VIOLATION", { fields: "name" }, false],
    [
      "DUPLICATE_PENDING_REQUEST",
      { resource_id: "vm-1", operation: "STOP_VM", existing_ticket_id: "t-1" },
      true,
    ],
    ["PROVIDER_NOT_SUPPORTED", { capability: "console" }, false],
    ["TICKET_NOT_PENDING", {}, true],
  ] as const)("%s with %j → valid %s", (code, params, valid) => {
    const schema = paramsSchemaOf(code);
    expect(schema).toBeDefined();
    expect(schema?.safeParse(params).success).toBe(valid);
  });

  it.each(["VALIDATION_FAILED", "INTERNAL", "UNAUTHENTICATED", "CONFLICT"] as const)(
    "%s takes no params",
    (code) => {
      expect(paramsSchemaOf(code)).toBeUndefined();
    },
  );
});
