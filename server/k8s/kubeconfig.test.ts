import { inspect } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { generateTls, type TlsMaterial } from "@/kubesim/tls";
import { isAppError } from "@/lib/errors/app-error";
import { validateKubeconfig } from "./kubeconfig";

const TOKEN = "sekret-token-0123456789";
let tls: TlsMaterial;
let other: TlsMaterial;
const b64 = (text: string) => Buffer.from(text).toString("base64");

beforeAll(async () => {
  [tls, other] = await Promise.all([generateTls(["127.0.0.1"]), generateTls(["127.0.0.1"])]);
});

interface Parts {
  cluster?: Record<string, unknown>;
  user?: Record<string, unknown> | null;
  context?: Record<string, unknown>;
  current?: unknown;
  extra?: Record<string, unknown>;
}

/** A one-context kubeconfig with overridable parts; `undefined` user keeps the default token user. */
function kubeconfig(parts: Parts = {}): Record<string, unknown> {
  return {
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name: "prod", cluster: parts.cluster ?? { server: "https://10.0.0.1:6443" } }],
    users: [{ name: "admin", user: parts.user === undefined ? { token: TOKEN } : parts.user }],
    contexts: [{ name: "prod-admin", context: parts.context ?? { cluster: "prod", user: "admin" } }],
    "current-context": parts.current === undefined ? "prod-admin" : parts.current,
    ...parts.extra,
  };
}

function refusal(text: string): { code: string; params: unknown } {
  try {
    validateKubeconfig(text);
  } catch (error) {
    if (isAppError(error)) return { code: error.code, params: error.params };
    throw error;
  }
  throw new Error("expected the kubeconfig to be refused");
}

describe("validateKubeconfig accepts", () => {
  it("a bearer-token kubeconfig in YAML, and reports a summary without the token", () => {
    const v = validateKubeconfig(
      stringify(kubeconfig({ context: { cluster: "prod", user: "admin", namespace: "vms" } })),
    );
    expect(v.summary).toEqual({
      context: "prod-admin",
      cluster: "prod",
      user: "admin",
      namespace: "vms",
      server: "https://10.0.0.1:6443",
      authMethod: "token",
      warnings: [],
    });
    expect(JSON.stringify(v)).not.toContain(TOKEN);
    expect(inspect(v, { depth: 10, showHidden: true })).not.toContain(TOKEN);
  });

  it("the same document as JSON", () => {
    expect(validateKubeconfig(JSON.stringify(kubeconfig())).summary.authMethod).toBe("token");
  });

  it("inline client certificate data with a CA", () => {
    const v = validateKubeconfig(
      stringify(
        kubeconfig({
          cluster: { server: "https://127.0.0.1:6443/", "certificate-authority-data": b64(tls.caPem) },
          user: { "client-certificate-data": b64(tls.certPem), "client-key-data": b64(tls.keyPem) },
        }),
      ),
    );
    expect(v.summary).toMatchObject({ server: "https://127.0.0.1:6443", authMethod: "client_certificate" });
    expect(JSON.stringify(v)).not.toContain(b64(tls.keyPem));
  });

  it("no credentials, with a no_auth warning (and plain_http for http://)", () => {
    const noUser = kubeconfig({ cluster: { server: "http://127.0.0.1:8080" }, context: { cluster: "prod" } });
    expect(validateKubeconfig(stringify(noUser)).summary).toMatchObject({
      authMethod: "none",
      warnings: ["no_auth", "plain_http"],
    });
    expect(validateKubeconfig(stringify(kubeconfig({ user: null }))).summary.warnings).toEqual(["no_auth"]);
  });

  it("insecure-skip-tls-verify on https, with a warning", () => {
    const v = validateKubeconfig(
      stringify(
        kubeconfig({ cluster: { server: "https://k8s.example:6443", "insecure-skip-tls-verify": true } }),
      ),
    );
    expect(v.summary.warnings).toEqual(["tls_verify_disabled"]);
  });

  it("several contexts, keeping only the current one (others may use anything)", () => {
    const doc = kubeconfig();
    (doc.users as unknown[]).push({ name: "sso", user: { exec: { command: "rm", args: ["-rf", "/"] } } });
    (doc.contexts as unknown[]).push({ name: "other", context: { cluster: "prod", user: "sso" } });
    const v = validateKubeconfig(stringify(doc));
    expect(v.summary.context).toBe("prod-admin");
    expect(v.serialize()).not.toContain("exec");
    expect(validateKubeconfig(v.serialize()).summary).toEqual(v.summary);
  });

  it("builds a client-node KubeConfig from the checked fields, with skipTLSVerify for http://", () => {
    const kc = validateKubeconfig(
      stringify(kubeconfig({ cluster: { server: "http://127.0.0.1:8080" } })),
    ).toClientConfig();
    expect(kc.getCurrentCluster()).toMatchObject({ server: "http://127.0.0.1:8080", skipTLSVerify: true });
    expect(kc.getCurrentUser()?.token).toBe(TOKEN);
  });
});

