// The objects that carry cluster credentials print none of them, however they are logged: pino (no redaction
// configured, so the objects must protect themselves), JSON, util.inspect and string interpolation.
import { randomBytes } from "node:crypto";
import { Writable } from "node:stream";
import { format, inspect } from "node:util";
import pino from "pino";
import { beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { generateTls } from "@/kubesim/tls";
import { AppError } from "@/lib/errors/app-error";
import type { PrismaClient } from "../db/prisma";
import { CredentialCipher } from "./credential-cipher";
import { CredentialStore } from "./credential-store";
import { KubeClient } from "./kube-client";
import { type ValidatedKubeconfig, validateKubeconfig } from "./kubeconfig";
import { kubeErrorFromResponse } from "./status";

const TOKEN = "tok-3f9a8c7e6d5b4a392817";
const KEY = randomBytes(32);
let certData: string;
let keyData: string;
let tokenConfig: ValidatedKubeconfig;
let certConfig: ValidatedKubeconfig;

beforeAll(async () => {
  const tls = await generateTls(["127.0.0.1"]);
  certData = Buffer.from(tls.certPem).toString("base64");
  keyData = Buffer.from(tls.keyPem).toString("base64");
  const doc = (user: Record<string, unknown>) =>
    stringify({
      clusters: [{ name: "c", cluster: { server: "https://127.0.0.1:6443" } }],
      users: [{ name: "u", user }],
      contexts: [{ name: "ctx", context: { cluster: "c", user: "u" } }],
      "current-context": "ctx",
    });
  tokenConfig = validateKubeconfig(doc({ token: TOKEN }));
  certConfig = validateKubeconfig(doc({ "client-certificate-data": certData, "client-key-data": keyData }));
});

function secrets(): string[] {
  return [
    TOKEN,
    keyData,
    certData,
    KEY.toString("base64"),
    KEY.toString("hex"),
    "BEGIN EC PRIVATE KEY",
    "PRIVATE KEY",
  ];
}

function captureLogger(): { log: pino.Logger; output: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { log: pino({ level: "trace" }, stream), output: () => chunks.join("") };
}

function everyRendering(value: unknown): string {
  return [
    JSON.stringify(value),
    JSON.stringify({ nested: { value } }),
    inspect(value, { depth: 20, showHidden: true, getters: true }),
    format("%o %O %s %j", value, value, value, value),
    String(value),
  ].join("\n");
}

describe("credential-carrying objects", () => {
  const objects = () => {
    const cipher = new CredentialCipher({ key: KEY });
    const store = new CredentialStore({ prisma: {} as PrismaClient, cipher });
    const sealed = cipher.encrypt(tokenConfig.serialize(), "cluster-1");
    let decryptError: unknown;
    try {
      cipher.decrypt(sealed, "cluster-2");
    } catch (error) {
      decryptError = error;
    }
    return {
      tokenConfig,
      certConfig,
      tokenClient: new KubeClient(tokenConfig),
      certClient: new KubeClient(certConfig),
      cipher,
      store,
      decryptError,
      storeError: new AppError("CREDENTIALS_UNREADABLE", { cluster: "c" }, { cause: decryptError }),
      unauthorized: kubeErrorFromResponse({
        status: 401,
        body: JSON.stringify({ kind: "Status", code: 401, reason: "Unauthorized", message: "Unauthorized" }),
      }),
    };
  };

  it("pino prints none of the secrets, as fields, as the merge object or as err", () => {
    const { log, output } = captureLogger();
    const all = objects();
    for (const [name, value] of Object.entries(all)) {
      log.info({ [name]: value }, "as a field");
      log.info(value as object, "as the merge object");
      log.error({ err: value }, "as err");
    }
    log.info(all, "all at once");
    const text = output();
    expect(text).toContain("https://127.0.0.1:6443"); // the summary is there …
    for (const secret of secrets()) expect(text).not.toContain(secret); // … the secrets are not
  });

  it("JSON, util.inspect and string formatting print none of the secrets", () => {
    for (const [name, value] of Object.entries(objects())) {
      const text = everyRendering(value);
      for (const secret of secrets()) expect(text, `${name} leaks`).not.toContain(secret);
    }
  });

  it("the summary says what the kubeconfig is without its secrets", () => {
    expect(JSON.parse(JSON.stringify(certConfig))).toEqual({
      context: "ctx",
      cluster: "c",
      user: "u",
      server: "https://127.0.0.1:6443",
      authMethod: "client_certificate",
      warnings: [],
    });
  });
});
