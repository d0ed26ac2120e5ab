// Redaction of audit details (SPEC §19): any key that names a secret has its value replaced, at any depth,
// before a record is written. Kubeconfigs are never written at all.

const SECRET_KEY = /password|secret|token|credential|private_key|privatekey|api_key|apikey/i;
const KUBECONFIG_KEY = /kubeconfig/i;
const MAX_DEPTH = 6;

export const REDACTED = "[REDACTED]";
export const NOT_LOGGED = "[NOT_LOGGED]";

export function redactDetails(value: unknown, depth = 0): unknown {
  if (depth > MAX_DEPTH) return "[TOO_DEEP]";
  if (Array.isArray(value)) return value.map((v) => redactDetails(v, depth + 1));
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      KUBECONFIG_KEY.test(k) ? NOT_LOGGED : SECRET_KEY.test(k) ? REDACTED : redactDetails(v, depth + 1),
    ]),
  );
}
