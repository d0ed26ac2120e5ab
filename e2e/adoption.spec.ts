// The adoption inbox against the real product. Each test puts its own labelled VMs on a demo cluster through
// the cluster's Kubernetes API (as a team using kubectl would), naming a system and service Shepherd knows,
// waits for the watcher to cache them, and then works only through the browser: scan now, review, adopt,
// ignore, reopen, batch decisions, a decision someone else made first. Non-admins are refused by the server.
import { randomBytes } from "node:crypto";
import { expect, type Page, test } from "@playwright/test";
import { createTranslator } from "next-intl";
import type { PendingAdoptionPageView } from "../lib/adoption/adoption-views";
import { catalogue } from "./catalogue";
import { demoPassword, signIn } from "./demo-accounts";
import { demoCluster, kube } from "./demo-kube";

// Each admin test creates VMs on a cluster, waits for the watcher to cache them and scans: more than the
// default 30 s budget on a busy 2-core machine (a budget, not a timing assertion).
test.describe.configure({ timeout: 90_000 });

const en = catalogue("en");
const zh = catalogue("zh-CN");
const a = en.adoption;

/** A message with its simple `{name}` arguments filled in (no plural or select). */
function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));
}

interface Governance {
  cluster: string;
  namespace: string;
  system: string;
  service: string;
  /** A VM of that service whose spec the test VMs copy. */
  template: string;
}

interface TestVM {
  name: string;
  instance: string;
}

/**
 * A (cluster, namespace, system, service) that exists in Shepherd: the demo clusters' labelled VMs of seeded
 * services are adoptable, so after a scan the inbox holds some, and their labels name real services.
 */
async function knownGovernance(page: Page): Promise<Governance> {
  const scan = await page.request.post("/api/v1/admin/adoption-scans", { data: {} });
  expect(scan.status()).toBe(200);
  const list = await page.request.get("/api/v1/admin/pending-adoptions?status=PENDING&per_page=100");
  expect(list.status()).toBe(200);
  const { items } = (await list.json()) as PendingAdoptionPageView;
  const item = items.find((i) => i.system && i.service && !i.resource_name.startsWith("e2e-"));
  if (!item?.system || !item.service)
    throw new Error("no adoptable demo VM after a scan: are the demo systems and services seeded?");
  return {
    cluster: item.cluster_name,
    namespace: item.namespace,
    system: item.system,
    service: item.service,
    template: item.resource_name,
  };
}

let nextInstance = 60 + Math.floor(Math.random() * 20);

/** Creates labelled VMs on the cluster and waits until Shepherd's cache (what the scan reads) has them. */
async function createLabelledVMs(
  page: Page,
  where: Governance,
  prefix: string,
  count: number,
): Promise<TestVM[]> {
  const ctx = demoCluster(where.cluster);
  const base = `/apis/kubevirt.io/v1/namespaces/${where.namespace}/virtualmachines`;
  const template = (await kube(ctx, "GET", `${base}/${where.template}`)) as {
    spec: { template: unknown };
  };
  const run = randomBytes(3).toString("hex");
  const vms: TestVM[] = [];
  for (let i = 0; i < count; i++) {
    const name = `e2e-${prefix}-${run}-${i}`;
    const instance = String(nextInstance++ % 100).padStart(2, "0");
    await kube(ctx, "POST", base, {
      apiVersion: "kubevirt.io/v1",
      kind: "VirtualMachine",
      metadata: {
        name,
        namespace: where.namespace,
        labels: {
          "kubevirt-shepherd.io/managed-by": "kubevirt-shepherd",
          "kubevirt-shepherd.io/system": where.system,
          "kubevirt-shepherd.io/service": where.service,
          "kubevirt-shepherd.io/instance": instance,
          "kubevirt-shepherd.io/created-by": "e2e",
          "kubevirt-shepherd.io/hostname": name,
        },
        annotations: { "kubevirt-shepherd.io/fqdn": `${name}.${where.namespace}.svc.cluster.local` },
      },
      spec: { runStrategy: "Halted", template: template.spec.template },
    });
    vms.push({ name, instance });
  }
  for (const vm of vms) {
    await expect
      .poll(
        async () => {
          const r = await page.request.get(`/api/v1/vms?q=${encodeURIComponent(vm.name)}`);
          return ((await r.json()) as { items: { name: string }[] }).items.map((i) => i.name);
        },
        { timeout: 20_000, message: `${vm.name} reaches Shepherd's cache` },
      )
      .toContain(vm.name);
  }
  return vms;
}

