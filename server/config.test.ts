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
