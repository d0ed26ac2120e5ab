// Operating VMs from the console (issue 12), as the demo `user` (a member of shop/api), in both locales:
// open a governed VM of the test cluster from the list, stop it (test environment: runs at once) and see it
// Stopped without a reload, snapshot it and see the snapshot Ready; a prod VM's stop becomes a request that
// waits under My requests and is then cancelled; a VM of another service is the not-found page. Every new
// page passes axe (WCAG 2.1 AA).
//
// Demo data it relies on (npm start in demo mode, server/vms/seed-demo-governance.ts): governed shop/api VMs
// on demo-prod (KubeVirt 1.9, which takes snapshots) in a test namespace and in the prod namespace, and at
// least one governed VM of another service. The VMs are found through the API by what the server says of
// them (approval needed or not), not by name; a stopped one is started on its cluster first (kubesim, behind
// Shepherd's back, as vm-list.spec.ts does).
import { randomBytes } from "node:crypto";
import { type Browser, expect, type Page, test } from "@playwright/test";
import { expectNoAxeViolations } from "./axe-check";
import { type Catalogue, catalogue } from "./catalogue";
import { signIn } from "./demo-accounts";
import { demoCluster, kube } from "./demo-kube";

// A VM stops, a snapshot gets ready and the watcher caches both: more than 30 s on a busy 2-core machine
// (a budget, not a timing assertion).
test.describe.configure({ timeout: 120_000 });

interface ListedVm {
  id: string | null;
  governed: boolean;
  name: string;
  namespace: string;
  cluster_name: string;
  system: string | null;
  service: string | null;
  status: string;
}

interface ActionState {
  allowed: boolean;
  requires_approval: boolean;
}

interface Detail {
  id: string;
  name: string;
  status: string;
  actions: Partial<Record<string, ActionState>>;
}

/** A message with its simple `{name}` arguments filled in (no plural or select). */
function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));
}

/** The text between `<tag>` and `</tag>` of a rich message. */
function tagText(template: string, tag: string): string {
  const match = new RegExp(`<${tag}>(.*?)</${tag}>`).exec(template);
  if (!match?.[1]) throw new Error(`no <${tag}> in ${template}`);
  return match[1];
}

async function listVms(page: Page, query = ""): Promise<ListedVm[]> {
  const res = await page.request.get(`/api/v1/vms?per_page=100${query ? `&${query}` : ""}`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { items: ListedVm[] }).items;
}

async function detail(page: Page, id: string): Promise<Detail> {
  const res = await page.request.get(`/api/v1/vms/${id}`);
  expect(res.status()).toBe(200);
  return (await res.json()) as Detail;
}

/**
 * A governed VM of the caller's on `cluster` whose power actions need approval (prod namespace) or not (test
 * namespace), running and stoppable: a running one when there is one, else a stopped one started on its
 * cluster; waits until Shepherd's detail says it may be stopped.
 */
async function runningGovernedVm(
  page: Page,
  cluster: string,
  needsApproval: boolean,
): Promise<ListedVm & { id: string }> {
  const candidates = (await listVms(page)).filter(
    (vm): vm is ListedVm & { id: string } => vm.governed && vm.id !== null && vm.cluster_name === cluster,
  );
  const governed: (ListedVm & { id: string })[] = [];
  for (const vm of candidates) {
    const { actions } = await detail(page, vm.id);
    if ((actions.stop ?? actions.start)?.requires_approval === needsApproval) governed.push(vm);
  }
  const vm = governed.find((v) => v.status === "RUNNING") ?? governed.find((v) => v.status === "STOPPED");
  if (!vm)
    throw new Error(
      `the demo user has no running or stopped governed VM on ${cluster}: is demo adoption seeded?`,
    );
  // A request an earlier, failed run left pending would keep "stop" refused (one pending request per verb).
  await cancelPendingRequests(page, vm.id);
  if (vm.status !== "RUNNING")
    await kube(
      demoCluster(cluster),
      "PUT",
      `/apis/subresources.kubevirt.io/v1/namespaces/${vm.namespace}/virtualmachines/${vm.name}/start`,
      {},
    );
  await expect
    .poll(
      async () => {
        const d = await detail(page, vm.id);
        return d.status === "RUNNING" && d.actions.stop?.allowed === true;
      },
      { timeout: 30_000, message: `${vm.name} runs and may be stopped` },
    )
    .toBe(true);
  return vm;
}

