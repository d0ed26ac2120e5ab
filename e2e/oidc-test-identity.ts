// The identity provider of the end-to-end suite: the test OpenID Connect provider
// (server/testing/oidc-test-provider.ts) runs beside the product on its own port, and the product is
// configured with this client (playwright.config.ts), so the sign-in page offers it in every spec.
const productPort = Number(process.env.E2E_PORT ?? 3100);
const port = Number(process.env.E2E_OIDC_PORT ?? productPort + 1);

export const E2E_OIDC = {
  port,
  issuer: `http://127.0.0.1:${port}`,
  clientId: "shepherd-e2e",
  // A fixed test value that protects nothing outside this suite.
  clientSecret: "e2e-oidc-client-secret-5b1f0c7d9a",
  redirectUri: `http://127.0.0.1:${productPort}/api/auth/callback/oidc`,
  identity: { sub: "e2e-oidc-kim", email: "kim.lee@e2e.example", name: "Kim Lee" },
} as const;
