/**
 * Validation of a kubeconfig offered for cluster registration (YAML or JSON text). Only its current context is
 * kept; it must reach an http(s) server with an inline bearer token, inline client certificate data, or no
 * credentials at all. Anything that would run a program or read a file on this host (exec, auth-provider,
 * token-file, certificate and key files) is refused, as are basic auth, impersonation and proxies.
 *
 * We parse and check the document ourselves before @kubernetes/client-node sees it: its `loadFromString` reads
 * `token-file` from disk while parsing. The client-node KubeConfig is then built from the checked fields only.
 *
 * A ValidatedKubeconfig holds its secrets in private fields; JSON, pino and util.inspect see only the summary.
 */
import "server-only";
import { createPrivateKey, X509Certificate } from "node:crypto";
import { inspect } from "node:util";
import { KubeConfig } from "@kubernetes/client-node";
import { parse } from "yaml";
import { AppError } from "@/lib/errors/app-error";

/** Bigger than any real single-cluster kubeconfig (a CA bundle is a few KiB); a guard against abuse. */
export const MAX_KUBECONFIG_BYTES = 1024 * 1024;
/** YAML aliases allowed while parsing; bounds "billion laughs" expansion. */
const MAX_YAML_ALIASES = 50;

export type KubeconfigAuthMethod = "token" | "client_certificate" | "none";

export type KubeconfigWarning =
  /** No credentials: every request is anonymous. */
  | "no_auth"
  /** http:// — the token and all traffic travel unencrypted. */
  | "plain_http"
  /** https:// with `insecure-skip-tls-verify: true`: the server is not authenticated. */
  | "tls_verify_disabled";

/** `KUBECONFIG_INVALID` params.reason (translated in messages/*.json `errors.KUBECONFIG_INVALID`). */
export type KubeconfigInvalidReason =
  | "too_large"
  /** The admin API's upload was not base64 (server/clusters/kubeconfig-upload.ts). */
  | "not_base64"
  | "unparseable"
  | "not_a_kubeconfig"
  | "no_current_context"
  | "context_not_found"
  | "cluster_not_found"
  | "user_not_found"
  | "duplicate_name"
  | "server_missing"
  | "server_invalid"
  | "certificate_authority_unreadable"
  | "client_certificate_incomplete"
  | "client_certificate_unreadable"
  | "client_certificate_mismatch"
  | "token_invalid"
  | "proxy_unsupported";

/** `KUBECONFIG_AUTH_UNSUPPORTED` params.method. */
export type KubeconfigUnsupportedMethod =
  | "exec"
  | "auth_provider"
  | "basic_auth"
  | "token_file"
  | "client_certificate_file"
  | "client_key_file"
  | "certificate_authority_file"
  | "impersonation";

/** What may be shown and logged about a kubeconfig: never a secret. */
export interface KubeconfigSummary {
  context: string;
  cluster: string;
  user?: string;
  namespace?: string;
  /** The API server URL, without a trailing slash. */
  server: string;
  /** "token" also when a client certificate is sent alongside the token. */
  authMethod: KubeconfigAuthMethod;
  warnings: KubeconfigWarning[];
}

interface Credentials {
  token?: string;
  /** base64, as in the kubeconfig */
  certData?: string;
  keyData?: string;
  caData?: string;
  skipTLSVerify: boolean;
  tlsServerName?: string;
}

export class ValidatedKubeconfig {
  readonly summary: KubeconfigSummary;
  readonly #credentials: Credentials;

  /** Use validateKubeconfig(); the constructor trusts its input. */
  private constructor(summary: KubeconfigSummary, credentials: Credentials) {
    this.summary = summary;
    this.#credentials = credentials;
  }

  static fromChecked(summary: KubeconfigSummary, credentials: Credentials): ValidatedKubeconfig {
    return new ValidatedKubeconfig(summary, credentials);
  }

  /**
   * server/k8s only (the credential store encrypts this): the normalised kubeconfig with the current context
   * alone, as JSON (which is YAML, so validateKubeconfig reads it back).
   */
  serialize(): string {
    const s = this.summary;
    const c = this.#credentials;
    const cluster: Record<string, unknown> = { server: s.server };
    if (c.caData !== undefined) cluster["certificate-authority-data"] = c.caData;
    if (c.skipTLSVerify) cluster["insecure-skip-tls-verify"] = true;
    if (c.tlsServerName !== undefined) cluster["tls-server-name"] = c.tlsServerName;
    const user: Record<string, unknown> = {};
    if (c.token !== undefined) user.token = c.token;
    if (c.certData !== undefined) user["client-certificate-data"] = c.certData;
    if (c.keyData !== undefined) user["client-key-data"] = c.keyData;
    const context: Record<string, unknown> = { cluster: s.cluster };
    if (s.user !== undefined) context.user = s.user;
    if (s.namespace !== undefined) context.namespace = s.namespace;
    return JSON.stringify({
      apiVersion: "v1",
      kind: "Config",
      clusters: [{ name: s.cluster, cluster }],
      users: s.user === undefined ? [] : [{ name: s.user, user }],
      contexts: [{ name: s.context, context }],
      "current-context": s.context,
    });
  }