/** Withdraws the caller's pending requests about a VM (left by an earlier, failed run). */
async function cancelPendingRequests(page: Page, vmId: string): Promise<void> {
  const res = await page.request.get("/api/v1/requests?page=1&per_page=100");
  expect(res.status()).toBe(200);
  const { items } = (await res.json()) as {
    items: { id: string; vm_id: string | null; can_cancel: boolean }[];
  };
  for (const r of items.filter((i) => i.vm_id === vmId && i.can_cancel))
    expect((await page.request.post(`/api/v1/approvals/${r.id}/cancel`)).status()).toBe(204);
}

/** A governed VM the admin sees that is not of shop/api (the demo user's only service). */
async function otherServicesVm(browser: Browser): Promise<string> {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  try {
    const admin = await context.newPage();
    await signIn(admin, "admin");
    const other = (await listVms(admin)).find(
      (vm) => vm.governed && vm.id && !(vm.system === "shop" && vm.service === "api"),
    );
    if (!other?.id)
      throw new Error("no governed VM of another service than shop/api: is demo adoption seeded?");
    return other.id;
  } finally {
    await context.close();
  }
}

const locales = [
  { locale: "en", m: catalogue("en") },
  { locale: "zh-CN", m: catalogue("zh-CN") },
] as const satisfies readonly { locale: "en" | "zh-CN"; m: Catalogue }[];

