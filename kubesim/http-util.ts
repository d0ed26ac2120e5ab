// Small helpers over node:http: bodies, JSON answers and Status errors.
import type { IncomingMessage, ServerResponse } from "node:http";
import { errors, StatusError } from "./status-error.ts";

export const MAX_BODY = 8 * 1024 * 1024;

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new StatusError(413, "RequestEntityTooLarge", "Request entity too large: limit is 3145728"));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

export function parseJson(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw errors.badRequest(`the request body could not be decoded: ${(e as Error).message}`);
  }
}

export function sendJson(
  res: ServerResponse,
  code: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const text = typeof body === "string" ? body : JSON.stringify(body);
  res.writeHead(code, {
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export function sendError(res: ServerResponse, err: unknown): void {
  const se =
    err instanceof StatusError ? err : errors.internal(err instanceof Error ? err.message : String(err));
  const headers: Record<string, string> = {};
  if (se.details?.retryAfterSeconds !== undefined)
    headers["Retry-After"] = String(se.details.retryAfterSeconds);
  if (se.code === 401) headers["WWW-Authenticate"] = 'Basic realm="kubernetes-master"';
  sendJson(res, se.code, se.toStatus(), headers);
}

export interface MediaRange {
  type: string;
  subtype: string;
  params: Record<string, string>;
  q: number;
}

/** Parses an Accept header into media ranges (goautoneg-style); empty header = `*\/*`. */
export function parseAccept(accept: string | undefined): MediaRange[] {
  const header = accept?.trim() ? accept : "*/*";
  const out: MediaRange[] = [];
  for (const part of header.split(",")) {
    const [mt, ...rawParams] = part.split(";").map((s) => s.trim());
    if (!mt) continue;
    const [type, subtype] = mt.toLowerCase().split("/", 2);
    const params: Record<string, string> = {};
    let q = 1;
    for (const p of rawParams) {
      const i = p.indexOf("=");
      if (i < 0) continue;
      const k = p.slice(0, i).trim();
      const v = p.slice(i + 1).trim();
      if (k === "q") q = Number(v);
      else params[k] = v;
    }
    if (!type || !subtype || !(q > 0)) continue;
    out.push({ type, subtype, params, q });
  }
  return out;
}

/**
 * Whether a JSON answer is acceptable: some range is `application/json`, `application/*` or `*\/*`. kubesim
 * serves no protobuf, YAML or CBOR, so a request that admits only those must get 406, not JSON.
 */
export function acceptsJson(accept: string | undefined): boolean {
  return parseAccept(accept).some(
    (r) => (r.type === "application" || r.type === "*") && (r.subtype === "json" || r.subtype === "*"),
  );
}
