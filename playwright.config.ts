// End-to-end tests: Debian's Chromium against the real product started by the real launcher
// (scripts/start.ts: embedded PostgreSQL, migrations, the production Next.js build, the worker), with
// OpenID Connect sign-in configured against the test identity provider, which starts first.
import { defineConfig } from "@playwright/test";
import { E2E_OIDC } from "./e2e/oidc-test-identity";

const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  outputDir: ".data/e2e-results",
  use: {
    baseURL,
    browserName: "chromium",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      // Without the background-networking flags Chromium keeps trying hosts this machine cannot reach.
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  webServer: [
    {
      command: "node --import tsx e2e/start-oidc-provider.ts",
      url: `${E2E_OIDC.issuer}/.well-known/openid-configuration`,
      timeout: 30_000,
      reuseExistingServer: false,
      gracefulShutdown: { signal: "SIGINT", timeout: 5_000 },
    },
    {
      command: "node --import tsx scripts/start.ts",
      url: `${baseURL}/api/health/ready`,
      timeout: 240_000,
      reuseExistingServer: false,
      stdout: "pipe",
      gracefulShutdown: { signal: "SIGINT", timeout: 30_000 },
      env: {
        PORT: String(port),
        HOST: "127.0.0.1",
        SHEPHERD_DATA_DIR: process.env.E2E_DATA_DIR ?? ".data/e2e",
        EMBEDDED_PG_PORT: process.env.E2E_PG_PORT ?? "54339",
        WORKER_HEARTBEAT_INTERVAL_MS: "2000",
        DEMO_CLUSTER_PORT: process.env.E2E_DEMO_CLUSTER_PORT ?? "16543",
        WORKER_METRICS_PORT: process.env.E2E_METRICS_PORT ?? "19564",
        LOG_LEVEL: "warn",
        // The browser opens 127.0.0.1, so that is the origin cookies and the CSRF check must expect.
        SHEPHERD_PUBLIC_URL: baseURL,
        // Every spec signs in; the default (5 per minute and address) is for people, not a test suite.
        SIGN_IN_RATE_LIMIT_MAX: "1000",
        OIDC_ISSUER: E2E_OIDC.issuer,
        OIDC_CLIENT_ID: E2E_OIDC.clientId,
        OIDC_CLIENT_SECRET: E2E_OIDC.clientSecret,
      },
    },
  ],
});