  /**
   * server/k8s only (KubeClient builds from this): a client-node KubeConfig holding exactly the checked fields.
   * Plain http needs `skipTLSVerify` in client-node 1.x, which refuses http:// otherwise.
   */
  toClientConfig(): KubeConfig {
    const s = this.summary;
    const c = this.#credentials;
    const kc = new KubeConfig();
    const user = s.user ?? "anonymous";
    kc.loadFromOptions({
      clusters: [
        {
          name: s.cluster,
          server: s.server,
          caData: c.caData,
          skipTLSVerify: c.skipTLSVerify || s.server.startsWith("http:"),
          tlsServerName: c.tlsServerName,
        },
      ],
      users: [{ name: user, token: c.token, certData: c.certData, keyData: c.keyData }],
      contexts: [{ name: s.context, cluster: s.cluster, user, namespace: s.namespace }],
      currentContext: s.context,
    });
    return kc;
  }

  toJSON(): KubeconfigSummary {
    return this.summary;
  }

  [inspect.custom](): string {
    return `ValidatedKubeconfig ${JSON.stringify(this.summary)}`;
  }
}

/**
 * Parses and checks a kubeconfig. Throws AppError KUBECONFIG_INVALID { reason } or
 * KUBECONFIG_AUTH_UNSUPPORTED { method }; never echoes the document's content in an error.
 */
export function validateKubeconfig(text: string): ValidatedKubeconfig {
  if (Buffer.byteLength(text, "utf8") > MAX_KUBECONFIG_BYTES) invalid("too_large");
  let doc: unknown;
  try {
    doc = parse(text, { maxAliasCount: MAX_YAML_ALIASES, uniqueKeys: true, prettyErrors: false });
  } catch {
    invalid("unparseable");
  }
  if (!isRecord(doc) || (doc.kind !== undefined && doc.kind !== "Config")) invalid("not_a_kubeconfig");
  const contexts = namedList(doc.contexts);
  const clusters = namedList(doc.clusters);
  const users = namedList(doc.users);

  const contextName = doc["current-context"];
  if (typeof contextName !== "string" || contextName === "") invalid("no_current_context");
  const context = section(findNamed(contexts, contextName, "context_not_found"), "context");
  if (!context) invalid("context_not_found");
  const clusterName = context.cluster;
  if (typeof clusterName !== "string" || clusterName === "") invalid("cluster_not_found");
  const cluster = section(findNamed(clusters, clusterName, "cluster_not_found"), "cluster");
  if (!cluster) invalid("cluster_not_found");
  const namespace =
    typeof context.namespace === "string" && context.namespace !== "" ? context.namespace : undefined;

  const { server, ...clusterCredentials } = checkCluster(cluster);
  const userName = typeof context.user === "string" && context.user !== "" ? context.user : undefined;
  const userCredentials =
    userName === undefined
      ? {}
      : checkUser(section(findNamed(users, userName, "user_not_found"), "user") ?? {});

  const authMethod: KubeconfigAuthMethod =
    userCredentials.token !== undefined
      ? "token"
      : userCredentials.certData !== undefined
        ? "client_certificate"
        : "none";
  const warnings: KubeconfigWarning[] = [];
  if (authMethod === "none") warnings.push("no_auth");
  if (server.startsWith("http:")) warnings.push("plain_http");
  else if (clusterCredentials.skipTLSVerify) warnings.push("tls_verify_disabled");

  const summary: KubeconfigSummary = {
    context: contextName,
    cluster: clusterName,
    ...(userName !== undefined ? { user: userName } : {}),
    ...(namespace !== undefined ? { namespace } : {}),
    server,
    authMethod,
    warnings,
  };
  return ValidatedKubeconfig.fromChecked(summary, { ...clusterCredentials, ...userCredentials });
}