const row = (page: Page, name: string) => page.locator(`tr[data-adoption="${name}"]`);

/** Opens the inbox from the navigation and presses "Scan now". */
async function openInboxAndScan(page: Page): Promise<void> {
  await page
    .getByRole("navigation", { name: en.shell.nav.label })
    .getByRole("link", { name: en.shell.nav.adoptions })
    .click();
  await expect(page).toHaveURL(/\/en\/admin\/adoptions$/);
  await expect(page.getByRole("heading", { level: 1, name: a.inbox.heading })).toBeVisible();
  const scanNow = page.getByRole("button", { name: a.scan.scanNow }).first();
  await scanNow.click();
  await expect(page.locator('[data-notice="ok"]')).toContainText(a.scan.done.split(":")[0] ?? "");
}

test("an admin scans, reviews a labelled VM, adopts it, and finds it in the VM list under its service", async ({
  page,
}) => {
  await signIn(page, "admin");
  const where = await knownGovernance(page);
  const [vm] = await createLabelledVMs(page, where, "adopt", 1);
  if (!vm) throw new Error("no VM created");

  await openInboxAndScan(page);
  await expect(page).toHaveTitle(`${en.metadata.adoptions} · ${en.metadata.productName}`);
  const scans = page.getByRole("table", { name: a.scan.tableLabel });
  await expect(scans.locator(`[data-scan-cluster="${where.cluster}"]`)).toBeVisible();
  // The demo seeds leave some labelled VMs without their system or service: orphans, with translated reasons.
  const orphans = page.locator("details[data-orphans]").first();
  await orphans.locator("summary").click();
  const orphan = orphans.locator("td[data-reason]").first();
  const reason = (await orphan.getAttribute("data-reason")) as keyof typeof a.orphanReason;
  await expect(orphan).toHaveText(a.orphanReason[reason]);
  const counts = page.getByRole("list", { name: a.inbox.clusterCounts.label });
  await expect(counts.locator(`[data-pending-cluster="${where.cluster}"]`)).toBeVisible();

  const table = page.getByRole("table", { name: a.inbox.tableLabel });
  const item = row(page, vm.name);
  await expect(item).toBeVisible();
  await expect(item).toContainText(`${where.system} / ${where.service} / ${vm.instance}`);
  await expect(item.locator("[data-adoption-status]")).toHaveText(a.status.PENDING);

  // The detail: specification, labels and the governance row the adoption will create.
  await table.getByRole("button", { name: vm.name, exact: true }).click();
  await expect(page).toHaveURL(/[?&]item=/);
  const panel = page.getByRole("dialog", { name: fill(a.detail.label, { name: vm.name }) });
  await expect(panel).toBeVisible();
  await expect(panel.getByRole("heading", { name: a.detail.spec.heading })).toBeVisible();
  await expect(panel.getByRole("table", { name: a.detail.spec.disks })).toBeVisible();
  await expect(panel.getByRole("list", { name: a.detail.labels })).toContainText(
    `kubevirt-shepherd.io/service=${where.service}`,
  );
  const proposed = panel.getByRole("region", { name: a.detail.proposed.heading });
  await expect(proposed).toContainText(where.system);
  await expect(proposed).toContainText(where.service);
  await expect(proposed).toContainText(vm.instance);
  const nextIndex = Number(await proposed.locator("[data-next-index]").textContent());
  expect(nextIndex).toBeGreaterThan(Number(vm.instance));

  // A reload keeps the open item (it is in the URL).
  await page.reload();
  await expect(panel).toBeVisible();

  await panel.getByRole("button", { name: a.detail.adopt, exact: true }).click();
  const confirm = page.getByRole("dialog", { name: fill(a.confirm.adoptTitle, { name: vm.name }) });
  await expect(confirm).toBeVisible();
  await expect(confirm).toContainText(String(nextIndex));
  await confirm.getByRole("button", { name: a.detail.adopt, exact: true }).click();

  await expect(
    page.getByRole("status").filter({ hasText: fill(a.outcome.adopted, { name: vm.name }) }),
  ).toBeVisible();
  await expect(panel).toBeHidden();
  await expect(row(page, vm.name)).toHaveCount(0);

  // It is under ADOPTED now, with who decided.
  await page.getByRole("combobox", { name: a.filters.status }).selectOption(a.status.ADOPTED);
  await expect(page).toHaveURL(/status=ADOPTED/);
  await expect(row(page, vm.name).locator("[data-adoption-status]")).toHaveText(a.status.ADOPTED);

  // The VM list shows the VM under its system and service.
  await page.goto(`/en/vms?q=${encodeURIComponent(vm.name)}`);
  const listed = page.locator(`tr[data-vm="${vm.name}"]`);
  await expect(listed).toBeVisible({ timeout: 20_000 });
  await expect(listed).toContainText(`${where.system} / ${where.service}`);
  await expect(listed).toContainText(where.cluster);
});

