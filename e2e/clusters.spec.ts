// The clusters page against the real product: an admin registers a kubesim cluster (KubeVirt v1.7 with a
// GPU node, started by this spec) from its kubeconfig file, sees it turn HEALTHY with its capabilities,
// picks up a KubeVirt upgrade with "Check now", disables it and deletes it. Other roles get the not-found
// page and a 403 from the API; the page speaks Simplified Chinese too.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Browser, expect, test } from "@playwright/test";
import { createTranslator } from "next-intl";
import { type KubeSim, startKubeSim } from "../kubesim/simulator.ts";
import { catalogue } from "./catalogue";
import { signIn } from "./demo-accounts";

const en = catalogue("en");
const zh = catalogue("zh-CN");
/** English messages with their ICU arguments (select, plural) filled in, as the page renders them. */
const tEn = createTranslator({ locale: "en", messages: en });

// Unique per run: the e2e data directory (and its database) is kept across runs.
const clusterName = `e2e-ks-${Date.now().toString(36)}`;
const displayName = "E2E GPU cluster";
let sim: KubeSim;
let tmpDir: string;
let kubeconfigPath: string;

/** Deletes, through the API, every cluster this spec registered (also those of an aborted earlier run). */
async function deleteSpecClusters(browser: Browser): Promise<void> {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await signIn(page, "admin");
    const list = await page.request.get("/api/v1/admin/clusters?per_page=100");
    if (!list.ok()) return;
    const { items } = (await list.json()) as { items: { id: string; name: string }[] };
    for (const c of items.filter((i) => i.name.startsWith("e2e-ks-"))) {
      await page.request.delete(`/api/v1/admin/clusters/${c.id}`);
    }
  } finally {
    await context.close();
  }
}

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ browser }) => {
  await deleteSpecClusters(browser);
  sim = await startKubeSim({ profile: "v1.7", https: true, stepDelayMs: 0, name: clusterName });
  tmpDir = mkdtempSync(path.join(os.tmpdir(), "shepherd-e2e-clusters-"));
  kubeconfigPath = path.join(tmpDir, `${clusterName}.kubeconfig.yaml`);
  writeFileSync(kubeconfigPath, sim.kubeconfigYaml, { mode: 0o600 });
});

test.afterAll(async ({ browser }) => {
  // A failed run must not leave a registered cluster behind: demo mode starts only while none is.
  await deleteSpecClusters(browser);
  await sim?.stop();
  if (tmpDir) rmSync(tmpDir, { recursive: true, force: true });
});