function checkCluster(cluster: Record<string, unknown>): { server: string } & Credentials {
  if (cluster["certificate-authority"] !== undefined) unsupported("certificate_authority_file");
  if (cluster["proxy-url"] !== undefined) invalid("proxy_unsupported");
  const rawServer = cluster.server;
  if (rawServer === undefined || rawServer === null || rawServer === "") invalid("server_missing");
  if (typeof rawServer !== "string") invalid("server_invalid");
  const server = checkServerUrl(rawServer);

  const credentials: Credentials = { skipTLSVerify: cluster["insecure-skip-tls-verify"] === true };
  const caData = cluster["certificate-authority-data"];
  if (caData !== undefined) {
    if (typeof caData !== "string" || !readCertificate(caData)) invalid("certificate_authority_unreadable");
    credentials.caData = caData;
  }
  const tlsServerName = cluster["tls-server-name"];
  if (typeof tlsServerName === "string" && tlsServerName !== "") credentials.tlsServerName = tlsServerName;
  return { server, ...credentials };
}

function checkServerUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    invalid("server_invalid");
  }
  const plain =
    (url.protocol === "https:" || url.protocol === "http:") &&
    url.hostname !== "" &&
    url.username === "" &&
    url.password === "" &&
    url.search === "" &&
    url.hash === "";
  if (!plain) invalid("server_invalid");
  return raw.replace(/\/+$/, "");
}

function checkUser(user: Record<string, unknown>): Omit<Credentials, "skipTLSVerify"> {
  if (present(user.exec)) unsupported("exec");
  if (present(user["auth-provider"])) unsupported("auth_provider");
  if (present(user.username) || present(user.password)) unsupported("basic_auth");
  if (present(user["token-file"]) || present(user.tokenFile)) unsupported("token_file");
  if (present(user["client-certificate"])) unsupported("client_certificate_file");
  if (present(user["client-key"])) unsupported("client_key_file");
  if (
    present(user.as) ||
    present(user["as-groups"]) ||
    present(user["as-uid"]) ||
    present(user["as-user-extra"])
  )
    unsupported("impersonation");

  const credentials: Omit<Credentials, "skipTLSVerify"> = {};
  if (present(user.token)) {
    // A header value: one line of visible characters.
    if (typeof user.token !== "string" || !/^[\x21-\x7e]+$/.test(user.token.trim())) invalid("token_invalid");
    credentials.token = user.token.trim();
  }
  const certData = user["client-certificate-data"];
  const keyData = user["client-key-data"];
  if (present(certData) !== present(keyData)) invalid("client_certificate_incomplete");
  if (present(certData)) {
    if (typeof certData !== "string" || typeof keyData !== "string") invalid("client_certificate_unreadable");
    const cert = readCertificate(certData);
    const key = readPrivateKey(keyData);
    if (!cert || !key) invalid("client_certificate_unreadable");
    if (!cert.checkPrivateKey(key)) invalid("client_certificate_mismatch");
    credentials.certData = certData;
    credentials.keyData = keyData;
  }
  return credentials;
}

function readCertificate(base64: string): X509Certificate | undefined {
  const pem = Buffer.from(base64, "base64");
  if (!pem.toString("latin1").includes("-----BEGIN CERTIFICATE-----")) return undefined;
  try {
    return new X509Certificate(pem);
  } catch {
    return undefined;
  }
}

function readPrivateKey(base64: string): ReturnType<typeof createPrivateKey> | undefined {
  try {
    return createPrivateKey(Buffer.from(base64, "base64"));
  } catch {
    return undefined;
  }
}

/** The entries of a `clusters`/`users`/`contexts` list; a missing list is empty, anything else is not a kubeconfig. */
function namedList(value: unknown): Record<string, unknown>[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) invalid("not_a_kubeconfig");
  return value.filter(isRecord);
}

function findNamed(
  list: Record<string, unknown>[],
  name: string,
  missing: KubeconfigInvalidReason,
): Record<string, unknown> {
  const matches = list.filter((entry) => entry.name === name);
  if (matches.length > 1) invalid("duplicate_name");
  const [entry] = matches;
  if (!entry) invalid(missing);
  return entry;
}

/** The nested object of a named entry (`{ name, cluster: {…} }`); undefined when absent, refused when not an object. */
function section(entry: Record<string, unknown>, key: string): Record<string, unknown> | undefined {
  const value = entry[key];
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value)) invalid("not_a_kubeconfig");
  return value;
}

function present(value: unknown): boolean {
  return value !== undefined && value !== null && value !== "";
}

function invalid(reason: KubeconfigInvalidReason): never {
  throw new AppError("KUBECONFIG_INVALID", { reason });
}

function unsupported(method: KubeconfigUnsupportedMethod): never {
  throw new AppError("KUBECONFIG_AUTH_UNSUPPORTED", { method });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
