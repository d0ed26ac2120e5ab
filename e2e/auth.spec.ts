import { expect, type Page, test } from "@playwright/test";
import { type Catalogue, catalogue } from "./catalogue";
import { type DemoRole, demoPassword, signIn } from "./demo-accounts";

const en = catalogue("en");
const zh = catalogue("zh-CN");

const nav = (page: Page, m: Catalogue) => page.getByRole("navigation", { name: m.shell.nav.label });

test("an anonymous visitor is sent to sign-in; the demo hint names the accounts file", async ({ page }) => {
  await page.goto("/en");
  await expect(page).toHaveURL(/\/en\/sign-in/);
  await expect(page).toHaveTitle(`${en.metadata.signIn} · ${en.metadata.productName}`);
  await expect(page.getByRole("heading", { level: 1, name: en.signIn.heading })).toBeVisible();
  await expect(page.getByText("demo-accounts.txt")).toBeVisible();
  await expect(nav(page, en)).toHaveCount(0);
  const status = await page.request.get("/api/v1/system/status");
  expect(status.status()).toBe(401);
  expect(await status.json()).toMatchObject({ code: "UNAUTHENTICATED" });
});

test("an anonymous visitor asking for an admin page is redirected to sign-in, and brought back after it", async ({
  page,
}) => {
  const response = await page.request.get("/en/admin/users?q=x", { maxRedirects: 0 });
  expect(response.status()).toBe(307);
  const location = new URL(response.headers().location ?? "", "http://localhost");
  expect(location.pathname).toBe("/en/sign-in");
  expect(location.searchParams.get("next")).toBe("/en/admin/users?q=x");

  await page.goto("/en/admin/users");
  await expect(page).toHaveURL(/\/en\/sign-in\?next=%2Fen%2Fadmin%2Fusers$/);
  await page.locator('input[name="identifier"]').fill("admin");
  await page.locator('input[name="password"]').fill(demoPassword("admin"));
  await page.locator('button[type="submit"]').click();
  await expect(page).toHaveURL(/\/en\/admin\/users$/);
  await expect(page.getByRole("heading", { level: 1, name: en.adminUsers.heading })).toBeVisible();
});

const expectations: Record<DemoRole, { approvals: boolean; admin: boolean }> = {
  admin: { approvals: true, admin: true },
  approver: { approvals: true, admin: false },
  user: { approvals: false, admin: false },
};

for (const role of ["admin", "approver", "user"] as const) {
  test(`${role}: sees only what the role allows, the session survives a reload, sign-out ends it`, async ({
    page,
  }) => {
    await signIn(page, role);
    const m = en;
    await expect(page.getByRole("heading", { level: 1, name: m.home.heading })).toBeVisible();
    await expect(page.getByRole("region", { name: m.shell.userMenu.label })).toContainText(role);
    const n = nav(page, m);
    await expect(n.getByText(m.shell.nav.vms, { exact: true })).toBeVisible();
    await expect(n.getByText(m.shell.nav.approvals, { exact: true })).toHaveCount(
      expectations[role].approvals ? 1 : 0,
    );
    await expect(n.getByRole("heading", { name: m.shell.nav.adminGroup })).toHaveCount(
      expectations[role].admin ? 1 : 0,
    );
    await expect(n.getByRole("link", { name: m.shell.nav.users })).toHaveCount(
      expectations[role].admin ? 1 : 0,
    );

    // The server refuses the admin page to other roles, whatever the navigation shows: a real 404 status (not
    // a not-found page streamed with 200) and that language's not-found heading and title, in both languages.
    for (const [locale, lm] of [
      ["zh-CN", zh],
      ["en", en],
    ] as const) {
      const response = await page.goto(`/${locale}/admin/users`);
      expect(response?.status(), `${role} at /${locale}/admin/users`).toBe(
        expectations[role].admin ? 200 : 404,
      );
      if (expectations[role].admin) {
        await expect(page.getByRole("heading", { level: 1, name: lm.adminUsers.heading })).toBeVisible();
        await expect(page).toHaveTitle(`${lm.metadata.adminUsers} · ${lm.metadata.productName}`);
      } else {
        await expect(page.getByRole("heading", { level: 1, name: lm.notFound.heading })).toBeVisible();
        await expect(page.getByRole("heading", { name: lm.adminUsers.heading })).toHaveCount(0);
        // Not even the title names the page.
        await expect(page).toHaveTitle(`${lm.metadata.notFound} · ${lm.metadata.productName}`);
      }
    }
    if (expectations[role].admin) {
      await expect(page.getByRole("cell", { name: /approver/ }).first()).toBeVisible();
    }

    await page.goto("/en");
    await page.reload();
    await expect(page.getByRole("heading", { level: 1, name: m.home.heading })).toBeVisible();

    await page.getByRole("button", { name: m.shell.userMenu.signOut }).click();
    await expect(page).toHaveURL(/\/en\/sign-in\?signedOut=1$/);
    await expect(page.getByText(m.signIn.signedOut)).toBeVisible();
    await page.goto("/en");
    await expect(page).toHaveURL(/\/en\/sign-in/);
    expect((await page.request.get("/api/v1/system/status")).status()).toBe(401);
  });
}

test("a wrong password shows the translated, generic error in both languages", async ({ page }) => {
  for (const [locale, m] of [
    ["en", en],
    ["zh-CN", zh],
  ] as const) {
    await page.goto(`/${locale}/sign-in`);
    await page.locator('input[name="identifier"]').fill("admin");
    await page.locator('input[name="password"]').fill(`${demoPassword("admin")}-wrong`);
    await page.locator('button[type="submit"]').click();
    await expect(page.getByRole("alert").filter({ hasText: /./ })).toHaveText(m.errors.INVALID_CREDENTIALS);
    await page.locator('input[name="identifier"]').fill("no-such-user");
    await page.locator('button[type="submit"]').click();
    await expect(page.getByRole("alert").filter({ hasText: /./ })).toHaveText(m.errors.INVALID_CREDENTIALS);
    await expect(page).toHaveURL(new RegExp(`/${locale}/sign-in$`));
  }
});

test("pages carry the security headers", async ({ page }) => {
  const res = await page.goto("/en/sign-in");
  const headers = res?.headers() ?? {};
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
});