test("an admin registers a kubesim cluster from its kubeconfig file and manages it", async ({ page }) => {
  test.setTimeout(120_000); // several health checks against a real (simulated) cluster
  const m = en.adminClusters;
  await signIn(page, "admin", "en");
  await page
    .getByRole("navigation", { name: en.shell.nav.label })
    .getByRole("link", { name: en.shell.nav.clusters })
    .click();
  await expect(page).toHaveURL(/\/en\/admin\/clusters$/);
  await expect(page).toHaveTitle(`${en.metadata.adminClusters} · ${en.metadata.productName}`);
  await expect(page.getByRole("heading", { level: 1, name: m.heading })).toBeVisible();
  const table = page.getByRole("table", { name: m.list.tableLabel });
  await expect(table.locator('tr[data-cluster="demo-prod"]')).toBeVisible();

  // Sorted on the server: by name, ascending first, then descending.
  const rowNames = () =>
    table.locator("tbody tr").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-cluster")));
  // Other clusters may be registered besides the demo ones: the order is checked against the API's own.
  const servedNames = async (order: "asc" | "desc") => {
    const res = await page.request.get(`/api/v1/admin/clusters?sort_by=name&sort_order=${order}`);
    expect(res.status()).toBe(200);
    return ((await res.json()) as { items: { name: string }[] }).items.map((c) => c.name);
  };
  await expect.poll(rowNames).toEqual(await servedNames("asc"));
  expect(await rowNames()).toEqual(expect.arrayContaining(["demo-prod", "demo-test"]));
  await table.getByRole("button", { name: m.list.columns.name }).click();
  await expect(table.getByRole("columnheader", { name: m.list.columns.name })).toHaveAttribute(
    "aria-sort",
    "descending",
  );
  await expect.poll(rowNames).toEqual(await servedNames("desc"));
  const shownDesc = await rowNames();
  expect(shownDesc.indexOf("demo-test")).toBeLessThan(shownDesc.indexOf("demo-prod"));

  // Register: bad input first — a name that breaks the rule is flagged as typed, a file that is not a
  // kubeconfig is refused with the translated code, and nothing is registered.
  await page.getByRole("button", { name: m.list.register, exact: true }).click();
  const dialog = page.getByRole("dialog", { name: m.register.heading });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel(m.register.name, { exact: true }).fill("Not_Valid");
  await expect(dialog.getByText(m.register.nameInvalid)).toBeVisible();
  await dialog.getByLabel(m.register.name, { exact: true }).fill(clusterName);
  await expect(dialog.getByText(m.register.nameInvalid)).toHaveCount(0);
  await dialog.getByLabel(m.kubeconfig.paste).fill("this is not a kubeconfig");
  await dialog.getByRole("button", { name: m.register.submit, exact: true }).click();
  const kubeconfigRefusal = await page.request.post("/api/v1/admin/clusters/test-connection", {
    data: { kubeconfig: Buffer.from("this is not a kubeconfig").toString("base64") },
  });
  const refusal = (await kubeconfigRefusal.json()) as { code: string; params: Record<string, string> };
  expect(refusal.code).toBe("KUBECONFIG_INVALID");
  await expect(dialog.getByRole("alert")).toHaveText(tEn("errors.KUBECONFIG_INVALID", refusal.params));

  // Now the real kubeconfig, uploaded as a file, tested before saving.
  await dialog.getByLabel(m.register.displayName).fill(displayName);
  await dialog.getByLabel(m.register.environment).selectOption("test");
  await dialog.getByLabel(m.kubeconfig.paste).fill("");
  await dialog.getByLabel(m.kubeconfig.file).setInputFiles(kubeconfigPath);
  await expect(dialog.getByText(`${clusterName}.kubeconfig.yaml`)).toBeVisible();
  await expect(
    dialog.getByRole("button", {
      name: tEn("adminClusters.kubeconfig.removeFile", { file: `${clusterName}.kubeconfig.yaml` }),
    }),
  ).toBeVisible();
  await dialog.getByRole("button", { name: m.connectionTest.test }).click();
  const result = dialog.getByRole("region", { name: m.connectionTest.heading });
  await expect(result).toHaveAttribute("data-connection-test", "HEALTHY", { timeout: 20_000 });
  await expect(result.locator("[data-cluster-status]")).toHaveText(en.clusterHealth.status.HEALTHY);
  await expect(result.locator("[data-test-version]")).toHaveText("v1.7.0");
  await expect(result.getByText("Snapshot", { exact: true })).toBeVisible();
  await dialog.getByRole("button", { name: m.register.submit, exact: true }).click();
  await expect(dialog).toBeHidden({ timeout: 20_000 });
  await expect(page.getByRole("status").filter({ hasText: clusterName })).toBeVisible();

  // The list shows it and it turns HEALTHY with its version (the first check, pushed live).
  const row = table.locator(`tr[data-cluster="${clusterName}"]`);
  await expect(row).toBeVisible();
  await expect(row.locator("[data-cluster-status]")).toHaveAttribute("data-cluster-status", "HEALTHY", {
    timeout: 30_000,
  });
  await expect(row.locator("[data-version]")).toHaveText("v1.7.0");
  await expect(row.locator("[data-enabled]")).toHaveText(m.list.enabled);
  // Registering starts its watchers without a restart: the cache turns FRESH, live on the open page.
  await expect(row.locator("[data-watcher]")).toHaveAttribute("data-watcher", "watching", {
    timeout: 30_000,
  });
  await expect(row.locator("[data-cache-status]")).toHaveAttribute("data-cache-status", "FRESH", {
    timeout: 30_000,
  });

  // Detail: detected features and the GPU device.
  await row.getByRole("link", { name: displayName }).click();
  await expect(page).toHaveURL(/\/en\/admin\/clusters\/[^/]+$/);
  await expect(page).toHaveTitle(`${en.metadata.adminCluster} · ${en.metadata.productName}`);
  await expect(page.getByRole("heading", { level: 1, name: displayName })).toBeVisible();
  const enabledFeatures = page.getByRole("list", { name: m.detail.features.enabled });
  await expect(enabledFeatures.locator('[data-feature="Snapshot"]')).toBeVisible();
  await expect(enabledFeatures.locator('[data-feature="LiveMigration"]')).toBeVisible();
  const gpu = page
    .getByRole("table", { name: m.detail.hardware.gpus })
    .locator('tr[data-gpu="nvidia.com/gpu"]');
  await expect(gpu).toContainText("2");
  await expect(gpu).toContainText("node-b");
  await expect(page.locator('[data-storage-class="standard"]')).toContainText(m.detail.storage.default);

  // KubeVirt upgraded on the cluster: "Check now" shows the new version at once.
  await sim.client.setKubeVirt({ version: "v1.8.1" });
  const summary = page.getByRole("definition").filter({ has: page.locator("[data-version]") });
  await expect(summary.locator("[data-version]")).toHaveText("v1.7.0");
  await page.getByRole("button", { name: m.detail.actions.checkNow }).click();
  await expect(summary.locator("[data-version]")).toHaveText("v1.8.1", { timeout: 20_000 });
  await expect(page.locator('[data-action-outcome="ok"]')).toHaveText(
    m.detail.actions.checked.replace("{status}", en.clusterHealth.status.HEALTHY),
  );
  const history = page.getByRole("table", { name: m.detail.history.tableLabel });
  await expect(history.getByRole("row").nth(1)).toContainText("v1.8.1");
  await expect(history.getByRole("row").nth(1)).toContainText(en.clusterHealth.trigger.manual);

  // Live: KubeVirt degrades and a check runs elsewhere (another tab, here the API); the open page shows the
  // new status and its translated reason without a reload.
  const clusterId = new URL(page.url()).pathname.split("/").at(-1) ?? "";
  await page.evaluate(() => {
    (window as unknown as { notReloaded?: boolean }).notReloaded = true;
  });
  await sim.client.setKubeVirt({ degraded: true });
  expect((await page.request.post(`/api/v1/admin/clusters/${clusterId}/check`)).status()).toBe(200);
  const statusFact = page.getByRole("definition").locator("[data-cluster-status]");
  await expect(statusFact).toHaveAttribute("data-cluster-status", "UNHEALTHY", { timeout: 15_000 });
  await expect(page.getByRole("definition").locator('[data-reason="KUBEVIRT_DEGRADED"]')).toContainText(
    en.clusterHealth.reasons.KUBEVIRT_DEGRADED,
  );
  expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
  await sim.client.setKubeVirt({ degraded: false });

  // Declared capabilities: an unknown token is refused with the translated code; valid ones are kept apart
  // from the detected ones.
  const declared = page.getByRole("region", { name: m.detail.declared.heading });
  const tokens = declared.getByLabel(m.detail.declared.tokens);
  await tokens.fill("gpu:nvidia.com/a100\nnot a capability");
  await declared.getByRole("button", { name: m.detail.declared.save }).click();
  await expect(declared.getByRole("alert")).toContainText(
    tEn("errors.CAPABILITY_UNKNOWN", { token: "not a capability" }),
  );
  await expect(declared.locator("[data-declared]")).toHaveCount(0);
  await tokens.fill("gpu:nvidia.com/a100, hugepages:1Gi");
  await declared.getByRole("button", { name: m.detail.declared.save }).click();
  await expect(declared.locator('[data-declared="gpu:nvidia.com/a100"]')).toContainText(
    m.detail.declared.badge,
  );
  await expect(declared.locator('[data-declared="hugepages:1Gi"]')).toBeVisible();
  await expect(page.locator('[data-feature="gpu:nvidia.com/a100"]')).toHaveCount(0);
  // The page shows the PUT's answer and keeps saying so (the editor is not remounted by the new data); a
  // refetch while the admin types (a check made elsewhere) keeps what is typed.
  await expect(declared.getByRole("status")).toHaveText(m.detail.declared.saved);
  await expect(tokens).toHaveValue("gpu:nvidia.com/a100\nhugepages:1Gi");
  await tokens.fill("gpu:nvidia.com/a100, hugepages:1Gi, sriov");
  const refetched = page.waitForResponse(
    (r) => r.url().endsWith(`/api/v1/admin/clusters/${clusterId}`) && r.request().method() === "GET",
  );
  expect((await page.request.post(`/api/v1/admin/clusters/${clusterId}/check`)).status()).toBe(200);
  await refetched;
  await expect(tokens).toHaveValue("gpu:nvidia.com/a100, hugepages:1Gi, sriov");

  // Rotate credentials: the same cluster's kubeconfig, tested, then saved.
  const toolbar = page.getByRole("toolbar", { name: m.detail.actions.label });
  await toolbar.getByRole("button", { name: m.detail.actions.rotate }).click();
  const rotate = page.getByRole("dialog", { name: m.detail.actions.rotateHeading });
  await rotate.getByLabel(m.kubeconfig.file).setInputFiles(kubeconfigPath);
  await rotate.getByRole("button", { name: m.connectionTest.test }).click();
  await expect(rotate.getByRole("region", { name: m.connectionTest.heading })).toHaveAttribute(
    "data-connection-test",
    "HEALTHY",
    { timeout: 20_000 },
  );
  await rotate.getByRole("button", { name: m.detail.actions.rotateSubmit }).click();
  await expect(rotate).toBeHidden({ timeout: 20_000 });
  await expect(page.locator('[data-action-outcome="ok"]')).toHaveText(m.detail.actions.rotated);

  // Disable, after a confirmation.
  await page
    .getByRole("toolbar", { name: m.detail.actions.label })
    .getByRole("button", { name: m.detail.actions.disable })
    .click();
  const confirm = page.getByRole("dialog", {
    name: m.detail.actions.confirmDisableTitle.replace("{name}", clusterName),
  });
  await expect(confirm).toContainText(m.detail.actions.confirmDisable);
  await confirm.getByRole("button", { name: m.detail.actions.disable }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByRole("definition").locator("[data-enabled]")).toHaveText(m.list.disabled);
  // Disabling stops its watchers, without a restart.
  await expect(page.getByRole("definition").locator("[data-watcher]")).toHaveAttribute(
    "data-watcher",
    "stopped",
    { timeout: 30_000 },
  );

  // Delete: the button stays disabled until the name is typed; then the cluster is gone.
  await page
    .getByRole("toolbar", { name: m.detail.actions.label })
    .getByRole("button", { name: m.detail.actions.delete })
    .click();
  const del = page.getByRole("dialog", {
    name: m.detail.actions.deleteHeading.replace("{name}", clusterName),
  });
  const deleteButton = del.getByRole("button", { name: m.detail.actions.deleteSubmit });
  await expect(deleteButton).toBeDisabled();
  await del.getByLabel(m.detail.actions.deleteConfirmLabel.replace("{name}", clusterName)).fill(clusterName);
  await deleteButton.click();
  await expect(page).toHaveURL(/\/en\/admin\/clusters$/);
  await expect(table.locator('tr[data-cluster="demo-prod"]')).toBeVisible();
  await expect(table.locator(`tr[data-cluster="${clusterName}"]`)).toHaveCount(0);
  const api = await page.request.get("/api/v1/admin/clusters?per_page=100");
  expect(((await api.json()) as { items: { name: string }[] }).items.map((c) => c.name)).not.toContain(
    clusterName,
  );
});