test("an admin ignores an item with a reason; it lists under Ignored and can be reopened", async ({
  page,
}) => {
  await signIn(page, "admin");
  const where = await knownGovernance(page);
  const [vm] = await createLabelledVMs(page, where, "ignore", 1);
  if (!vm) throw new Error("no VM created");
  await openInboxAndScan(page);

  await page.getByRole("table", { name: a.inbox.tableLabel }).getByRole("button", { name: vm.name }).click();
  const panel = page.getByRole("dialog", { name: fill(a.detail.label, { name: vm.name }) });
  await panel.getByRole("button", { name: a.detail.ignore, exact: true }).click();
  const confirm = page.getByRole("dialog", { name: fill(a.confirm.ignoreTitle, { name: vm.name }) });
  const reason = "Test VM of the e2e suite; it is deleted with the suite.";
  await confirm.getByRole("textbox", { name: a.confirm.reason }).fill(reason);
  await confirm.getByRole("button", { name: a.detail.ignore, exact: true }).click();
  await expect(
    page.getByRole("status").filter({ hasText: fill(a.outcome.ignored, { name: vm.name }) }),
  ).toBeVisible();
  await expect(row(page, vm.name)).toHaveCount(0);

  await page.getByRole("combobox", { name: a.filters.status }).selectOption(a.status.IGNORED);
  await expect(row(page, vm.name).locator("[data-adoption-status]")).toHaveText(a.status.IGNORED);
  await page.reload(); // the filter is in the URL
  await expect(page.getByRole("combobox", { name: a.filters.status })).toHaveValue("IGNORED");
  await page.getByRole("table", { name: a.inbox.tableLabel }).getByRole("button", { name: vm.name }).click();
  await expect(panel).toContainText(reason);
  await expect(panel).toContainText(a.detail.state.IGNORED);

  await panel.getByRole("button", { name: a.detail.reopen }).click();
  await page
    .getByRole("dialog", { name: fill(a.confirm.reopenTitle, { name: vm.name }) })
    .getByRole("button", { name: a.detail.reopen })
    .click();
  await expect(
    page.getByRole("status").filter({ hasText: fill(a.outcome.reopened, { name: vm.name }) }),
  ).toBeVisible();
  await expect(row(page, vm.name)).toHaveCount(0);
  await page.getByRole("combobox", { name: a.filters.status }).selectOption(a.status.PENDING);
  await expect(row(page, vm.name).locator("[data-adoption-status]")).toHaveText(a.status.PENDING);
});

test("batch: several selected items ignored at once, each with its result", async ({ page }) => {
  await signIn(page, "admin");
  const where = await knownGovernance(page);
  const vms = await createLabelledVMs(page, where, "batch", 2);
  await openInboxAndScan(page);
  // Newest first: what the scan just found is on the first page.
  for (const vm of vms) await row(page, vm.name).getByRole("checkbox").check();
  const bar = page.getByRole("toolbar", { name: a.batch.label });
  await expect(bar.locator("[data-selected-count]")).toHaveAttribute("data-selected-count", "2");
  await bar.getByRole("button", { name: a.batch.ignore }).click();

  const confirm = page.getByRole("dialog", { name: "Ignore 2 items?" });
  const listed = confirm.getByRole("list", { name: a.batch.label });
  for (const vm of vms) await expect(listed).toContainText(vm.name);
  await confirm.getByRole("textbox", { name: a.confirm.reason }).fill("Batch test");
  await confirm.getByRole("button", { name: "Ignore 2 items", exact: true }).click();

  const results = page.getByRole("dialog", { name: a.batch.resultsTitle });
  const perItem = results.getByRole("list", { name: a.batch.resultsLabel });
  await expect(perItem.locator('[data-result="done"]')).toHaveCount(2);
  for (const vm of vms) await expect(perItem).toContainText(vm.name);
  await results.getByRole("button", { name: a.batch.close }).click();
  for (const vm of vms) await expect(row(page, vm.name)).toHaveCount(0);
  await expect(bar).toBeHidden();
});

