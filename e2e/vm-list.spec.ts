import { expect, test } from "@playwright/test";
import { catalogue } from "./catalogue";
import { signIn } from "./demo-accounts";
import { demoCluster, kube } from "./demo-kube";

const en = catalogue("en");
const zh = catalogue("zh-CN");

interface KubeVM {
  metadata: { name: string; namespace: string };
  spec: { runStrategy?: string };
  status?: { printableStatus?: string };
}

test("admin sees the demo clusters' VMs, with their cache status, in English", async ({ page }) => {
  await signIn(page, "admin", "en");
  await page
    .getByRole("navigation", { name: en.shell.nav.label })
    .getByRole("link", { name: en.shell.nav.vms })
    .click();
  await expect(page).toHaveURL(/\/en\/vms$/);
  await expect(page).toHaveTitle(`${en.metadata.vms} · ${en.metadata.productName}`);
  await expect(page.getByRole("heading", { level: 1, name: en.vm.list.heading })).toBeVisible();
  const table = page.getByRole("table", { name: en.vm.list.tableLabel });
  // The worker may still be syncing right after start: rows arrive through live updates.
  await expect(table.getByRole("cell", { name: "demo-prod", exact: true }).first()).toBeVisible({
    timeout: 20_000,
  });
  await expect(table.getByRole("cell", { name: "demo-test", exact: true }).first()).toBeVisible({
    timeout: 20_000,
  });
  const freshness = page.getByRole("list", { name: en.vm.cacheStatus.label });
  await expect(freshness.locator('[data-cluster="demo-prod"]')).toBeVisible();
  await expect(freshness.locator('[data-cluster="demo-test"]')).toBeVisible();
  await expect(page.locator("[data-live]")).toHaveAttribute("data-live", "live");

  // Server-side filtering, reflected in the URL.
  await page.getByRole("combobox", { name: en.vm.list.filters.cluster }).selectOption({ label: "demo-test" });
  await expect(page).toHaveURL(/cluster=/);
  await expect(table.getByRole("cell", { name: "demo-prod", exact: true })).toHaveCount(0);
  await expect(table.getByRole("cell", { name: "demo-test", exact: true }).first()).toBeVisible();
  await page.getByRole("searchbox", { name: en.vm.list.filters.search }).fill("no-such-vm-anywhere");
  await page.getByRole("button", { name: en.vm.list.filters.apply }).click();
  await expect(page.getByRole("heading", { name: en.vm.list.empty.noMatch })).toBeVisible();
});

test("a column header sorts the VM list on the server: the URL, aria-sort and the row order follow", async ({
  page,
}) => {
  await signIn(page, "admin", "en");
  await page.goto("/en/vms");
  const table = page.getByRole("table", { name: en.vm.list.tableLabel });
  await expect(table.getByRole("cell", { name: "demo-test", exact: true }).first()).toBeVisible({
    timeout: 20_000,
  });
  const header = (name: string) => table.getByRole("columnheader", { name, exact: true });
  const shown = () =>
    table.locator("tbody tr").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-vm")));
  const served = async (query: string) => {
    const res = await page.request.get(`/api/v1/vms?${query}`);
    expect(res.status()).toBe(200);
    return ((await res.json()) as { items: { name: string }[] }).items.map((i) => i.name);
  };
  const { name, namespace } = en.vm.list.columns;
  await expect(header(name)).toHaveAttribute("aria-sort", "ascending");
  await expect(header(namespace)).not.toHaveAttribute("aria-sort");
  await expect.poll(shown).toEqual(await served("sort=name&order=asc"));

  // Name is the default sort: a click turns it around.
  await table.getByRole("button", { name, exact: true }).click();
  await expect(page).toHaveURL(/[?&]order=desc(&|$)/);
  await expect(header(name)).toHaveAttribute("aria-sort", "descending");
  await expect.poll(shown).toEqual(await served("sort=name&order=desc"));
  expect((await shown())[0]).not.toBe((await served("sort=name&order=asc"))[0]);

  // Another column sorts by itself, ascending first; the name column no longer claims the sort.
  await table.getByRole("button", { name: namespace, exact: true }).click();
  await expect(page).toHaveURL(/[?&]sort=namespace(&|$)/);
  await expect(page).not.toHaveURL(/order=/);
  await expect(header(namespace)).toHaveAttribute("aria-sort", "ascending");
  await expect(header(name)).not.toHaveAttribute("aria-sort");
  await expect.poll(shown).toEqual(await served("sort=namespace&order=asc"));

  // Back restores the previous sort from the URL.
  await page.goBack();
  await expect(header(name)).toHaveAttribute("aria-sort", "descending");
  await expect.poll(shown).toEqual(await served("sort=name&order=desc"));
});

