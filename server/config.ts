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
});

export type RawConfig = z.infer<typeof configSchema>;

export interface Config {
  env: RawConfig["NODE_ENV"];
  http: { port: number; host: string };
  database: { url: string | undefined; embeddedPort: number; embedded: boolean };
  dataDir: string;
  log: { level: RawConfig["LOG_LEVEL"]; pretty: boolean };
  worker: { heartbeatIntervalMs: number; staleAfterMs: number; metricsPort: number };
  demo: { clusters: RawConfig["DEMO_CLUSTERS"]; basePort: number };
  k8s: { clusterConcurrency: number; queueMax: number; queueWaitMs: number; operationTimeoutMs: number };
  /** The credential encryption key from the environment, if one is set (32 bytes). */
  encryptionKey: Buffer | undefined;
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
    },
    demo: { clusters: c.DEMO_CLUSTERS, basePort: c.DEMO_CLUSTER_PORT },
    k8s: {
      clusterConcurrency: c.K8S_CLUSTER_CONCURRENCY,
      queueMax: c.K8S_CLUSTER_QUEUE_MAX,
      queueWaitMs: c.K8S_QUEUE_WAIT_MS,
      operationTimeoutMs: c.K8S_OPERATION_TIMEOUT_MS,
    },
    encryptionKey: c.SHEPHERD_ENCRYPTION_KEY === undefined ? undefined : decodeKey(c.SHEPHERD_ENCRYPTION_KEY),
  };
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