test("an item someone else decided first: the translated 409, and the panel shows what it is now", async ({
  page,
}) => {
  // With live notices flowing, the other admin's decision would refresh the panel before the click (the next
  // test); with the stream down, the panel is stale and the server's 409 is what the admin meets.
  await page.route("**/api/events", (route) => route.abort());
  await signIn(page, "admin");
  const where = await knownGovernance(page);
  const [vm] = await createLabelledVMs(page, where, "race", 1);
  if (!vm) throw new Error("no VM created");
  await openInboxAndScan(page);
  await page.getByRole("table", { name: a.inbox.tableLabel }).getByRole("button", { name: vm.name }).click();
  const panel = page.getByRole("dialog", { name: fill(a.detail.label, { name: vm.name }) });
  await expect(panel.getByRole("button", { name: a.detail.adopt, exact: true })).toBeEnabled();

  // Another admin ignores it meanwhile (the same API the batch form uses).
  const id = new URL(page.url()).searchParams.get("item");
  const other = await page.request.post(`/api/v1/admin/pending-adoptions/${id}/ignore`, {
    data: { reason: "decided elsewhere" },
  });
  expect(other.status()).toBe(200);

  await panel.getByRole("button", { name: a.detail.adopt, exact: true }).click();
  await page
    .getByRole("dialog", { name: fill(a.confirm.adoptTitle, { name: vm.name }) })
    .getByRole("button", { name: a.detail.adopt, exact: true })
    .click();
  // The catalogue's message with the server's params (an ICU select), not a copy of its English text.
  const tEn = createTranslator({ locale: "en", messages: en });
  await expect(panel.getByRole("alert")).toHaveText(
    tEn("errors.ADOPTION_NOT_PENDING", { status: "IGNORED" }),
  );
  await expect(panel.locator("[data-adoption-status]")).toHaveText(a.status.IGNORED);
  await expect(panel.getByRole("button", { name: a.detail.reopen })).toBeVisible();
});

test("another admin's decision shows in an open inbox at once, without a reload", async ({ page }) => {
  await signIn(page, "admin");
  const where = await knownGovernance(page);
  const [vm] = await createLabelledVMs(page, where, "live", 1);
  if (!vm) throw new Error("no VM created");
  await openInboxAndScan(page);
  await expect(row(page, vm.name)).toBeVisible();
  const list = await page.request.get(
    `/api/v1/admin/pending-adoptions?status=PENDING&per_page=100&namespace=${encodeURIComponent(where.namespace)}`,
  );
  const id = ((await list.json()) as PendingAdoptionPageView).items.find(
    (i) => i.resource_name === vm.name,
  )?.id;
  if (!id) throw new Error(`${vm.name} is not pending`);

  // Decided elsewhere (the API, as another admin's browser would): the notice reaches this page over SSE;
  // the periodic refetch is a minute away, so only the live path can make the row go.
  const other = await page.request.post(`/api/v1/admin/pending-adoptions/${id}/ignore`, { data: {} });
  expect(other.status()).toBe(200);
  await expect(row(page, vm.name)).toHaveCount(0);
});

test("filters that match nothing say so and clear back to the inbox", async ({ page }) => {
  await signIn(page, "admin");
  await page.goto("/en/admin/adoptions?namespace=no-such-namespace");
  await expect(page.getByRole("heading", { name: a.inbox.empty.noMatch })).toBeVisible();
  await page.getByRole("button", { name: a.filters.clear }).first().click();
  await expect(page).toHaveURL(/\/en\/admin\/adoptions$/);
  await expect(page.getByRole("heading", { name: a.inbox.empty.noMatch })).toHaveCount(0);
});

