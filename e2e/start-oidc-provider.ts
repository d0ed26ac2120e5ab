// Runs the test OpenID Connect provider for the end-to-end suite until Playwright stops it (SIGINT/SIGTERM).
import { startOidcTestProvider } from "../server/testing/oidc-test-provider";
import { E2E_OIDC } from "./oidc-test-identity";

const provider = await startOidcTestProvider({
  port: E2E_OIDC.port,
  clientId: E2E_OIDC.clientId,
  clientSecret: E2E_OIDC.clientSecret,
  redirectUris: [E2E_OIDC.redirectUri],
  identity: E2E_OIDC.identity,
});
console.log(`test OpenID Connect provider at ${provider.issuer}`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    provider.close().finally(() => process.exit(0));
  });
}
