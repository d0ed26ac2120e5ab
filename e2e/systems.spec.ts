// The systems pages against the real product: an admin creates a system and a service (a long name earns
// the length warning), edits a description, is refused deleting a system that still has services, then
// deletes both; the demo `user` sees only the systems of their memberships, read-only, until the admin turns
// on self-service systems — then the user creates a system and a service and is its member. Both locales,
// axe on every page.
import { type Browser, expect, type Page, test } from "@playwright/test";
import { createTranslator } from "next-intl";
import { expectNoAxeViolations } from "./axe-check";
import { catalogue } from "./catalogue";
import { signIn } from "./demo-accounts";

const en = catalogue("en");
const zh = catalogue("zh-CN");
const tEn = createTranslator({ locale: "en", messages: en });
// Unique per run (the e2e database is kept across runs); within the 15-character rule.
const run = Date.now().toString(36).slice(-6);
const systemName = `e2e-${run}`;
const longService = `svc-long-${run}`; // 15 characters: created with a warning
const userSystem = `mine-${run}`;

async function setSelfService(page: Page, enabled: boolean): Promise<void> {
  const res = await page.request.put("/api/v1/admin/settings/self-service-systems", { data: { enabled } });
  expect(res.status()).toBe(200);
}

/** Removes, through the API, whatever this spec created (also after an aborted earlier run). */
async function cleanUp(browser: Browser): Promise<void> {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await signIn(page, "admin");
    await setSelfService(page, false);
    const list = await page.request.get("/api/v1/systems?per_page=100");
    const { items } = (await list.json()) as { items: { id: string; name: string }[] };
    for (const s of items.filter((i) => /^(e2e|mine)-/.test(i.name))) {
      const services = await page.request.get(`/api/v1/systems/${s.id}/services?per_page=100`);
      for (const v of ((await services.json()) as { items: { id: string }[] }).items)
        await page.request.delete(`/api/v1/systems/${s.id}/services/${v.id}`);
      await page.request.delete(`/api/v1/systems/${s.id}`);
    }
  } finally {
    await context.close();
  }
}

test.describe.configure({ mode: "serial" });
test.beforeAll(async ({ browser }) => cleanUp(browser));
test.afterAll(async ({ browser }) => cleanUp(browser));

test("an admin creates, edits and deletes a system and its service", async ({ page }) => {
  const m = en.systems;
  await signIn(page, "admin", "en");
  await page
    .getByRole("navigation", { name: en.shell.nav.label })
    .getByRole("link", { name: en.shell.nav.systems })
    .click();
  await expect(page).toHaveURL(/\/en\/systems$/);
  await expect(page).toHaveTitle(`${en.metadata.systems} · ${en.metadata.productName}`);
  await expect(page.getByRole("heading", { level: 1, name: m.heading })).toBeVisible();
  await expect(page.getByRole("switch", { name: m.selfService.label })).not.toBeChecked();
  await expectNoAxeViolations(page);

  // A name breaking the rule is refused with the translated reason; a good one is created.
  await page.getByRole("button", { name: m.list.create }).click();
  const dialog = page.getByRole("dialog", { name: m.dialogs.create.system.title });
  await dialog.getByLabel(m.dialogs.name).fill("Bad--Name");
  await dialog.getByRole("button", { name: m.dialogs.create.submit }).click();
  await expect(dialog.getByRole("alert")).toContainText("Bad--Name");
  await expectNoAxeViolations(page);
  await dialog.getByLabel(m.dialogs.name).fill(systemName);
  await dialog.getByLabel(m.dialogs.descriptionLabel).fill("Made by the e2e suite");
  await dialog.getByRole("button", { name: m.dialogs.create.submit }).click();
  await expect(
    page.getByRole("status").filter({ hasText: tEn("systems.created", { name: systemName }) }),
  ).toBeVisible();
  const row = page.locator(`tr[data-system="${systemName}"]`);
  await expect(row).toContainText("0");
  await row.getByRole("link", { name: systemName }).click();

  // The system page: a service with a long name (warned), then its description edited.
  await expect(page.getByRole("heading", { level: 1, name: systemName })).toBeVisible();
  await page.getByRole("button", { name: m.detail.createService }).click();
  const create = page.getByRole("dialog", { name: m.dialogs.create.service.title });
  await create.getByLabel(m.dialogs.name).fill(longService);
  await create.getByRole("button", { name: m.dialogs.create.submit }).click();
  await expect(page.getByText(m.nameLengthWarning)).toBeVisible();
  const serviceRow = page.locator(`tr[data-service="${longService}"]`);
  await expect(serviceRow).toBeVisible();
  await serviceRow
    .getByRole("button", { name: tEn("systems.detail.editServiceNamed", { name: longService }) })
    .click();
  const edit = page.getByRole("dialog", { name: tEn("systems.dialogs.edit.service", { name: longService }) });
  await edit.getByLabel(m.dialogs.descriptionLabel).fill("Cache tier");
  await edit.getByRole("button", { name: m.dialogs.edit.submit }).click();
  await expect(serviceRow).toContainText("Cache tier");
  await expectNoAxeViolations(page);

  // The service page: no members, no VMs yet.
  await serviceRow.getByRole("link", { name: longService }).click();
  await expect(page.getByRole("heading", { level: 1, name: `${systemName}/${longService}` })).toBeVisible();
  await expect(page.getByRole("heading", { name: m.service.noMembers })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: tEn("systems.service.back", { system: systemName }) }).click();

  // Deleting the system while it has a service is refused with the count; deleting the service first works.
  await page.getByRole("button", { name: m.detail.deleteSystem }).click();
  const refuse = page.getByRole("dialog", {
    name: tEn("systems.dialogs.delete.system.title", { name: systemName }),
  });
  await refuse.getByRole("button", { name: m.dialogs.delete.submit }).click();
  await expect(refuse.getByRole("alert")).toContainText(systemName);
  await refuse.getByRole("button", { name: m.dialogs.cancel }).click();
  await serviceRow
    .getByRole("button", { name: tEn("systems.detail.deleteServiceNamed", { name: longService }) })
    .click();
  await page
    .getByRole("dialog", { name: tEn("systems.dialogs.delete.service.title", { name: longService }) })
    .getByRole("button", { name: m.dialogs.delete.submit })
    .click();
  await expect(page.getByRole("heading", { name: m.detail.noServices })).toBeVisible();
  await page.getByRole("button", { name: m.detail.deleteSystem }).click();
  await page
    .getByRole("dialog", { name: tEn("systems.dialogs.delete.system.title", { name: systemName }) })
    .getByRole("button", { name: m.dialogs.delete.submit })
    .click();
  await expect(page).toHaveURL(/\/en\/systems$/);
  await expect(page.locator(`tr[data-system="${systemName}"]`)).toHaveCount(0);
});

