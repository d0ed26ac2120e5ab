// The one place that reads the environment (ARCHITECTURE rule 7). Every process (web, worker, launcher,
// tests) calls loadConfig() once at start and passes the result down. A bad value stops the process
// with a message that names the variable.
import path from "node:path";
import { z } from "zod";

const port = z.coerce.number().int().min(1).max(65535);
const positiveMs = z.coerce.number().int().positive();
const flag = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

/** Every variable Shepherd reads, with its default. README's configuration table mirrors this. */
export const configSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  PORT: port.default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL")
    .optional(),
  SHEPHERD_DATA_DIR: z.string().min(1).default(".data"),
  /** Set by `npm start` for its children when it runs the embedded PostgreSQL; not meant to be set by hand. */
  SHEPHERD_EMBEDDED_DATABASE: flag.default(false),
  EMBEDDED_PG_PORT: port.default(54329),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  LOG_PRETTY: flag.default(false),
  WORKER_HEARTBEAT_INTERVAL_MS: positiveMs.default(10_000),
  /** A worker whose last heartbeat is older than this is shown as down. */
  WORKER_STALE_AFTER_MS: positiveMs.default(60_000),
  WORKER_METRICS_PORT: port.default(9464),
  /** How often the worker checks the health and capabilities of the clusters it owns (SPEC §13: 60 s). */
  HEALTH_CHECK_INTERVAL_MS: positiveMs.default(60_000),
  /** How often the worker scans the cached VMs of the clusters it owns for adoption (SPEC §16: 10 min). */
  ADOPTION_SCAN_INTERVAL_MS: positiveMs.default(600_000),
  /** Jobs one worker process runs at once (SPEC §20: 10); the queue itself is shared by every worker. */
  JOB_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(10),
  /** Kubernetes calls in flight per cluster and process (SPEC §20); further calls wait in a FIFO queue. */
  K8S_CLUSTER_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(20),
  /** Calls allowed to wait per cluster; one more is refused at once with CLUSTER_BUSY. */
  K8S_CLUSTER_QUEUE_MAX: z.coerce.number().int().min(0).default(500),
  /** Longest a call waits in the queue before CLUSTER_BUSY. */
  K8S_QUEUE_WAIT_MS: positiveMs.default(30_000),
  /** Hard timeout of one Kubernetes operation (SPEC §20: 5 minutes). */
  K8S_OPERATION_TIMEOUT_MS: positiveMs.default(300_000),
  /** Key that encrypts cluster credentials at rest: 32 bytes as base64 or hex. Unset: a key generated once
   * into the data directory (embedded mode only). */
  SHEPHERD_ENCRYPTION_KEY: z
    .string()
    .refine((v) => decodeKey(v) !== undefined, "must be 32 bytes, base64- or hex-encoded")
    .optional(),
  /** auto: start the simulated demo clusters when no real cluster is registered. */
  DEMO_CLUSTERS: z.enum(["auto", "on", "off"]).default("auto"),
  /** First port of the demo clusters; the second uses the next one. */
  DEMO_CLUSTER_PORT: port.default(16443),
  // Sign-in and sessions (README: "Authentication and roles").
  /** Signs session cookies and encrypts the auth library's state. Unset: a secret generated once into the
   * data directory (embedded mode only). */
  BETTER_AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  /** The origin users open Shepherd at: cookies, sign-in callbacks and the CSRF origin check use it. */
  SHEPHERD_PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" })
    .optional(),
  /** OpenID Connect sign-in, all three or none. The issuer's discovery document is read on first use. */
  OIDC_ISSUER: z.url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" }).optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** Initial admin outside demo mode, created at start when no admin exists; both or none. */
  SHEPHERD_ADMIN_EMAIL: z.email().optional(),
  SHEPHERD_ADMIN_PASSWORD: z.string().min(12, "must be at least 12 characters").max(128).optional(),
  /** Sign-in attempts allowed per client IP and window, counted in PostgreSQL across web processes. */
  SIGN_IN_RATE_LIMIT_MAX: z.coerce.number().int().min(1).default(5),
  SIGN_IN_RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).default(60),
  // Cluster watchers (WATCHER.md §3.4; SPEC §11). Milliseconds unless the name says seconds.
  /** First reconnect delay; doubles per failure, with full jitter (SPEC §11 proposal: 1 s). */
  WATCH_BACKOFF_BASE_MS: positiveMs.default(1_000),
  /** Longest reconnect delay (SPEC §11 proposal: 60 s). */
  WATCH_BACKOFF_MAX_MS: positiveMs.default(60_000),
  /** A watcher that has not backed off for this long starts again from the base delay (client-go: 2 min). */
  WATCH_BACKOFF_RESET_MS: positiveMs.default(120_000),
  /** Consecutive failures (410 excluded) of one cluster's watchers that open its circuit breaker. */
  WATCH_BREAKER_THRESHOLD: z.coerce.number().int().min(1).default(5),
  /** How long an open breaker refuses calls before one trial (half-open). */
  WATCH_BREAKER_OPEN_MS: positiveMs.default(60_000),
  /** Server-side watch timeout, random in [min, max] seconds to spread reconnects (client-go: 5–10 min). */
  WATCH_TIMEOUT_MIN_S: z.coerce.number().int().min(1).default(300),
  WATCH_TIMEOUT_MAX_S: z.coerce.number().int().min(1).default(600),
  /** A watch silent for longer is presumed dead (bookmarks come every ~60 s, so keep this above that). */
  WATCH_INACTIVITY_MS: positiveMs.default(120_000),
  /** Retry period of a watcher refused with 401/403. */
  WATCH_FORBIDDEN_RETRY_MS: positiveMs.default(300_000),
  /** Retry period of a watcher whose resource is not served (CRD not installed). */
  WATCH_ABSENT_RETRY_MS: positiveMs.default(300_000),
  /** Safety relist period (WATCHER.md §3.4 item 8); each watcher picks a random point in [½, 1] × this. */
  WATCH_RESYNC_MS: positiveMs.default(3_600_000),
  /** Page size of the initial list and of relists. */
  WATCH_LIST_PAGE_SIZE: z.coerce.number().int().min(1).max(10_000).default(500),
  /** Most events applied in one transaction. */
  WATCH_BATCH_MAX_EVENTS: z.coerce.number().int().min(1).default(500),
  /** How long the first event of a batch waits for more before the batch commits. */
  WATCH_BATCH_MAX_WAIT_MS: z.coerce.number().int().min(0).default(10),
  /** A watcher that has not heard from its API server for longer is reported by readiness (SPEC §11: 120 s). */
  WATCH_HEARTBEAT_STALE_MS: positiveMs.default(120_000),
  /** How often each watcher writes its state and heartbeat to cache_sync_states. */
  WATCH_STATUS_INTERVAL_MS: positiveMs.default(30_000),
  /** How often a worker looks for clusters to take over (new, enabled, or left by a dead worker). */
  CLUSTER_OWNERSHIP_POLL_MS: positiveMs.default(5_000),
  /** A worker silent on its lock session for this long loses its clusters (PostgreSQL idle_session_timeout). */
  CLUSTER_OWNERSHIP_LEASE_MS: positiveMs.default(30_000),
  /** Change notices (NOTIFY shepherd_cache_changed) are gathered for this long before they are sent. */
  CACHE_NOTIFY_DEBOUNCE_MS: z.coerce.number().int().min(0).default(250),
});

