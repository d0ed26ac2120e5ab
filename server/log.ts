// Structured English logs (pino). Each process builds its logger once from its config and passes it down.
import pino, { type Logger } from "pino";
import type { Config } from "./config";

export type { Logger };

/** Keys whose values never reach a log line, wherever they are nested (SPEC §19). */
const REDACT_PATHS = [
  "password",
  "*.password",
  "token",
  "*.token",
  "secret",
  "*.secret",
  "kubeconfig",
  "*.kubeconfig",
  "databaseUrl",
  "*.databaseUrl",
  "headers.authorization",
  "*.headers.authorization",
];

export function createLogger(config: Pick<Config, "log">, name: string): Logger {
  return pino({
    name,
    level: config.log.level,
    redact: { paths: REDACT_PATHS, censor: "[REDACTED]" },
    ...(config.log.pretty
      ? { transport: { target: "pino-pretty", options: { colorize: true, ignore: "pid,hostname" } } }
      : {}),
  });
}

/** Replaces the password of a connection URL so it can be logged. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "[unparseable url]";
  }
}