test("an unreachable cluster is refused with the translated reason, and can be registered anyway", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const m = en.adminClusters;
  // A kubeconfig whose API server is gone: a kubesim started and stopped again.
  const gone = await startKubeSim({ profile: "empty", https: true });
  const kubeconfig = gone.kubeconfigYaml;
  await gone.stop();
  const name = `${clusterName}-down`;

  await signIn(page, "admin", "en");
  await page.goto("/en/admin/clusters");
  await page.getByRole("button", { name: m.list.register, exact: true }).click();
  const dialog = page.getByRole("dialog", { name: m.register.heading });
  await dialog.getByLabel(m.register.name, { exact: true }).fill(name);
  await dialog.getByLabel(m.kubeconfig.paste).fill(kubeconfig);
  await dialog.getByRole("button", { name: m.connectionTest.test }).click();
  const result = dialog.getByRole("region", { name: m.connectionTest.heading });
  await expect(result).toHaveAttribute("data-connection-test", "UNREACHABLE", { timeout: 20_000 });
  await expect(result.locator('[data-reason="API_UNREACHABLE"]')).toContainText(
    en.clusterHealth.reasons.API_UNREACHABLE,
  );

  await dialog.getByRole("button", { name: m.register.submit, exact: true }).click();
  const offer = dialog.getByRole("alert").filter({ hasText: m.register.unreachableTitle });
  await expect(offer).toContainText(m.register.unreachableOffer);
  const listed = await page.request.get("/api/v1/admin/clusters?per_page=100");
  expect(((await listed.json()) as { items: { name: string }[] }).items.map((c) => c.name)).not.toContain(
    name,
  );

  await offer.getByRole("button", { name: m.register.registerAnyway }).click();
  await expect(dialog).toBeHidden({ timeout: 20_000 });
  const row = page.getByRole("table", { name: m.list.tableLabel }).locator(`tr[data-cluster="${name}"]`);
  await expect(row.locator("[data-cluster-status]")).toHaveAttribute("data-cluster-status", "UNREACHABLE", {
    timeout: 30_000,
  });
  await expect(row.locator('[data-reason="API_UNREACHABLE"]')).toHaveText(
    en.clusterHealth.reasons.API_UNREACHABLE,
  );
});

