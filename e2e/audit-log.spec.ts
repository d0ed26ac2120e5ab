// The audit log against the real product, in both languages: an admin's own sign-in is on the page, filters go
// into the address and survive a reload, the cluster page links to
// the cluster's history, and both exports download the filtered set. Non-admins get the not-found page.
import { expect, test } from "@playwright/test";
import { expectNoAxeViolations } from "./axe-check";
import { catalogue } from "./catalogue";
import { signIn } from "./demo-accounts";

for (const locale of ["en", "zh-CN"] as const) {
  const m = catalogue(locale).auditLog;

  test.describe(`audit log (${locale})`, () => {
    test("an admin reads, filters, pages and exports the audit log", async ({ page }) => {
      await signIn(page, "admin", locale);
      await page.goto(`/${locale}/admin/audit-log`);
      await expect(page.getByRole("heading", { level: 1, name: m.heading })).toBeVisible();
      const table = page.getByRole("table", { name: m.tableLabel });
      await expect(table.locator('tr[data-action="auth.sign_in"]').first()).toBeVisible();
      await expectNoAxeViolations(page);

      // A filter goes into the address and the table shows only matching rows, also after a reload.
      await page.getByLabel(m.filters.action, { exact: true }).fill("auth.");
      await page.getByRole("button", { name: m.filters.apply }).click();
      await expect(page).toHaveURL(/[?&]action=auth\./);
      await page.reload();
      await expect(page.getByLabel(m.filters.action, { exact: true })).toHaveValue("auth.");
      // The reloaded page fetches the rows in the browser: wait for them before reading them all.
      await expect(table.locator('tbody tr[data-action^="auth."]').first()).toBeVisible();
      const actions = await table
        .locator("tbody tr")
        .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-action") ?? ""));
      expect(actions.length).toBeGreaterThan(0);
      for (const a of actions) expect(a.startsWith("auth.")).toBe(true);

      // Details open per row.
      await table.getByText(m.details.show).first().click();
      await expect(table.getByText(m.details.ip).first()).toBeVisible();

      // A filter nothing matches shows the empty state.
      await page.goto(`/${locale}/admin/audit-log?resource_type=vm&resource_id=no-such-vm`);
      await expect(page.getByText(m.empty.noMatch)).toBeVisible();
      await page.getByRole("button", { name: m.filters.clear }).click();
      await expect(page).toHaveURL(new RegExp(`/${locale}/admin/audit-log$`));

      // Both exports download the filtered set.
      await page.goto(`/${locale}/admin/audit-log?action=auth.`);
      for (const [name, ext] of [
        [m.export.csv, "csv"],
        [m.export.jsonl, "jsonl"],
      ] as const) {
        const download = page.waitForEvent("download");
        await page.getByRole("link", { name }).click();
        const file = await download;
        expect(file.suggestedFilename()).toMatch(new RegExp(`^shepherd-audit-\\d{8}T\\d{6}Z\\.${ext}$`));
      }
    });

    test("the cluster page links to the cluster's history", async ({ page }) => {
      await signIn(page, "admin", locale);
      await page.goto(`/${locale}/admin/clusters`);
      await page.locator("a[href*='/admin/clusters/']").first().click();
      const link = page.getByRole("link", { name: m.historyLink });
      await expect(link).toBeVisible();
      await link.click();
      await expect(page).toHaveURL(/\/admin\/audit-log\?resource_type=cluster&resource_id=/);
      await expectNoAxeViolations(page);
    });

    test("a user gets the not-found page and the API refuses", async ({ page }) => {
      await signIn(page, "user", locale);
      const res = await page.goto(`/${locale}/admin/audit-log`);
      expect(res?.status()).toBe(404);
      expect((await page.request.get("/api/v1/admin/audit-logs")).status()).toBe(403);
      expect((await page.request.get("/api/v1/admin/audit-logs/export?format=csv")).status()).toBe(403);
    });
  });
}
