/**
 * The closed set of error codes (SPEC §6, STYLE item 11): code → HTTP status + params schema. Every other
 * representation (ErrorCode type, zod enum, problem bodies, `errors.<CODE>` messages) derives from this table,
 * and a unit test keeps both message catalogues in step with it.
 *
 * Params are what the UI interpolates into `errors.<CODE>`: names are snake_case, values strings or numbers.
 * A message may only use required params; optional ones are extra detail for logs and clients.
 */
import { z } from "zod";

interface ErrorDefinition {
  httpStatus: number;
  params?: z.ZodObject;
}

const cluster = z.string();
const k8sMessage = z.string().optional();
const clusterOnly = z.object({ cluster });
const clusterWithK8sMessage = z.object({ cluster, k8s_message: k8sMessage });
const ticketId = z.object({ ticket_id: z.string() });
const entityName = z.object({ entity: z.string(), name: z.string() });
const vmName = z.object({ name: z.string() });
const namespaceOnCluster = z.object({ namespace: z.string(), cluster });

export const errorCatalogue = {
  // Generic request and platform errors.
  VALIDATION_FAILED: { httpStatus: 400 }, // details travel in field_errors
  INVALID_REQUEST_FIELD: { httpStatus: 400, params: z.object({ field: z.string() }) },
  UNAUTHENTICATED: { httpStatus: 401 },
  /** Sign-in refused: the same answer for an unknown user and a wrong password (no account enumeration). */
  INVALID_CREDENTIALS: { httpStatus: 401 },
  /** A state-changing request whose Origin / Sec-Fetch-Site is not Shepherd's own (CSRF). */
  CROSS_ORIGIN_REQUEST: { httpStatus: 403 },
  FORBIDDEN: { httpStatus: 403, params: z.object({ permission: z.string().optional() }) },
  NOT_FOUND: {
    httpStatus: 404,
    params: z.object({ resource_type: z.string().optional(), resource_id: z.string().optional() }),
  },
  CONFLICT: { httpStatus: 409 },
  UNIQUE_VIOLATION: { httpStatus: 409, params: z.object({ fields: z.array(z.string()) }) },
  RATE_LIMITED: { httpStatus: 429, params: z.object({ retry_after_seconds: z.number().optional() }) },
  INTERNAL: { httpStatus: 500 },
  DATABASE_UNAVAILABLE: { httpStatus: 503 },

  // Naming rules (SPEC §3, ADR-0019).
  NAME_INVALID: { httpStatus: 400, params: entityName },
  NAME_TOO_LONG: {
    httpStatus: 400,
    params: entityName.extend({
      length: z.number(),
      max_length: z.number(),
      suggestion: z.string().optional(),
    }),
  },
  VM_NAME_TOO_LONG: {
    httpStatus: 400,
    params: z.object({
      name: z.string(),
      length: z.number(),
      max_length: z.number(),
      namespace: z.string(),
      system: z.string(),
      service: z.string(),
    }),
  },

  // Systems and services (issue 13).
  SYSTEM_NOT_FOUND: { httpStatus: 404, params: z.object({ system: z.string() }) },
  SERVICE_NOT_FOUND: { httpStatus: 404, params: z.object({ service: z.string() }) },
  /** A system is deleted only once it has no services. */
  SYSTEM_HAS_SERVICES: {
    httpStatus: 409,
    params: z.object({ system: z.string(), service_count: z.number() }),
  },
  /** A service is deleted only once no VM and no pending adoption names it. */
  SERVICE_IN_USE: {
    httpStatus: 409,
    params: z.object({ service: z.string(), vm_count: z.number(), pending_adoption_count: z.number() }),
  },
  /** A user (not an admin) creating a system or service while "self-service systems" is off. */
  SELF_SERVICE_DISABLED: { httpStatus: 403 },

  // Clusters.
  CLUSTER_NOT_FOUND: { httpStatus: 404, params: clusterOnly },
  /** Health status is not HEALTHY (SPEC §25 #24). */
  CLUSTER_UNHEALTHY: { httpStatus: 503, params: z.object({ cluster, status: z.string() }) },
  /** Writes refused while the watcher re-lists after 410 Gone (SPEC §11). */
  CLUSTER_REBUILDING: { httpStatus: 503, params: clusterOnly },
  /** The cluster's concurrency gate is full: the wait queue is full or the queue-wait deadline passed (SPEC §20). */
  CLUSTER_BUSY: { httpStatus: 503, params: clusterOnly },
  /** A kubeconfig offered for registration fails validation; `reason` is a snake_case code (server/k8s/kubeconfig.ts). */
  KUBECONFIG_INVALID: { httpStatus: 400, params: z.object({ reason: z.string() }) },
  /** The kubeconfig authenticates in a way Shepherd refuses (exec, auth-provider, basic auth, file references …). */
  KUBECONFIG_AUTH_UNSUPPORTED: { httpStatus: 400, params: z.object({ method: z.string() }) },
  /** Stored credentials cannot be decrypted: wrong or missing key, or the ciphertext was altered. */
  CREDENTIALS_UNREADABLE: { httpStatus: 500, params: z.object({ cluster: cluster.optional() }) },
  /** Delete refused: governed VMs (rows in `vms`) still reference the cluster. */
  CLUSTER_IN_USE: { httpStatus: 409, params: z.object({ cluster, governed_vm_count: z.number() }) },
  /**
   * The connection test before registration or rotation found the API server UNREACHABLE; nothing was saved.
   * `reason_code` is a HealthReasonCode (API_UNREACHABLE, API_TLS_FAILED, API_UNAUTHORIZED, API_TIMEOUT …),
   * `detail` English. The caller may retry with `allow_unreachable: true`.
   */
  CLUSTER_CONNECTION_FAILED: {
    httpStatus: 422,
    params: z.object({ reason_code: z.string(), detail: z.string().optional() }),
  },
  /** A declared capability token names no hardware key or feature gate Shepherd knows (SPEC §14.4). */
  CAPABILITY_UNKNOWN: { httpStatus: 400, params: z.object({ token: z.string() }) },

  // Virtual machines.
  VM_NOT_FOUND: {
    httpStatus: 404,
    params: vmName.extend({ namespace: z.string().optional(), cluster: cluster.optional() }),
  },
  /** A power/migrate subresource refused the action (KubeVirt 409), e.g. start on a running VM. */
  VM_WRONG_STATE: { httpStatus: 409, params: z.object({ action: z.string(), k8s_message: z.string() }) },
  VM_CREATION_FAILED: { httpStatus: 500, params: vmName },
  VM_MODIFY_FAILED: { httpStatus: 500, params: vmName },
  VM_DELETION_FAILED: { httpStatus: 500, params: vmName },
  /** Issue 12: refusals of a VM verb before anything is sent to the cluster, from the cached state. */
  VM_NOT_GOVERNED: { httpStatus: 409, params: vmName },
  VM_ALREADY_RUNNING: { httpStatus: 409, params: vmName },
  VM_NOT_RUNNING: { httpStatus: 409, params: vmName },
  VM_ALREADY_STOPPED: { httpStatus: 409, params: vmName },
  VM_ALREADY_PAUSED: { httpStatus: 409, params: vmName },
  VM_NOT_PAUSED: { httpStatus: 409, params: vmName },
  /** The VM is between states (starting, stopping, migrating, being deleted …); `status` is a VMStatus. */
  VM_IN_TRANSITION: { httpStatus: 409, params: vmName.extend({ status: z.string() }) },
  /** KubeVirt's run strategy refuses the verb (e.g. start with runStrategy Always). */
  VM_RUN_STRATEGY_REFUSES: {
    httpStatus: 409,
    params: vmName.extend({ action: z.string(), run_strategy: z.string() }),
  },
  /** The VMI's LiveMigratable condition is False; `k8s_message` is that condition's message. */
  VM_NOT_MIGRATABLE: { httpStatus: 409, params: vmName.extend({ k8s_message: z.string() }) },
  VM_MIGRATION_IN_PROGRESS: { httpStatus: 409, params: vmName },
  VM_NO_ACTIVE_MIGRATION: { httpStatus: 409, params: vmName },
  /** The verb needs the VM stopped first (restore). */
  VM_MUST_BE_STOPPED: { httpStatus: 409, params: vmName.extend({ action: z.string() }) },
  SNAPSHOT_NOT_FOUND: { httpStatus: 404, params: vmName },
  SNAPSHOT_NOT_READY: { httpStatus: 409, params: vmName },
  /** The same verb on the same VM is already running as a task (it has not finished yet). */
  VM_OPERATION_IN_PROGRESS: {
    httpStatus: 409,
    params: z.object({ operation: z.string(), existing_task_id: z.string() }),
  },
  TASK_NOT_FOUND: { httpStatus: 404, params: z.object({ task_id: z.string() }) },
  DELETE_RESTRICTED: { httpStatus: 409, params: entityName },
  DELETE_CONFIRMATION_REQUIRED: { httpStatus: 400, params: entityName },
  CONFIRMATION_NAME_MISMATCH: { httpStatus: 400, params: z.object({ expected: z.string() }) },
  DEDICATED_CPU_OVERCOMMIT_CONFLICT: { httpStatus: 400 },
  OVERCOMMIT_INVALID: {
    httpStatus: 400,
    params: z.object({ resource: z.enum(["cpu", "memory"]), request: z.string(), limit: z.string() }),
  },
  /** The configuration does not validate against the cluster's KubeVirt schema (ADR-0018). */
  SCHEMA_VALIDATION_FAILED: {
    httpStatus: 422,
    params: z.object({ schema_version: z.string(), cluster: cluster.optional() }),
  },
  /** Reserved for tenant quotas (V2+); not thrown in V1. */
  QUOTA_EXCEEDED: { httpStatus: 422 },

  // Approvals (SPEC §17).
  /** Not a failure: the request was accepted and waits for approval. */
  APPROVAL_REQUIRED: { httpStatus: 202, params: ticketId },
  /** Kept because SPEC §6 lists it; throw TICKET_NOT_FOUND in new code. */
  APPROVAL_NOT_FOUND: { httpStatus: 404, params: ticketId },
  TICKET_NOT_FOUND: { httpStatus: 404, params: ticketId },
  TICKET_NOT_PENDING: { httpStatus: 409, params: z.object({ status: z.string().optional() }) },
  TICKET_INVALID_TRANSITION: { httpStatus: 409, params: z.object({ from: z.string(), to: z.string() }) },
  TICKET_CANCEL_FORBIDDEN: { httpStatus: 403 },
  DUPLICATE_PENDING_REQUEST: {
    httpStatus: 409,
    params: z.object({ resource_id: z.string(), operation: z.string(), existing_ticket_id: z.string() }),
  },

  // Just-in-time namespaces (ADR-0017).
  NAMESPACE_PERMISSION_DENIED: {
    httpStatus: 403,
    params: namespaceOnCluster.extend({ hint: z.string().optional() }),
  },
  NAMESPACE_QUOTA_EXCEEDED: { httpStatus: 403, params: namespaceOnCluster },
  NAMESPACE_CREATION_FAILED: { httpStatus: 500, params: namespaceOnCluster },
  /** Informational: the namespace was already there, which counts as success. */
  NAMESPACE_ALREADY_EXISTS: { httpStatus: 200, params: namespaceOnCluster },
  NAMESPACE_NAME_INVALID: { httpStatus: 400, params: z.object({ namespace: z.string() }) },
  // Namespace registry and approval policies (issue 13).
  NAMESPACE_NOT_FOUND: { httpStatus: 404, params: z.object({ id: z.string() }) },
  NAMESPACE_NAME_TAKEN: { httpStatus: 409, params: z.object({ namespace: z.string() }) },
  NAMESPACE_NAME_IMMUTABLE: { httpStatus: 400, params: z.object({ namespace: z.string() }) },
  /** A cluster create names a namespace that is not in the registry: nothing is sent to the cluster. */
  NAMESPACE_NOT_REGISTERED: { httpStatus: 400, params: z.object({ namespace: z.string() }) },
  POLICY_NOT_FOUND: { httpStatus: 404, params: z.object({ id: z.string() }) },
  NAMESPACE_CLUSTER_ENV_MISMATCH: {
    httpStatus: 400,
    params: z.object({
      namespace: z.string(),
      namespace_environment: z.string(),
      cluster,
      cluster_environment: z.string(),
    }),
  },

  // Resource adoption (SPEC §16): only PENDING items can be adopted or ignored.
  ADOPTION_NOT_FOUND: { httpStatus: 404, params: z.object({ id: z.string().optional() }) },
  ADOPTION_NOT_PENDING: { httpStatus: 409, params: z.object({ status: z.string() }) },
  /** Reopen applies to IGNORED items only. */
  ADOPTION_NOT_IGNORED: { httpStatus: 409, params: z.object({ status: z.string() }) },
  /** The VM is no longer in the cache of its cluster (deleted there): nothing to adopt. */
  ADOPTION_VM_GONE: { httpStatus: 409, params: z.object({ name: z.string(), namespace: z.string() }) },
  /** A governance row for this namespace/name exists already (vms is unique by namespace + name). */
  ADOPTION_VM_ALREADY_GOVERNED: {
    httpStatus: 409,
    params: z.object({ name: z.string(), namespace: z.string() }),
  },
  /** The VM's system or service was deleted since the scan. */
  ADOPTION_SERVICE_MISSING: {
    httpStatus: 409,
    params: z.object({ system: z.string(), service: z.string() }),
  },
  /** A stored item's labels no longer parse (a row edited by hand): not adoptable. */
  ADOPTION_LABELS_MALFORMED: {
    httpStatus: 409,
    params: z.object({ name: z.string(), namespace: z.string() }),
  },
  /** A scan was refused: the cluster's cache is not FRESH (stored in adoption_scans.error, not thrown). */
  ADOPTION_SCAN_CACHE_NOT_FRESH: { httpStatus: 409, params: z.object({ status: z.string() }) },
  /** "Scan now" on a cluster that is disabled: its cache is not kept, there is nothing to scan. */
  ADOPTION_CLUSTER_DISABLED: { httpStatus: 409, params: clusterOnly },

  // Provider and Kubernetes API failures (see lib/domain/provider.ts for when each is thrown).
  PROVIDER_NOT_SUPPORTED: { httpStatus: 501, params: z.object({ capability: z.string(), cluster }) },
  K8S_SCHEMA_INCOMPATIBLE: {
    httpStatus: 502,
    params: z.object({ cluster, kind: z.string(), field: z.string().optional() }),
  },
  K8S_UNREACHABLE: { httpStatus: 503, params: clusterWithK8sMessage },
  K8S_TIMEOUT: { httpStatus: 504, params: clusterOnly },
  K8S_UNAUTHORIZED: { httpStatus: 401, params: clusterWithK8sMessage },
  K8S_FORBIDDEN: { httpStatus: 403, params: clusterWithK8sMessage },
  K8S_INVALID: { httpStatus: 422, params: clusterWithK8sMessage },
  K8S_CONFLICT: { httpStatus: 409, params: clusterWithK8sMessage },
  K8S_NOT_FOUND: {
    httpStatus: 404,
    params: z.object({ cluster, kind: z.string(), name: z.string(), namespace: z.string().optional() }),
  },
  K8S_TOO_MANY_REQUESTS: {
    httpStatus: 429,
    params: z.object({ cluster, retry_after_seconds: z.number().optional() }),
  },
  K8S_SERVER_ERROR: { httpStatus: 502, params: clusterWithK8sMessage },
} as const satisfies Record<string, ErrorDefinition>;

export type ErrorCode = keyof typeof errorCatalogue;

export const errorCodes = Object.keys(errorCatalogue) as [ErrorCode, ...ErrorCode[]];

export const ErrorCodeSchema = z.enum(errorCodes);

type Catalogue = typeof errorCatalogue;

/** The params an `AppError` of code C carries; an empty object for codes without params. */
export type ErrorParams<C extends ErrorCode> = C extends ErrorCode
  ? Catalogue[C] extends { params: infer S extends z.ZodType }
    ? z.input<S>
    : Record<string, never>
  : never;

export function httpStatusOf(code: ErrorCode): number {
  return errorCatalogue[code].httpStatus;
}

/** The params schema of a code, or undefined when the code takes none. */
export function paramsSchemaOf(code: ErrorCode): z.ZodObject | undefined {
  const definition: ErrorDefinition = errorCatalogue[code];
  return definition.params;
}