export type RawConfig = z.infer<typeof configSchema>;

export interface Config {
  env: RawConfig["NODE_ENV"];
  http: { port: number; host: string };
  database: { url: string | undefined; embeddedPort: number; embedded: boolean };
  dataDir: string;
  log: { level: RawConfig["LOG_LEVEL"]; pretty: boolean };
  worker: {
    heartbeatIntervalMs: number;
    staleAfterMs: number;
    metricsPort: number;
    healthCheckIntervalMs: number;
  };
  demo: { clusters: RawConfig["DEMO_CLUSTERS"]; basePort: number };
  k8s: { clusterConcurrency: number; queueMax: number; queueWaitMs: number; operationTimeoutMs: number };
  watch: WatchConfig;
  ownership: { pollMs: number; leaseMs: number };
  cache: { notifyDebounceMs: number };
  adoption: { scanIntervalMs: number };
  jobs: { concurrency: number };
  /** The credential encryption key from the environment, if one is set (32 bytes). */
  encryptionKey: Buffer | undefined;
  auth: AuthConfig;
}

export interface AuthConfig {
  /** BETTER_AUTH_SECRET, if set. */
  secret: string | undefined;
  /** Origin of SHEPHERD_PUBLIC_URL (default http://localhost:$PORT), without a trailing slash. */
  publicOrigin: string;
  oidc: { issuer: string; clientId: string; clientSecret: string } | undefined;
  initialAdmin: { email: string; password: string } | undefined;
  signInRateLimit: { max: number; windowSeconds: number };
}

