// Smoke test of the shell, i18n and the live system status, in both locales, against the full product
// (web + worker + PostgreSQL, started by playwright.config.ts). Expected texts come from the catalogues,
// so a wording change does not break the test but a missing or wrong translation does.
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { type NavItem, navSectionsFor } from "../components/shell/nav-items";
import { signIn } from "./demo-accounts";

type Catalogue = typeof import("../messages/en.json");

function catalogue(locale: "en" | "zh-CN"): Catalogue {
  const file = path.join(import.meta.dirname, "..", "messages", `${locale}.json`);
  return JSON.parse(readFileSync(file, "utf8")) as Catalogue;
}

const locales = [
  { locale: "en", entry: "/", url: /\/en$/, m: catalogue("en") },
  { locale: "zh-CN", entry: "/zh-CN", url: /\/zh-CN$/, m: catalogue("zh-CN") },
] as const;

/** A regular expression matching an ICU message with its `{placeholders}` filled by anything. */
function messagePattern(message: string): RegExp {
  const parts = message.split(/\{[^}]*\}/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(parts.join(".+"));
}

function mainNav(page: Page, m: Catalogue) {
  return page.getByRole("navigation", { name: m.shell.nav.label });
}

// The console needs a session; the admin sees every navigation entry.
test.beforeEach(async ({ page }) => {
  await signIn(page, "admin");
});

for (const { locale, entry, url, m } of locales) {
  test(`overview in ${locale}: heading, title, navigation`, async ({ page }) => {
    await page.goto(entry);

    await expect(page).toHaveURL(url);
    await expect(page.locator("html")).toHaveAttribute("lang", locale);
    await expect(page).toHaveTitle(`${m.metadata.home} · ${m.metadata.productName}`);
    await expect(page.getByRole("heading", { level: 1, name: m.home.heading })).toBeVisible();
    await expect(page.getByText(m.home.intro)).toBeVisible();

    const nav = mainNav(page, m);
    await expect(nav.getByRole("link", { name: m.shell.nav.overview })).toHaveAttribute(
      "aria-current",
      "page",
    );
    for (const label of [m.shell.nav.vms, m.shell.nav.requests, m.shell.nav.approvals]) {
      await expect(nav.getByText(label, { exact: true })).toBeVisible();
    }
    await expect(nav.getByRole("heading", { name: m.shell.nav.adminGroup })).toBeVisible();
    await expect(nav.getByText(m.shell.nav.clusters, { exact: true })).toBeVisible();
    await expect(nav.getByText(m.shell.nav.adoptions, { exact: true })).toBeVisible();
    // Built features are links (an admin sees them all); features not built yet are not, and say when
    // they arrive. The list itself is components/shell/nav-items.ts.
    const items = navSectionsFor("admin").flatMap((section) => section.items);
    const built = items.filter((item) => item.href !== undefined);
    await expect(nav.getByRole("link")).toHaveCount(built.length);
    for (const item of built)
      await expect(nav.getByRole("link", { name: m.shell.nav[item.id] })).toBeVisible();
    const pending = items.find((item): item is NavItem & { href: undefined } => item.href === undefined);
    if (pending) await expect(nav.getByText(m.shell.nav.arrivesWith[pending.id])).toBeVisible();
  });

  test(`system status in ${locale}: database healthy, worker up, refreshed live`, async ({ page }) => {
    await page.goto(entry);
    const panel = page.getByRole("region", { name: m.systemStatus.heading });
    const database = panel.getByRole("region", { name: m.systemStatus.database.title });
    const worker = panel.getByRole("region", { name: m.systemStatus.worker.title });

    await expect(database.getByText(m.systemStatus.database.healthy, { exact: true })).toBeVisible();
    await expect(database).toContainText(messagePattern(m.systemStatus.database.latency));
    // The worker may report its first heartbeat just after the server is ready; the panel polls every 5 s.
    await expect(worker.getByText(m.systemStatus.worker.up, { exact: true })).toBeVisible({
      timeout: 20_000,
    });
    await expect(worker).toContainText(messagePattern(m.systemStatus.worker.lastHeartbeat));

    const checkedAt = panel.locator("time").first();
    const firstCheck = await checkedAt.getAttribute("datetime");
    expect(firstCheck).not.toBeNull();
    await expect(checkedAt).not.toHaveAttribute("datetime", firstCheck ?? "", { timeout: 15_000 });
  });
}

test("the language switcher changes locale, keeps the path and remembers the choice", async ({ page }) => {
  const [en, zh] = [locales[0].m, locales[1].m];
  await page.goto("/en/no-such-page");
  await expect(page.getByRole("heading", { level: 1, name: en.notFound.heading })).toBeVisible();

  const switcher = page.getByRole("navigation", { name: en.shell.languageSwitcher.label });
  await expect(switcher.getByRole("link", { name: en.shell.languageSwitcher.en })).toHaveAttribute(
    "aria-current",
    "true",
  );
  await switcher.getByRole("link", { name: en.shell.languageSwitcher.zhCN }).click();

  await expect(page).toHaveURL(/\/zh-CN\/no-such-page$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("heading", { level: 1, name: zh.notFound.heading })).toBeVisible();
  await expect(mainNav(page, zh).getByText(zh.shell.nav.vms, { exact: true })).toBeVisible();

  // The choice is stored in the locale cookie: the bare root now opens in Chinese.
  await page.goto("/");
  await expect(page).toHaveURL(/\/zh-CN$/);
  await expect(page.getByRole("heading", { level: 1, name: zh.home.heading })).toBeVisible();

  const zhSwitcher = page.getByRole("navigation", { name: zh.shell.languageSwitcher.label });
  await zhSwitcher.getByRole("link", { name: zh.shell.languageSwitcher.en }).click();
  await expect(page).toHaveURL(/\/en$/);
  await expect(page.getByRole("heading", { level: 1, name: en.home.heading })).toBeVisible();
});

test("health endpoints answer without a session; the status endpoint with one", async ({ page }) => {
  const request = page.request; // carries the signed-in session's cookie
  const live = await request.get("/api/health/live");
  expect(live.status()).toBe(200);
  expect(await live.json()).toEqual({ status: "ok" });

  const ready = await request.get("/api/health/ready");
  expect(ready.status()).toBe(200);
  expect(await ready.json()).toMatchObject({ status: "ok", checks: { database: { ok: true } } });

  const status = await request.get("/api/v1/system/status");
  expect(status.status()).toBe(200);
  expect(status.headers()["cache-control"]).toBe("no-store");
  expect(await status.json()).toMatchObject({ database: { ok: true } });
  await expect
    .poll(async () => (await (await request.get("/api/v1/system/status")).json()).worker.state, {
      timeout: 20_000,
    })
    .toBe("up");
});
