// Every page of the console passes axe-core's WCAG 2.1 A/AA rules, in both locales, as the role that may see
// it (and the sign-in and not-found pages as anyone), once its data has loaded. Pages with dialogs audit them
// where their feature's spec opens them (vm-operations.spec.ts).
import { expect, type Page, test } from "@playwright/test";
import { expectNoAxeViolations } from "./axe-check";
import { catalogue } from "./catalogue";
import { type DemoRole, signIn } from "./demo-accounts";

test.describe.configure({ timeout: 90_000 });

interface PageCase {
  name: string;
  role: DemoRole | null;
  /** The path after the locale; a function when it needs an id from the API. */
  path: string | ((page: Page) => Promise<string>);
  /** The level-1 heading that says the page has rendered (its data loaded). */
  heading: (m: ReturnType<typeof catalogue>) => string | RegExp;
}

async function firstId(page: Page, url: string, pick: (items: Record<string, unknown>[]) => unknown) {
  const res = await page.request.get(url);
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { items: Record<string, unknown>[] };
  const id = pick(body.items);
  if (typeof id !== "string") throw new Error(`no item to open from ${url}`);
  return id;
}

const pages: PageCase[] = [
  { name: "sign-in", role: null, path: "/sign-in", heading: (m) => m.signIn.heading },
  { name: "home", role: "user", path: "", heading: (m) => m.home.heading },
  { name: "VM list", role: "user", path: "/vms", heading: (m) => m.vm.list.heading },
  {
    name: "VM detail",
    role: "user",
    path: async (page) =>
      `/vms/${await firstId(page, "/api/v1/vms?per_page=100", (items) => items.find((i) => i.governed)?.id)}`,
    heading: () => /.+/,
  },
  { name: "my requests", role: "user", path: "/requests", heading: (m) => m.requests.heading },
  { name: "users", role: "admin", path: "/admin/users", heading: (m) => m.adminUsers.heading },
  { name: "clusters", role: "admin", path: "/admin/clusters", heading: (m) => m.adminClusters.heading },
  {
    name: "cluster detail",
    role: "admin",
    path: async (page) =>
      `/admin/clusters/${await firstId(page, "/api/v1/admin/clusters", (items) => items[0]?.id)}`,
    heading: () => /.+/,
  },
  {
    name: "adoption inbox",
    role: "admin",
    path: "/admin/adoptions",
    heading: (m) => m.adoption.inbox.heading,
  },
  { name: "audit log", role: "admin", path: "/admin/audit-log", heading: (m) => m.auditLog.heading },
  { name: "namespaces", role: "admin", path: "/admin/namespaces", heading: (m) => m.adminNamespaces.heading },
  {
    name: "approval policies",
    role: "admin",
    path: "/admin/approval-policies",
    heading: (m) => m.adminApprovalPolicies.heading,
  },
  { name: "systems", role: "admin", path: "/systems", heading: (m) => m.systems.heading },
  {
    name: "system detail",
    role: "admin",
    path: async (page) => `/systems/${await firstId(page, "/api/v1/systems", (items) => items[0]?.id)}`,
    heading: () => /.+/,
  },
  { name: "not found", role: "user", path: "/no-such-page", heading: (m) => m.notFound.heading },
];

for (const locale of ["en", "zh-CN"] as const) {
  const m = catalogue(locale);
  for (const c of pages) {
    test(`${locale}: ${c.name} passes axe`, async ({ page }) => {
      if (c.role) await signIn(page, c.role, locale);
      const path = typeof c.path === "string" ? c.path : await c.path(page);
      await page.goto(`/${locale}${path}`);
      await expect(page.getByRole("heading", { level: 1, name: c.heading(m) })).toBeVisible();
      // Client pages show a spinner until their query answers; audit what the user then reads.
      await expect(page.getByRole("status").filter({ hasText: m.loading.label })).toHaveCount(0);
      await expectNoAxeViolations(page);
    });
  }
}
