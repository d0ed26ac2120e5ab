import { expect, type Page, test } from "@playwright/test";
import { type Catalogue, catalogue } from "./catalogue";
import { E2E_OIDC } from "./oidc-test-identity";

const locales = [
  { locale: "en", m: catalogue("en") },
  { locale: "zh-CN", m: catalogue("zh-CN") },
] as const;

const idpButton = (page: Page, m: Catalogue) => page.getByRole("button", { name: m.signIn.oidc });

for (const { locale, m } of locales) {
  test(`${locale}: the sign-in page offers the identity provider`, async ({ page }) => {
    await page.goto(`/${locale}/sign-in`);
    await expect(page.getByRole("heading", { level: 1, name: m.signIn.heading })).toBeVisible();
    await expect(page.getByText(m.signIn.or, { exact: true })).toBeVisible();
    await expect(idpButton(page, m)).toBeEnabled();
  });

  test(`${locale}: signing in through the identity provider lands on the overview as that person`, async ({
    page,
  }) => {
    await page.goto(`/${locale}/sign-in`);
    const toIdp = page.waitForRequest((r) => r.url().startsWith(`${E2E_OIDC.issuer}/authorize?`));
    await idpButton(page, m).click();
    // The browser really went to the provider, and came back to the overview in its own language.
    expect(new URL((await toIdp).url()).searchParams.get("client_id")).toBe(E2E_OIDC.clientId);
    await expect(page).toHaveURL(new RegExp(`/${locale}$`));
    await expect(page.getByRole("heading", { level: 1, name: m.home.heading })).toBeVisible();
    const menu = page.getByRole("region", { name: m.shell.userMenu.label });
    await expect(menu).toContainText(m.shell.userMenu.signedInAs.replace("{name}", E2E_OIDC.identity.name));
    // A first OIDC sign-in gets the least role: no approvals, no administration.
    await expect(menu).toContainText(m.shell.roles.user);
    const nav = page.getByRole("navigation", { name: m.shell.nav.label });
    await expect(nav.getByText(m.shell.nav.approvals, { exact: true })).toHaveCount(0);
    await expect(nav.getByRole("heading", { name: m.shell.nav.adminGroup })).toHaveCount(0);
    expect((await page.request.get("/api/v1/system/status")).status()).toBe(200);

    await page.reload();
    await expect(menu).toContainText(E2E_OIDC.identity.name);

    await page.getByRole("button", { name: m.shell.userMenu.signOut }).click();
    await expect(page).toHaveURL(new RegExp(`/${locale}/sign-in\\?signedOut=1$`));
    await expect(page.getByText(m.signIn.signedOut)).toBeVisible();
    await page.goto(`/${locale}`);
    await expect(page).toHaveURL(new RegExp(`/${locale}/sign-in`));
    expect((await page.request.get("/api/v1/system/status")).status()).toBe(401);
  });
}