describe("validateKubeconfig refuses", () => {
  const authCases: [string, Parts, string][] = [
    [
      "an exec plugin",
      { user: { exec: { command: "aws", apiVersion: "client.authentication.k8s.io/v1" } } },
      "exec",
    ],
    ["an auth-provider", { user: { "auth-provider": { name: "oidc", config: {} } } }, "auth_provider"],
    ["username/password", { user: { username: "admin", password: "pw" } }, "basic_auth"],
    ["a token file", { user: { "token-file": "/var/run/secrets/token" } }, "token_file"],
    [
      "a client certificate file",
      { user: { "client-certificate": "/etc/cert.pem", "client-key-data": "x" } },
      "client_certificate_file",
    ],
    ["a client key file", { user: { "client-key": "/etc/key.pem" } }, "client_key_file"],
    [
      "a CA file",
      { cluster: { server: "https://10.0.0.1", "certificate-authority": "/etc/passwd" } },
      "certificate_authority_file",
    ],
    ["impersonation", { user: { token: TOKEN, as: "system:admin" } }, "impersonation"],
    ["group impersonation", { user: { token: TOKEN, "as-groups": ["system:masters"] } }, "impersonation"],
  ];
  it.each(authCases)("%s → KUBECONFIG_AUTH_UNSUPPORTED", (_name, parts, method) => {
    expect(refusal(stringify(kubeconfig(parts)))).toEqual({
      code: "KUBECONFIG_AUTH_UNSUPPORTED",
      params: { method },
    });
  });

  const invalidCases: [string, () => string, string][] = [
    ["a file over 1 MiB", () => `# ${"x".repeat(1024 * 1024)}`, "too_large"],
    ["YAML that does not parse", () => "clusters: [\n  - name: a\n  bad", "unparseable"],
    ["duplicate keys", () => "current-context: a\ncurrent-context: b\n", "unparseable"],
    ["an alias bomb", () => aliasBomb(), "unparseable"],
    ["an empty document", () => "", "not_a_kubeconfig"],
    ["a list", () => "- a\n- b\n", "not_a_kubeconfig"],
    ["another kind", () => stringify({ ...kubeconfig(), kind: "Pod" }), "not_a_kubeconfig"],
    [
      "clusters that are not a list",
      () => stringify({ ...kubeconfig(), clusters: { prod: {} } }),
      "not_a_kubeconfig",
    ],
    ["no current-context", () => stringify(kubeconfig({ current: "" })), "no_current_context"],
    [
      "a current-context that is not a string",
      () => stringify(kubeconfig({ current: 7 })),
      "no_current_context",
    ],
    ["an unknown current-context", () => stringify(kubeconfig({ current: "nope" })), "context_not_found"],
    [
      "a context named twice",
      () => {
        const doc = kubeconfig();
        (doc.contexts as unknown[]).push({ name: "prod-admin", context: { cluster: "prod" } });
        return stringify(doc);
      },
      "duplicate_name",
    ],
    [
      "a context without a cluster",
      () => stringify(kubeconfig({ context: { user: "admin" } })),
      "cluster_not_found",
    ],
    [
      "an unknown cluster",
      () => stringify(kubeconfig({ context: { cluster: "x", user: "admin" } })),
      "cluster_not_found",
    ],
    [
      "an unknown user",
      () => stringify(kubeconfig({ context: { cluster: "prod", user: "x" } })),
      "user_not_found",
    ],
    [
      "a server missing",
      () => stringify(kubeconfig({ cluster: { "insecure-skip-tls-verify": true } })),
      "server_missing",
    ],
    [
      "a server that is not a URL",
      () => stringify(kubeconfig({ cluster: { server: "10.0.0.1:6443" } })),
      "server_invalid",
    ],
    [
      "a server with another scheme",
      () => stringify(kubeconfig({ cluster: { server: "ftp://10.0.0.1" } })),
      "server_invalid",
    ],
    [
      "a server URL with credentials",
      () => stringify(kubeconfig({ cluster: { server: "https://u:p@10.0.0.1" } })),
      "server_invalid",
    ],
    [
      "a server that is a number",
      () => stringify(kubeconfig({ cluster: { server: 6443 } })),
      "server_invalid",
    ],
    [
      "CA data that is not a certificate",
      () =>
        stringify(
          kubeconfig({ cluster: { server: "https://a", "certificate-authority-data": b64("nope") } }),
        ),
      "certificate_authority_unreadable",
    ],
    [
      "a client certificate without its key",
      () => stringify(kubeconfig({ user: { "client-certificate-data": b64(tls.certPem) } })),
      "client_certificate_incomplete",
    ],
    [
      "client certificate data that is not PEM",
      () =>
        stringify(
          kubeconfig({ user: { "client-certificate-data": b64("x"), "client-key-data": b64(tls.keyPem) } }),
        ),
      "client_certificate_unreadable",
    ],
    [
      "a client key of another certificate",
      () =>
        stringify(
          kubeconfig({
            user: { "client-certificate-data": b64(tls.certPem), "client-key-data": b64(other.keyPem) },
          }),
        ),
      "client_certificate_mismatch",
    ],
    ["a token on two lines", () => stringify(kubeconfig({ user: { token: "abc\ndef" } })), "token_invalid"],
    [
      "a token that is not a string",
      () => stringify(kubeconfig({ user: { token: 12345 } })),
      "token_invalid",
    ],
    [
      "a proxy",
      () => stringify(kubeconfig({ cluster: { server: "https://a", "proxy-url": "socks5://evil:1080" } })),
      "proxy_unsupported",
    ],
  ];
  it.each(invalidCases)("%s → KUBECONFIG_INVALID", (_name, text, reason) => {
    expect(refusal(text())).toEqual({ code: "KUBECONFIG_INVALID", params: { reason } });
  });

  it("never echoes the document in the error", () => {
    try {
      validateKubeconfig(
        stringify(kubeconfig({ user: { token: TOKEN, password: "hunter2", username: "u" } })),
      );
      expect.unreachable();
    } catch (error) {
      expect(inspect(error, { depth: 10 })).not.toMatch(/hunter2|sekret/);
    }
  });
});

/** Nine levels of nine aliases each: far beyond the alias limit. */
function aliasBomb(): string {
  const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
  for (let i = 1; i < 9; i++) {
    const prev = String.fromCharCode(96 + i);
    const next = String.fromCharCode(97 + i);
    lines.push(`${next}: &${next} [${Array(9).fill(`*${prev}`).join(",")}]`);
  }
  return lines.join("\n");
}