test("the VM list in Simplified Chinese", async ({ page }) => {
  await signIn(page, "admin", "zh-CN");
  await page.goto("/zh-CN/vms");
  await expect(page).toHaveTitle(`${zh.metadata.vms} · ${zh.metadata.productName}`);
  await expect(page.getByRole("heading", { level: 1, name: zh.vm.list.heading })).toBeVisible();
  const table = page.getByRole("table", { name: zh.vm.list.tableLabel });
  await expect(table.getByRole("columnheader", { name: zh.vm.list.columns.status })).toBeVisible();
  await expect(table.getByRole("cell", { name: "demo-prod", exact: true }).first()).toBeVisible({
    timeout: 20_000,
  });
  const statuses = Object.values(zh.vm.status);
  await expect(table.locator("[data-status]").first()).toHaveText(new RegExp(`^(${statuses.join("|")})$`));
});

test("a VM started on its cluster changes status on the open page within 2 s, without a reload", async ({
  page,
}) => {
  const prod = demoCluster("demo-prod");
  const list = (await kube(prod, "GET", "/apis/kubevirt.io/v1/virtualmachines")) as { items: KubeVM[] };
  await signIn(page, "admin", "en");
  // A VM stopped both on the cluster and in Shepherd's cache (a data dir reused across runs may hold rows
  // from an earlier kubesim, whose state restarts from its seed).
  const cached = await page.request.get("/api/v1/vms?status=STOPPED&per_page=100");
  expect(cached.status()).toBe(200);
  const cachedStopped = new Set(
    ((await cached.json()) as { items: { name: string; cluster_name: string }[] }).items
      .filter((i) => i.cluster_name === "demo-prod")
      .map((i) => i.name),
  );
  const stopped = list.items.find(
    (vm) =>
      vm.status?.printableStatus === "Stopped" &&
      vm.spec.runStrategy === "Halted" &&
      cachedStopped.has(vm.metadata.name),
  );
  if (!stopped) throw new Error("demo-prod has no VM stopped with runStrategy Halted (in the cache too)");
  const { name, namespace } = stopped.metadata;

  await page.goto(`/en/vms?q=${encodeURIComponent(name)}`);
  const row = page.locator(`tr[data-vm="${name}"]`);
  const status = row.locator("[data-status]");
  await expect(status).toHaveAttribute("data-status", "STOPPED", { timeout: 20_000 });
  await expect(status).toHaveText(en.vm.status.STOPPED);
  await expect(page.locator("[data-live]")).toHaveAttribute("data-live", "live");
  await page.evaluate(() => {
    (window as unknown as { notReloaded?: boolean }).notReloaded = true;
  });

  await kube(
    prod,
    "PUT",
    `/apis/subresources.kubevirt.io/v1/namespaces/${namespace}/virtualmachines/${name}/start`,
    {},
  );
  await expect(status).not.toHaveAttribute("data-status", "STOPPED", { timeout: 2_000 });
  expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
  await expect(status).toHaveAttribute("data-status", "RUNNING", { timeout: 15_000 });
  await expect(status).toHaveText(en.vm.status.RUNNING);
});