test("a cluster deleted elsewhere while its page is open shows the not-found state, without a reload", async ({
  page,
}) => {
  test.setTimeout(60_000);
  const m = en.adminClusters;
  const gone = await startKubeSim({ profile: "empty", https: true });
  const kubeconfig = Buffer.from(gone.kubeconfigYaml).toString("base64");
  await gone.stop();
  const name = `${clusterName}-gone`;
  await signIn(page, "admin", "en");
  const registered = await page.request.post("/api/v1/admin/clusters", {
    data: { name, environment: "test", kubeconfig, allow_unreachable: true },
  });
  expect(registered.status()).toBe(201);
  const { id } = (await registered.json()) as { id: string };

  await page.goto(`/en/admin/clusters/${id}`);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  const toolbar = page.getByRole("toolbar", { name: m.detail.actions.label });
  await expect(toolbar).toBeVisible();
  await page.evaluate(() => {
    (window as unknown as { notReloaded?: boolean }).notReloaded = true;
  });

  // Another admin deletes it (here, the API): the change notice refetches the page's query, which answers
  // 404; the old data must not stay on screen with live buttons.
  expect((await page.request.delete(`/api/v1/admin/clusters/${id}`)).status()).toBe(204);
  await expect(page.getByRole("heading", { level: 1, name: m.detail.notFoundTitle })).toBeVisible({
    timeout: 15_000,
  });
  await expect(page.getByText(m.detail.notFoundDescription)).toBeVisible();
  await expect(toolbar).toHaveCount(0);
  await expect(page.getByRole("heading", { level: 1, name })).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
});