for (const { locale, m } of locales) {
  const actions = m.vm.actions;

  test(`${locale}: a test-environment VM stops at once and shows Stopped live, then gets a Ready snapshot`, async ({
    page,
  }) => {
    await signIn(page, "user", locale);
    const vm = await runningGovernedVm(page, "demo-prod", false);
    const before = await detail(page, vm.id);
    expect(before.actions.stop?.requires_approval).toBe(false);

    // From the list: the governed row's name links to the VM's page.
    await page.goto(`/${locale}/vms?q=${encodeURIComponent(vm.name)}`);
    const table = page.getByRole("table", { name: m.vm.list.tableLabel });
    await table.getByRole("link", { name: vm.name, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/${locale}/vms/${vm.id}$`));
    await expect(page).toHaveTitle(`${m.metadata.vm} · ${m.metadata.productName}`);
    const header = page.getByRole("region", { name: vm.name, exact: true });
    await expect(page.getByRole("heading", { level: 1, name: vm.name })).toBeVisible();
    await expect(header.getByText(m.vm.status.RUNNING, { exact: true })).toBeVisible();
    await expect(page.getByText(m.common.live.live, { exact: true })).toBeVisible();
    await expectNoAxeViolations(page);

    await page.evaluate(() => {
      (window as unknown as { notReloaded?: boolean }).notReloaded = true;
    });
    // "Stop", not "Request stop": the test environment runs it at once.
    await expect(header.getByRole("button", { name: actions.request.stop, exact: true })).toHaveCount(0);
    await header.getByRole("button", { name: actions.run.stop, exact: true }).click();
    await expect(header.getByText(fill(actions.taskCompleted, { action: actions.run.stop }))).toBeVisible({
      timeout: 30_000,
    });
    await expect(header.getByText(m.vm.status.STOPPED, { exact: true })).toBeVisible({ timeout: 30_000 });
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(
      true,
    );
    const tasks = page.getByRole("table", { name: m.vm.detail.tasks.tableLabel });
    await expect(
      tasks
        .getByRole("row")
        .filter({ hasText: actions.run.stop })
        .filter({ hasText: m.vm.taskStatus.COMPLETED }),
    ).not.toHaveCount(0);

    // Snapshot with a chosen name: the dialog, then the row, Ready once KubeVirt says so.
    const snapshot = `e2e-snap-${randomBytes(3).toString("hex")}`;
    await header.getByRole("button", { name: actions.run.snapshot, exact: true }).click();
    const dialog = page.getByRole("dialog", {
      name: fill(actions.confirm.snapshot.title, { name: vm.name }),
    });
    await expect(dialog).toBeVisible();
    await dialog.getByLabel(actions.confirm.snapshot.nameLabel).fill(snapshot);
    await expectNoAxeViolations(page);
    await dialog.getByRole("button", { name: actions.run.snapshot, exact: true }).click();
    await expect(dialog).toBeHidden();
    const snapshots = page.getByRole("table", { name: m.vm.detail.snapshots.tableLabel });
    const row = snapshots.getByRole("row").filter({ hasText: snapshot });
    await expect(row.getByText(m.vm.detail.snapshots.ready, { exact: true })).toBeVisible({
      timeout: 45_000,
    });
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(
      true,
    );
  });

  test(`${locale}: a prod VM's stop becomes a pending request under My requests, then is cancelled`, async ({
    page,
  }) => {
    await signIn(page, "user", locale);
    const vm = await runningGovernedVm(page, "demo-prod", true);
    expect((await detail(page, vm.id)).actions.stop?.requires_approval).toBe(true);

    await page.goto(`/${locale}/vms/${vm.id}`);
    const header = page.getByRole("region", { name: vm.name, exact: true });
    await expect(page.getByText(m.common.live.live, { exact: true })).toBeVisible();
    await header.getByRole("button", { name: actions.request.stop, exact: true }).click();
    const toRequests = header.getByRole("link", { name: tagText(actions.ticketCreated, "link") });
    await expect(toRequests).toBeVisible();
    // Nothing ran: the VM still runs.
    await expect(header.getByText(m.vm.status.RUNNING, { exact: true })).toBeVisible();

    await toRequests.click();
    await expect(page).toHaveURL(new RegExp(`/${locale}/requests$`));
    await expect(page).toHaveTitle(`${m.metadata.requests} · ${m.metadata.productName}`);
    await expect(page.getByRole("heading", { level: 1, name: m.requests.heading })).toBeVisible();
    const nav = page.getByRole("navigation", { name: m.shell.nav.label });
    await expect(nav.getByRole("link", { name: m.shell.nav.requests })).toHaveAttribute(
      "aria-current",
      "page",
    );
    const requests = page.getByRole("table", { name: m.requests.tableLabel });
    const request = requests
      .getByRole("row")
      .filter({ has: page.getByRole("link", { name: vm.name, exact: true }) })
      .filter({ hasText: m.vm.ticketStatus.PENDING_APPROVAL });
    await expect(request).toHaveCount(1);
    await expect(request.getByText(m.vm.operations.STOP_VM, { exact: true })).toBeVisible();
    await expectNoAxeViolations(page);

    const cancel = request.getByRole("button", {
      name: fill(m.requests.cancelLabel, { operation: m.vm.operations.STOP_VM, vm: vm.name }),
    });
    await cancel.click();
    const dialog = page.getByRole("dialog", { name: m.requests.cancelDialog.title });
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: m.requests.cancelDialog.confirm, exact: true }).click();
    await expect(dialog).toBeHidden();
    const cancelled = requests
      .getByRole("row")
      .filter({ has: page.getByRole("link", { name: vm.name, exact: true }) })
      .filter({ hasText: m.vm.ticketStatus.CANCELLED });
    await expect(cancelled.first()).toBeVisible();
    await expect(cancelled.first().getByRole("button")).toHaveCount(0);
    expect((await detail(page, vm.id)).status).toBe("RUNNING");
  });

  test(`${locale}: a VM of another service is the not-found page`, async ({ page, browser }) => {
    const otherId = await otherServicesVm(browser);
    await signIn(page, "user", locale);
    const api = await page.request.get(`/api/v1/vms/${otherId}`);
    expect(api.status()).toBe(404);
    expect(((await api.json()) as { code: string }).code).toBe("VM_NOT_FOUND");
    const response = await page.goto(`/${locale}/vms/${otherId}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: m.notFound.heading })).toBeVisible();
    // Nothing of the other team's VM reaches the page, not even its id in the title.
    await expect(page).not.toHaveTitle(new RegExp(otherId));
    await expect(page.getByRole("button", { name: actions.run.stop })).toHaveCount(0);
  });
}
