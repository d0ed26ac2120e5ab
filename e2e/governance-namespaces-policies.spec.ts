// The namespace registry and the approval policy matrix (issue 13) against the real product in demo mode: an
// admin registers a namespace, edits it and creates it on the demo-test cluster ("created", then "already
// exists"); flips a policy cell after a confirmation and flips it back; both pages in Simplified Chinese and
// without axe violations; the demo `user` gets the not-found page and a 403 from the API.
import { expect, test } from "@playwright/test";
import { createTranslator } from "next-intl";
import { expectNoAxeViolations } from "./axe-check";
import { catalogue } from "./catalogue";
import { signIn } from "./demo-accounts";

const en = catalogue("en");
const zh = catalogue("zh-CN");
const tEn = createTranslator({ locale: "en", messages: en });
const tZh = createTranslator({ locale: "zh-CN", messages: zh });

// Unique per run (the e2e database is kept across runs), within the SPEC §3 limit of 15 characters.
const nsName = `e2e${Date.now().toString(36).slice(-7)}`;

test.describe.configure({ mode: "serial" });

test("an admin registers a namespace, edits it and creates it on a cluster", async ({ page }) => {
  const m = en.adminNamespaces;
  await signIn(page, "admin");
  await page.goto("/en/admin/namespaces");
  await expect(page).toHaveTitle(`${en.metadata.adminNamespaces} · ${en.metadata.productName}`);
  await expect(page.getByRole("heading", { level: 1, name: m.heading })).toBeVisible();

  // A name against the rule is refused with the server's message, and nothing is registered.
  await page.getByRole("button", { name: m.list.register }).first().click();
  const form = page.getByRole("dialog", { name: m.form.registerTitle });
  await form.getByLabel(m.form.name).fill("bad--name");
  await form.getByRole("button", { name: m.form.register }).click();
  await expect(form.getByRole("alert")).toHaveText(
    tEn("errors.NAMESPACE_NAME_INVALID", { namespace: "bad--name" }),
  );
  await form.getByLabel(m.form.name).fill(nsName);
  await form.getByLabel(m.form.environment).selectOption("test");
  await form.getByLabel(m.form.description).fill("Created by the e2e spec");
  await form.getByRole("button", { name: m.form.register }).click();
  await expect(page.getByRole("status").filter({ hasText: nsName })).toHaveText(
    tEn("adminNamespaces.list.saved", { name: nsName }),
  );
  const row = page.locator(`tr[data-namespace="${nsName}"]`);
  await expect(row).toContainText(m.environments.test);
  await expect(row).toContainText(m.list.noClusters);
  await expectNoAxeViolations(page);

  // Edit: the name is fixed, the environment and enabled change.
  await row.getByRole("button", { name: m.list.edit }).click();
  const edit = page.getByRole("dialog", { name: tEn("adminNamespaces.form.editTitle", { name: nsName }) });
  await expect(edit.getByLabel(m.form.name)).toHaveCount(0);
  await edit.getByLabel(m.form.enabled).uncheck();
  await edit.getByRole("button", { name: m.form.save }).click();
  await expect(row.locator("[data-enabled]")).toHaveText(m.list.disabled);

  // Create on the demo test cluster: created, then "already exists".
  await row.getByRole("button", { name: m.list.createOnCluster }).click();
  const dialog = page.getByRole("dialog", { name: tEn("adminNamespaces.onCluster.title", { name: nsName }) });
  await dialog.getByLabel(m.onCluster.cluster).selectOption({ label: "Demo test (KubeVirt 1.4)" }); // scripts/demo-clusters.ts;
  await dialog.getByRole("button", { name: m.onCluster.create }).click();
  await expect(dialog.getByRole("status")).toHaveText(m.onCluster.created);
  await expectNoAxeViolations(page);
  await dialog.getByRole("button", { name: m.onCluster.create }).click();
  await expect(dialog.getByRole("status")).toHaveText(m.onCluster.alreadyExists);
  await dialog.getByRole("button", { name: m.onCluster.close }).click();
  await expect(row.locator('[data-cluster="demo-test"]')).toContainText(m.list.createdByShepherd);

  // Renaming through the API is refused.
  const list = await page.request.get(`/api/v1/admin/namespaces?per_page=100`);
  const { items } = (await list.json()) as { items: { id: string; name: string }[] };
  const id = items.find((i) => i.name === nsName)?.id;
  const rename = await page.request.patch(`/api/v1/admin/namespaces/${id}`, { data: { name: "other" } });
  expect(rename.status()).toBe(400);
  expect(await rename.json()).toMatchObject({ code: "NAMESPACE_NAME_IMMUTABLE" });
});