test("a cluster with governed VMs: the delete dialog refuses up front and the API answers 409", async ({
  page,
}) => {
  test.setTimeout(60_000);
  const m = en.adminClusters;
  await signIn(page, "admin", "en");
  type Summary = { id: string; name: string; governed_vm_count: number };
  const demoClusters = async () => {
    const res = await page.request.get("/api/v1/admin/clusters?per_page=100");
    expect(res.status()).toBe(200);
    return ((await res.json()) as { items: Summary[] }).items.filter((c) => c.name.startsWith("demo-"));
  };
  // A governed VM: one a demo cluster already has (the data dir is kept across runs, the adoption spec
  // adopts some), or else one adopted now from the inbox — a VM this or the adoption spec created (e2e-…)
  // first, a seeded demo VM only when there is none, so the adoption spec keeps its adoptable demo VMs.
  let cluster = (await demoClusters()).find((c) => c.governed_vm_count > 0);
  if (!cluster) {
    expect((await page.request.post("/api/v1/admin/adoption-scans", { data: {} })).status()).toBe(200);
    const pending = await page.request.get("/api/v1/admin/pending-adoptions?status=PENDING&per_page=100");
    expect(pending.status()).toBe(200);
    const { items } = (await pending.json()) as {
      items: {
        id: string;
        cluster_name: string;
        resource_name: string;
        system: string | null;
        service: string | null;
      }[];
    };
    const adoptable = items.filter((i) => i.system && i.service && i.cluster_name.startsWith("demo-"));
    const item = adoptable.find((i) => i.resource_name.startsWith("e2e-")) ?? adoptable.at(-1);
    if (!item) throw new Error("no adoptable VM on a demo cluster after a scan");
    expect((await page.request.post(`/api/v1/admin/pending-adoptions/${item.id}/adopt`)).status()).toBe(200);
    cluster = (await demoClusters()).find((c) => c.name === item.cluster_name && c.governed_vm_count > 0);
  }
  if (!cluster) throw new Error("no demo cluster with a governed VM");
  const { id, name, governed_vm_count } = cluster;

  await page.goto(`/en/admin/clusters/${id}`);
  await page
    .getByRole("toolbar", { name: m.detail.actions.label })
    .getByRole("button", { name: m.detail.actions.delete })
    .click();
  const del = page.getByRole("dialog", { name: tEn("adminClusters.detail.actions.deleteHeading", { name }) });
  await expect(del.getByRole("alert")).toHaveText(
    tEn("errors.CLUSTER_IN_USE", { cluster: name, governed_vm_count }),
  );
  await expect(del.getByRole("button", { name: m.detail.actions.deleteSubmit })).toBeDisabled();
  await expect(del.getByRole("textbox")).toHaveCount(0);
  await del.getByRole("button", { name: m.detail.actions.cancel }).click();
  await expect(del).toBeHidden();

  // The server refuses on its own, whatever the page shows.
  const refused = await page.request.delete(`/api/v1/admin/clusters/${id}`);
  expect(refused.status()).toBe(409);
  expect(await refused.json()).toMatchObject({
    code: "CLUSTER_IN_USE",
    params: { cluster: name, governed_vm_count },
  });
});

