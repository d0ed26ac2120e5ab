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
  EMBEDDED_PG_PORT: port.default(54329),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  LOG_PRETTY: flag.default(false),
  WORKER_HEARTBEAT_INTERVAL_MS: positiveMs.default(10_000),
  /** A worker whose last heartbeat is older than this is shown as down. */
  WORKER_STALE_AFTER_MS: positiveMs.default(60_000),
  WORKER_METRICS_PORT: port.default(9464),
});

export type RawConfig = z.infer<typeof configSchema>;

export interface Config {
  env: RawConfig["NODE_ENV"];
  http: { port: number; host: string };
  database: { url: string | undefined; embeddedPort: number };
  dataDir: string;
  log: { level: RawConfig["LOG_LEVEL"]; pretty: boolean };
  worker: { heartbeatIntervalMs: number; staleAfterMs: number; metricsPort: number };
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
    database: { url: c.DATABASE_URL, embeddedPort: c.EMBEDDED_PG_PORT },
    dataDir: path.resolve(c.SHEPHERD_DATA_DIR),
    log: { level: c.LOG_LEVEL, pretty: c.LOG_PRETTY },
    worker: {
      heartbeatIntervalMs: c.WORKER_HEARTBEAT_INTERVAL_MS,
      staleAfterMs: c.WORKER_STALE_AFTER_MS,
      metricsPort: c.WORKER_METRICS_PORT,
    },
  };
}

let cached: Config | undefined;

/** Reads process.env once per process; later calls return the same object. */
export function loadConfig(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}
