import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "./config";

describe("parseConfig", () => {
  it("fills every default when the environment is empty", () => {
    const c = parseConfig({});
    expect(c.http).toEqual({ port: 3000, host: "0.0.0.0" });
    expect(c.database.url).toBeUndefined();
    expect(c.database.embeddedPort).toBe(54329);
    expect(c.dataDir.endsWith(".data")).toBe(true);
    expect(c.worker.heartbeatIntervalMs).toBe(10_000);
  });

  it("reads and coerces the values it is given", () => {
    const c = parseConfig({ PORT: "8080", DATABASE_URL: "postgresql://u:p@db:5432/x", LOG_PRETTY: "true" });
    expect(c.http.port).toBe(8080);
    expect(c.database.url).toBe("postgresql://u:p@db:5432/x");
    expect(c.log.pretty).toBe(true);
  });

  it("accepts a 32-byte encryption key as hex or base64", () => {
    const key = Buffer.alloc(32, 7);
    expect(parseConfig({ SHEPHERD_ENCRYPTION_KEY: key.toString("hex") }).encryptionKey).toEqual(key);
    expect(parseConfig({ SHEPHERD_ENCRYPTION_KEY: key.toString("base64") }).encryptionKey).toEqual(key);
    expect(parseConfig({}).encryptionKey).toBeUndefined();
  });

  it("derives the auth settings: public origin from the port, OIDC and initial admin all or none", () => {
    const c = parseConfig({ PORT: "8080" });
    expect(c.auth.publicOrigin).toBe("http://localhost:8080");
    expect(c.auth.oidc).toBeUndefined();
    expect(c.auth.initialAdmin).toBeUndefined();
    expect(c.auth.signInRateLimit).toEqual({ max: 5, windowSeconds: 60 });
    const full = parseConfig({
      SHEPHERD_PUBLIC_URL: "https://shepherd.example.com/console/",
      OIDC_ISSUER: "https://idp.example.com/realms/x",
      OIDC_CLIENT_ID: "shepherd",
      OIDC_CLIENT_SECRET: "s3cret",
      SHEPHERD_ADMIN_EMAIL: "Ops@Example.com",
      SHEPHERD_ADMIN_PASSWORD: "a-long-enough-password",
    });
    expect(full.auth.publicOrigin).toBe("https://shepherd.example.com");
    expect(full.auth.oidc?.clientId).toBe("shepherd");
    expect(full.auth.initialAdmin?.email).toBe("ops@example.com");
  });

  it.each([
    [{ OIDC_ISSUER: "https://idp.example.com" }, ["OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"]],
    [{ SHEPHERD_ADMIN_PASSWORD: "a-long-enough-password" }, ["SHEPHERD_ADMIN_EMAIL"]],
  ])("refuses a partial group %j and names the missing variables", (env, missing) => {
    let error: unknown;
    try {
      parseConfig(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues.map((i) => i.variable)).toEqual(missing);
  });

  it("treats an empty value as unset", () => {
    expect(parseConfig({ PORT: "" }).http.port).toBe(3000);
  });

  it.each([
    ["PORT", "eighty"],
    ["PORT", "70000"],
    ["DATABASE_URL", "mysql://x"],
    ["LOG_LEVEL", "loud"],
    ["WORKER_HEARTBEAT_INTERVAL_MS", "-5"],
    ["LOG_PRETTY", "yes please"],
    ["SHEPHERD_ENCRYPTION_KEY", "too-short"],
    ["K8S_CLUSTER_CONCURRENCY", "0"],
    ["DEMO_CLUSTERS", "maybe"],
    ["BETTER_AUTH_SECRET", "short"],
    ["SHEPHERD_PUBLIC_URL", "ftp://x"],
    ["SHEPHERD_ADMIN_PASSWORD", "short"],
    ["SIGN_IN_RATE_LIMIT_MAX", "0"],
  ])("refuses %s=%s and names the variable", (variable, value) => {
    let error: unknown;
    try {
      parseConfig({ [variable]: value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues.map((i) => i.variable)).toEqual([variable]);
    expect((error as ConfigError).message).toContain(variable);
  });
});

describe("loadConfigOrExit", () => {
  it("prints which variable is wrong and exits 1, without a stack trace", () => {
    const run = spawnSync(
      process.execPath,
      ["--import", "tsx", "-e", 'import("./server/config.ts").then((m) => m.loadConfigOrExit())'],
      { env: { ...process.env, PORT: "not-a-port" }, encoding: "utf8" },
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("Invalid configuration:");
    expect(run.stderr).toContain("PORT");
    expect(run.stderr).not.toContain("    at ");
  });
});