test("the clusters page in Simplified Chinese", async ({ page }) => {
  await signIn(page, "admin", "zh-CN");
  await page.goto("/zh-CN/admin/clusters");
  await expect(page).toHaveTitle(`${zh.metadata.adminClusters} · ${zh.metadata.productName}`);
  await expect(page.getByRole("heading", { level: 1, name: zh.adminClusters.heading })).toBeVisible();
  const table = page.getByRole("table", { name: zh.adminClusters.list.tableLabel });
  await expect(
    table.getByRole("columnheader", { name: zh.adminClusters.list.columns.version }),
  ).toBeVisible();
  const statuses = Object.values(zh.clusterHealth.status);
  await expect(table.locator('tr[data-cluster="demo-prod"] [data-cluster-status]')).toHaveText(
    new RegExp(`^(${statuses.join("|")})$`),
  );
  await table.locator('tr[data-cluster="demo-prod"]').getByRole("link").click();
  await expect(
    page.getByRole("heading", { level: 2, name: zh.adminClusters.detail.features.heading }),
  ).toBeVisible();
  await expect(
    page.getByRole("heading", { level: 2, name: zh.adminClusters.detail.history.heading }),
  ).toBeVisible();
});

test("an unknown cluster id is a real 404 for an admin", async ({ page }) => {
  await signIn(page, "admin", "en");
  const response = await page.goto("/en/admin/clusters/no-such-cluster");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: en.notFound.heading })).toBeVisible();
});

for (const role of ["user", "approver"] as const) {
  test(`${role}: the clusters page does not exist and the API refuses`, async ({ page }) => {
    await signIn(page, role, "en");
    const nav = page.getByRole("navigation", { name: en.shell.nav.label });
    await expect(nav.getByRole("link", { name: en.shell.nav.vms })).toBeVisible();
    await expect(nav.getByText(en.shell.nav.clusters, { exact: true })).toHaveCount(0);

    const response = await page.goto("/en/admin/clusters");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: en.notFound.heading })).toBeVisible();
    await expect(page.getByRole("heading", { name: en.adminClusters.heading })).toHaveCount(0);

    const list = await page.request.get("/api/v1/admin/clusters");
    expect(list.status()).toBe(403);
    expect(((await list.json()) as { code: string }).code).toBe("FORBIDDEN");
    const register = await page.request.post("/api/v1/admin/clusters", {
      data: { name: "not-allowed", environment: "test", kubeconfig: Buffer.from("x").toString("base64") },
    });
    expect(register.status()).toBe(403);
  });
}