test("an admin flips a policy cell after a confirmation, and flips it back", async ({ page }) => {
  const m = en.adminApprovalPolicies;
  await signIn(page, "admin");
  await page.goto("/en/admin/approval-policies");
  await expect(page).toHaveTitle(`${en.metadata.adminApprovalPolicies} · ${en.metadata.productName}`);
  // DELETE_SNAPSHOT in prod runs at once by default; no other spec relies on it.
  const cell = page.locator('tr[data-operation="DELETE_SNAPSHOT"] td[data-environment="prod"]');
  await expect(cell.locator("[data-requires-approval]")).toHaveAttribute("data-requires-approval", "false");
  await expectNoAxeViolations(page);

  await cell.getByRole("button", { name: m.actions.requireApproval }).click();
  const confirm = page.getByRole("dialog", { name: m.confirm.title });
  await expect(confirm).toContainText(
    tEn("adminApprovalPolicies.confirm.requireApproval", {
      operation: en.vm.operations.DELETE_SNAPSHOT,
      environment: m.environments.prod,
    }),
  );
  // Cancel changes nothing.
  await confirm.getByRole("button", { name: m.confirm.cancel }).click();
  await expect(cell.locator("[data-requires-approval]")).toHaveAttribute("data-requires-approval", "false");

  await cell.getByRole("button", { name: m.actions.requireApproval }).click();
  await page
    .getByRole("dialog", { name: m.confirm.title })
    .getByRole("button", { name: m.confirm.apply })
    .click();
  await expect(cell.locator("[data-requires-approval]")).toHaveAttribute("data-requires-approval", "true");
  await expect(cell).toContainText(m.requiresApproval);

  await cell.getByRole("button", { name: m.actions.runAtOnce }).click();
  await page
    .getByRole("dialog", { name: m.confirm.title })
    .getByRole("button", { name: m.confirm.apply })
    .click();
  await expect(cell.locator("[data-requires-approval]")).toHaveAttribute("data-requires-approval", "false");
});

test("both pages in Simplified Chinese", async ({ page }) => {
  await signIn(page, "admin", "zh-CN");
  await page.goto("/zh-CN/admin/namespaces");
  await expect(page).toHaveTitle(`${zh.metadata.adminNamespaces} · ${zh.metadata.productName}`);
  await expect(page.getByRole("heading", { level: 1, name: zh.adminNamespaces.heading })).toBeVisible();
  await expect(page.getByRole("table", { name: zh.adminNamespaces.list.tableLabel })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.goto("/zh-CN/admin/approval-policies");
  await expect(page.getByRole("heading", { level: 1, name: zh.adminApprovalPolicies.heading })).toBeVisible();
  await expect(
    page.locator('tr[data-operation="STOP_VM"]').getByRole("rowheader", { name: zh.vm.operations.STOP_VM }),
  ).toBeVisible();
  await expect(page.getByText(tZh("adminApprovalPolicies.requiresApproval")).first()).toBeVisible();
  await expectNoAxeViolations(page);
});

test("the demo user gets the not-found page and a 403 from the API", async ({ page }) => {
  await signIn(page, "user");
  for (const path of ["/en/admin/namespaces", "/en/admin/approval-policies"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1, name: en.notFound.heading })).toBeVisible();
  }
  expect((await page.request.get("/api/v1/admin/namespaces")).status()).toBe(403);
  expect((await page.request.get("/api/v1/admin/approval-policies")).status()).toBe(403);
});