test("a column header sorts the inbox on the server: the URL, aria-sort and the row order follow", async ({
  page,
}) => {
  await signIn(page, "admin");
  await openInboxAndScan(page);
  const table = page.getByRole("table", { name: a.inbox.tableLabel });
  await expect(table.locator("tbody tr").first()).toBeVisible();
  const header = (name: string) => table.getByRole("columnheader", { name, exact: true });
  const shown = () =>
    table.locator("tbody tr").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-adoption")));
  const served = async () => {
    const res = await page.request.get(
      "/api/v1/admin/pending-adoptions?status=PENDING&sort_by=resource_name&sort_order=asc&page=1&per_page=20",
    );
    expect(res.status()).toBe(200);
    return ((await res.json()) as PendingAdoptionPageView).items.map((i) => i.resource_name);
  };
  const { resource, age } = a.inbox.columns;
  await expect(header(age)).toHaveAttribute("aria-sort", "descending");
  await table.getByRole("button", { name: resource, exact: true }).click();
  await expect(page).toHaveURL(/[?&]sort_by=resource_name(&|$)/);
  await expect(header(resource)).toHaveAttribute("aria-sort", "ascending");
  await expect(header(age)).not.toHaveAttribute("aria-sort");
  await expect.poll(shown).toEqual(await served());
});

test("the inbox shows a skeleton while loading, and a failed load says why and recovers on retry", async ({
  page,
}) => {
  await signIn(page, "admin");
  // An injected fault: the browser's request for the list is held, then answered 503,
  // until the test lets it through (the real server never fails on cue).
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  let failing = true;
  await page.route(
    (url) => url.pathname === "/api/v1/admin/pending-adoptions",
    async (route) => {
      await held;
      if (!failing) return route.continue();
      return route.fulfill({
        status: 503,
        contentType: "application/problem+json",
        body: JSON.stringify({
          code: "DATABASE_UNAVAILABLE",
          message: "injected",
          params: {},
          field_errors: [],
        }),
      });
    },
  );
  await page.goto("/en/admin/adoptions");
  await expect(page.getByRole("status").filter({ hasText: a.inbox.loading })).toHaveCount(1);
  release();
  const alert = page.getByRole("alert").filter({ hasText: a.inbox.loadError });
  await expect(alert).toContainText(en.errors.DATABASE_UNAVAILABLE);
  failing = false;
  await alert.getByRole("button", { name: a.inbox.retry }).click();
  await expect(alert).toBeHidden();
  await expect(
    page
      .getByRole("table", { name: a.inbox.tableLabel })
      .or(page.getByRole("heading", { name: a.inbox.empty.nothingTitle })),
  ).toBeVisible();
});

for (const role of ["user", "approver"] as const) {
  test(`${role}: no Adoption entry, the page is not found, the API answers 403`, async ({ page }) => {
    await signIn(page, role);
    const nav = page.getByRole("navigation", { name: en.shell.nav.label });
    await expect(nav.getByRole("link", { name: en.shell.nav.vms })).toBeVisible();
    await expect(nav.getByText(en.shell.nav.adoptions, { exact: true })).toHaveCount(0);

    const response = await page.goto("/en/admin/adoptions");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: en.notFound.heading })).toBeVisible();
    await expect(page.getByRole("heading", { name: a.inbox.heading })).toHaveCount(0);

    for (const [method, url] of [
      ["GET", "/api/v1/admin/pending-adoptions"],
      ["GET", "/api/v1/admin/adoption-scans"],
      ["POST", "/api/v1/admin/adoption-scans"],
    ] as const) {
      const answer = await page.request.fetch(url, { method, data: method === "POST" ? {} : undefined });
      expect(answer.status(), `${method} ${url}`).toBe(403);
      expect(await answer.json()).toMatchObject({ code: "FORBIDDEN" });
    }
  });
}