test("the user sees their systems read-only, and creates once self-service is on", async ({ browser }) => {
  const m = en.systems;
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, "admin", "en");
  const userContext = await browser.newContext();
  const page = await userContext.newPage();
  try {
    await signIn(page, "user", "en");
    await page.goto("/en/systems");
    await expect(page.getByRole("heading", { level: 1, name: m.heading })).toBeVisible();
    await expect(page.getByRole("button", { name: m.list.create })).toHaveCount(0);
    await expect(page.getByRole("switch")).toHaveCount(0);
    const refused = await page.request.post("/api/v1/systems", { data: { name: userSystem } });
    expect(refused.status()).toBe(403);
    expect(await refused.json()).toMatchObject({ code: "SELF_SERVICE_DISABLED" });
    await expectNoAxeViolations(page);

    // The admin turns self-service on from the systems page.
    await admin.goto("/en/systems");
    // The switch saves on click and shows the saved state once the server has answered (not at the click,
    // which Playwright's check() would require).
    await admin.getByRole("switch", { name: m.selfService.label }).click();
    await expect(admin.getByRole("switch", { name: m.selfService.label })).toBeChecked();

    await page.reload();
    await page.getByRole("button", { name: m.list.create }).click();
    const dialog = page.getByRole("dialog", { name: m.dialogs.create.system.title });
    await dialog.getByLabel(m.dialogs.name).fill(userSystem);
    await dialog.getByRole("button", { name: m.dialogs.create.submit }).click();
    await page.locator(`tr[data-system="${userSystem}"]`).getByRole("link", { name: userSystem }).click();
    await page.getByRole("button", { name: m.detail.createService }).click();
    const create = page.getByRole("dialog", { name: m.dialogs.create.service.title });
    await create.getByLabel(m.dialogs.name).fill("web");
    await create.getByRole("button", { name: m.dialogs.create.submit }).click();
    await page.locator('tr[data-service="web"]').getByRole("link", { name: "web" }).click();
    await expect(page.locator('tr[data-member="user"]')).toBeVisible();
    // Users do not edit or delete.
    await page.goBack();
    await expect(page.getByRole("button", { name: m.detail.deleteSystem })).toHaveCount(0);
  } finally {
    await setSelfService(admin, false);
    await adminContext.close();
    await userContext.close();
  }
});

test("the systems page in Simplified Chinese", async ({ page }) => {
  await signIn(page, "admin", "zh-CN");
  await page.goto("/zh-CN/systems");
  await expect(page).toHaveTitle(`${zh.metadata.systems} · ${zh.metadata.productName}`);
  await expect(page.getByRole("heading", { level: 1, name: zh.systems.heading })).toBeVisible();
  await expect(page.getByRole("switch", { name: zh.systems.selfService.label })).toBeVisible();
  await expect(page.getByRole("button", { name: zh.systems.list.create })).toBeVisible();
  await expectNoAxeViolations(page);
});
