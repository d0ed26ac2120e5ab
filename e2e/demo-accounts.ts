// Signs in as a demo account. The passwords come from the e2e data directory's demo-accounts.txt, which
// `npm start` (the web server of this suite) wrote when it seeded the accounts.
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, type Page } from "@playwright/test";

export type DemoRole = "admin" | "approver" | "user";

export function demoPassword(role: DemoRole): string {
  const dir = path.resolve(import.meta.dirname, "..", process.env.E2E_DATA_DIR ?? ".data/e2e");
  const line = readFileSync(path.join(dir, "demo-accounts.txt"), "utf8")
    .split("\n")
    .find((l) => l.startsWith(`${role}\t`));
  const password = line?.split("\t")[1];
  if (!password) throw new Error(`no ${role} in ${dir}/demo-accounts.txt`);
  return password;
}

/** Signs in through the sign-in page and waits for the overview. */
export async function signIn(page: Page, role: DemoRole, locale: "en" | "zh-CN" = "en"): Promise<void> {
  await page.goto(`/${locale}/sign-in`);
  await page.locator('input[name="identifier"]').fill(role);
  await page.locator('input[name="password"]').fill(demoPassword(role));
  await page.locator('button[type="submit"]').click();
  await expect(page).toHaveURL(new RegExp(`/${locale}$`));
}