test("an anonymous visitor is sent to sign-in, and back to the inbox after it", async ({ page }) => {
  const api = await page.request.get("/api/v1/admin/pending-adoptions");
  expect(api.status()).toBe(401);
  await page.goto("/en/admin/adoptions");
  await expect(page).toHaveURL(/\/en\/sign-in\?/);
  expect(new URL(page.url()).searchParams.get("next")).toBe("/en/admin/adoptions");
  await page.locator('input[name="identifier"]').fill("admin");
  await page.locator('input[name="password"]').fill(demoPassword("admin"));
  await page.locator('button[type="submit"]').click();
  await expect(page).toHaveURL(/\/en\/admin\/adoptions$/);
  await expect(page.getByRole("heading", { level: 1, name: a.inbox.heading })).toBeVisible();
});

for (const locale of ["en", "zh-CN"] as const) {
  test(`a refused and a failed scan say why in ${locale}, a refusal beside the last successful scan`, async ({
    page,
  }) => {
    const messages = catalogue(locale);
    const t = createTranslator({ locale, messages });
    // Injected answer: a demo cluster's cache cannot be made REBUILDING on cue; the server side of a refusal
    // (code, params, last_successful) is covered by server/adoption/pending-adoptions.int.test.ts.
    const base = {
      started_at: "2026-01-01T10:00:00.000Z",
      finished_at: "2026-01-01T10:00:01.000Z",
      found: 0,
      new: 0,
      updated: 0,
      gone: 0,
      orphans: [],
      duration_ms: 12,
    };
    const scans = [
      {
        ...base,
        id: "scan-refused",
        cluster_id: "c-1",
        cluster_name: "alpha",
        error: { code: "ADOPTION_SCAN_CACHE_NOT_FRESH", params: { status: "REBUILDING" } },
        last_successful: {
          ...base,
          id: "scan-ok",
          cluster_id: "c-1",
          cluster_name: "alpha",
          found: 7,
          new: 3,
          updated: 1,
          gone: 2,
          error: null,
        },
      },
      {
        ...base,
        id: "scan-failed",
        cluster_id: "c-2",
        cluster_name: "beta",
        error: { code: "INTERNAL", params: {} },
        last_successful: null,
      },
    ];
    await page.route(
      (url) => url.pathname === "/api/v1/admin/adoption-scans",
      (route) =>
        route.request().method() === "GET"
          ? route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify(scans) })
          : route.continue(),
    );
    await signIn(page, "admin", locale);
    await page.goto(`/${locale}/admin/adoptions`);
    const refused = page.locator('[data-scan-error="ADOPTION_SCAN_CACHE_NOT_FRESH"]');
    await expect(refused).toContainText(t("errors.ADOPTION_SCAN_CACHE_NOT_FRESH", { status: "REBUILDING" }));
    // The relative time is the one part not compared: the text around it is.
    const around = t("adoption.scan.lastSuccessful", {
      when: "\u0000",
      found: 7,
      new: 3,
      updated: 1,
      gone: 2,
      orphans: 0,
    }).split("\u0000");
    const last = refused.locator('[data-last-successful="scan-ok"]');
    for (const part of around) await expect(last).toContainText(part);
    const failed = page.locator('[data-scan-error="INTERNAL"]');
    await expect(failed).toContainText(messages.adoption.scan.failed);
    await expect(failed).toContainText(messages.adoption.scan.noSuccessfulScan);
  });
}

test("the inbox in Simplified Chinese", async ({ page }) => {
  await signIn(page, "admin", "zh-CN");
  await page.goto("/zh-CN/admin/adoptions");
  await expect(page).toHaveTitle(`${zh.metadata.adoptions} · ${zh.metadata.productName}`);
  await expect(page.getByRole("heading", { level: 1, name: zh.adoption.inbox.heading })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: zh.adoption.scan.heading })).toBeVisible();
  await expect(page.getByRole("button", { name: zh.adoption.scan.scanNow }).first()).toBeVisible();
  const nav = page.getByRole("navigation", { name: zh.shell.nav.label });
  await expect(nav.getByRole("link", { name: zh.shell.nav.adoptions })).toHaveAttribute(
    "aria-current",
    "page",
  );
  // Either the table (with translated column headers) or the translated empty state.
  const table = page.getByRole("table", { name: zh.adoption.inbox.tableLabel });
  const empty = page.getByRole("heading", { name: zh.adoption.inbox.empty.nothingTitle });
  await expect(table.or(empty)).toBeVisible();
  if (await table.isVisible())
    await expect(table.getByRole("columnheader", { name: zh.adoption.inbox.columns.status })).toBeVisible();
});