/** The cluster watchers' thresholds (README: "Keeping PostgreSQL in step with clusters"). */
export interface WatchConfig {
  backoffBaseMs: number;
  backoffMaxMs: number;
  backoffResetMs: number;
  breakerThreshold: number;
  breakerOpenMs: number;
  timeoutSeconds: { min: number; max: number };
  inactivityMs: number;
  forbiddenRetryMs: number;
  absentRetryMs: number;
  resyncMs: number;
  listPageSize: number;
  batchMaxEvents: number;
  batchMaxWaitMs: number;
  heartbeatStaleMs: number;
  statusIntervalMs: number;
}

export class ConfigError extends Error {
  constructor(readonly issues: { variable: string; message: string }[]) {
    super(`Invalid configuration:\n${issues.map((i) => `  ${i.variable}: ${i.message}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  // Empty strings mean "unset", as in most shells' `VAR= cmd`.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const result = configSchema.safeParse(cleaned);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((i) => ({ variable: String(i.path[0] ?? "?"), message: i.message })),
    );
  }
  const c = result.data;
  const groupIssues = [
    ...allOrNone(c, ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"]),
    ...allOrNone(c, ["SHEPHERD_ADMIN_EMAIL", "SHEPHERD_ADMIN_PASSWORD"]),
  ];
  if (groupIssues.length > 0) throw new ConfigError(groupIssues);
  return {
    env: c.NODE_ENV,
    http: { port: c.PORT, host: c.HOST },
    database: {
      url: c.DATABASE_URL,
      embeddedPort: c.EMBEDDED_PG_PORT,
      embedded: c.SHEPHERD_EMBEDDED_DATABASE,
    },
    dataDir: path.resolve(c.SHEPHERD_DATA_DIR),
    log: { level: c.LOG_LEVEL, pretty: c.LOG_PRETTY },
    worker: {
      heartbeatIntervalMs: c.WORKER_HEARTBEAT_INTERVAL_MS,
      staleAfterMs: c.WORKER_STALE_AFTER_MS,
      metricsPort: c.WORKER_METRICS_PORT,
      healthCheckIntervalMs: c.HEALTH_CHECK_INTERVAL_MS,
    },
    demo: { clusters: c.DEMO_CLUSTERS, basePort: c.DEMO_CLUSTER_PORT },
    k8s: {
      clusterConcurrency: c.K8S_CLUSTER_CONCURRENCY,
      queueMax: c.K8S_CLUSTER_QUEUE_MAX,
      queueWaitMs: c.K8S_QUEUE_WAIT_MS,
      operationTimeoutMs: c.K8S_OPERATION_TIMEOUT_MS,
    },
    watch: {
      backoffBaseMs: c.WATCH_BACKOFF_BASE_MS,
      backoffMaxMs: Math.max(c.WATCH_BACKOFF_MAX_MS, c.WATCH_BACKOFF_BASE_MS),
      backoffResetMs: c.WATCH_BACKOFF_RESET_MS,
      breakerThreshold: c.WATCH_BREAKER_THRESHOLD,
      breakerOpenMs: c.WATCH_BREAKER_OPEN_MS,
      timeoutSeconds: {
        min: Math.min(c.WATCH_TIMEOUT_MIN_S, c.WATCH_TIMEOUT_MAX_S),
        max: Math.max(c.WATCH_TIMEOUT_MIN_S, c.WATCH_TIMEOUT_MAX_S),
      },
      inactivityMs: c.WATCH_INACTIVITY_MS,
      forbiddenRetryMs: c.WATCH_FORBIDDEN_RETRY_MS,
      absentRetryMs: c.WATCH_ABSENT_RETRY_MS,
      resyncMs: c.WATCH_RESYNC_MS,
      listPageSize: c.WATCH_LIST_PAGE_SIZE,
      batchMaxEvents: c.WATCH_BATCH_MAX_EVENTS,
      batchMaxWaitMs: c.WATCH_BATCH_MAX_WAIT_MS,
      heartbeatStaleMs: c.WATCH_HEARTBEAT_STALE_MS,
      statusIntervalMs: c.WATCH_STATUS_INTERVAL_MS,
    },
    ownership: { pollMs: c.CLUSTER_OWNERSHIP_POLL_MS, leaseMs: c.CLUSTER_OWNERSHIP_LEASE_MS },
    cache: { notifyDebounceMs: c.CACHE_NOTIFY_DEBOUNCE_MS },
    adoption: { scanIntervalMs: c.ADOPTION_SCAN_INTERVAL_MS },
    jobs: { concurrency: c.JOB_CONCURRENCY },
    encryptionKey: c.SHEPHERD_ENCRYPTION_KEY === undefined ? undefined : decodeKey(c.SHEPHERD_ENCRYPTION_KEY),
    auth: {
      secret: c.BETTER_AUTH_SECRET,
      publicOrigin: new URL(c.SHEPHERD_PUBLIC_URL ?? `http://localhost:${c.PORT}`).origin,
      oidc:
        c.OIDC_ISSUER && c.OIDC_CLIENT_ID && c.OIDC_CLIENT_SECRET
          ? { issuer: c.OIDC_ISSUER, clientId: c.OIDC_CLIENT_ID, clientSecret: c.OIDC_CLIENT_SECRET }
          : undefined,
      initialAdmin:
        c.SHEPHERD_ADMIN_EMAIL && c.SHEPHERD_ADMIN_PASSWORD
          ? { email: c.SHEPHERD_ADMIN_EMAIL.toLowerCase(), password: c.SHEPHERD_ADMIN_PASSWORD }
          : undefined,
      signInRateLimit: { max: c.SIGN_IN_RATE_LIMIT_MAX, windowSeconds: c.SIGN_IN_RATE_LIMIT_WINDOW_SECONDS },
    },
  };
}

/** Variables that only make sense together: names each missing one when some of the group are set. */
function allOrNone(c: RawConfig, names: (keyof RawConfig)[]): { variable: string; message: string }[] {
  const missing = names.filter((n) => c[n] === undefined);
  if (missing.length === 0 || missing.length === names.length) return [];
  return missing.map((variable) => ({ variable, message: `must be set together with ${names.join(", ")}` }));
}

/** A 32-byte key from base64 or hex text, or undefined when the text is neither. */
export function decodeKey(text: string): Buffer | undefined {
  const hex = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, "hex") : undefined;
  const b64 = /^[A-Za-z0-9+/_-]+={0,2}$/.test(text) ? Buffer.from(text, "base64") : undefined;
  const key = hex ?? b64;
  return key?.length === 32 ? key : undefined;
}

let cached: Config | undefined;

/** Reads process.env once per process; later calls return the same object. */
export function loadConfig(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}

/** loadConfig() for a process's entry point: a bad value prints what is wrong and ends the process. */
export function loadConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (err) {
    console.error(err instanceof ConfigError ? err.message : err);
    process.exit(1);
  }
}
