// The VM list's scope on a real database: a user sees only the VMs of their services (by the `vms`
// governance rows, never the VMs' labels), an admin every VM (governed or not), an anonymous caller nothing
// (UNAUTHENTICATED); and the route answers the SPEC §21 page shape, or 400 for bad input.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type VmListParams, vmListParamsSchema } from "@/lib/vms/vm-list-params";
import type { SessionUser } from "../auth/session";
import { type AuthHarness, startAuthHarness, TEST_ORIGIN, TEST_PASSWORD } from "../auth/testing/auth-harness";
import { CacheService } from "../cache/cache-service";
import { governanceLabels, vmObject } from "../testing/vm-object";
import type { ListVmsDeps } from "./list-vms";

let h: AuthHarness;
let deps: ListVmsDeps;
let listVms: typeof import("./list-vms").listVms;
const clusterA = randomUUID();
const clusterB = randomUUID();
const users = {} as Record<"admin" | "shopApi" | "both" | "nobody", SessionUser>;

const params = (input: Record<string, string> = {}): VmListParams => vmListParamsSchema.parse(input);
const names = (page: { items: { name: string }[] }) => page.items.map((i) => i.name).sort();

beforeAll(async () => {
  h = await startAuthHarness();
  ({ listVms } = await import("./list-vms"));
  const { prisma } = h;
  deps = { prisma, cache: new CacheService({ prisma, staleAfterMs: 120_000 }) };
  for (const [id, name] of [
    [clusterA, "alpha"],
    [clusterB, "beta"],
  ] as const)
    await prisma.cluster.create({
      data: { id, name, encryptedKubeconfig: Buffer.from("x"), encryptionKeyId: "k" },
    });
  const shop = await prisma.system.create({ data: { name: "shop" } });
  const crm = await prisma.system.create({ data: { name: "crm" } });
  const shopApi = await prisma.service.create({ data: { name: "api", systemId: shop.id } });
  const shopDb = await prisma.service.create({ data: { name: "db", systemId: shop.id } });
  const crmApi = await prisma.service.create({ data: { name: "api", systemId: crm.id } });

  await deps.cache
    .sink(clusterA, "VirtualMachine")
    .replace(
      [
        vmObject("shop-api-01", "prod", governanceLabels("shop", "api")),
        vmObject("shop-db-01", "prod", governanceLabels("shop", "db"), "ErrImagePull"),
        vmObject("crm-api-01", "prod", governanceLabels("crm", "api")),
        vmObject("legacy-01", "prod", { app: "legacy" }),
      ],
      "10",
    );
  await deps.cache.sink(clusterB, "VirtualMachine").replace(
    [
      vmObject("shop-api-02", "test", governanceLabels("shop", "api")),
      vmObject("shop-db-02", "test", governanceLabels("shop", "db")),
      // Labelled for shop/api, but never adopted: no governance row, so only admins see it.
      vmObject("shop-api-99", "test", governanceLabels("shop", "api")),
      // Governed by a row that names the other cluster: not this VM.
      vmObject("other-01", "prod", governanceLabels("shop", "api")),
    ],
    "5",
  );
  const govern = (clusterId: string, namespace: string, name: string, serviceId: string) =>
    prisma.vm.create({ data: { clusterId, namespace, name, serviceId } });
  await govern(clusterA, "prod", "shop-api-01", shopApi.id);
  await govern(clusterA, "prod", "shop-db-01", shopDb.id);
  await govern(clusterA, "prod", "crm-api-01", crmApi.id);
  await govern(clusterB, "test", "shop-api-02", shopApi.id);
  await govern(clusterB, "test", "shop-db-02", shopDb.id);
  // A governance row on another cluster does not govern a same-named VM elsewhere.
  await govern(clusterA, "prod", "other-01", shopApi.id);

  const make = async (username: string, role: "admin" | "user", serviceIds: string[]) => {
    const u = await h.addUser(username, role, serviceIds);
    return { id: u.id, name: username, email: u.email, username, role } satisfies SessionUser;
  };
  users.admin = await make("lv_admin", "admin", []);
  users.shopApi = await make("lv_shop_api", "user", [shopApi.id]);
  users.both = await make("lv_both", "user", [shopDb.id, crmApi.id]);
  users.nobody = await make("lv_nobody", "user", []);
});
afterAll(async () => h?.close());

describe("listVms scope", () => {
  it("an admin sees every VM of every cluster, governed or not", async () => {
    const page = await listVms(users.admin, params(), deps);
    expect(names(page)).toEqual([
      "crm-api-01",
      "legacy-01",
      "other-01",
      "shop-api-01",
      "shop-api-02",
      "shop-api-99",
      "shop-db-01",
      "shop-db-02",
    ]);
    expect(page.items.filter((i) => !i.governed).map((i) => [i.name, i.id])).toEqual([
      ["legacy-01", null],
      ["other-01", null],
      ["shop-api-99", null],
    ]);
    expect(page.items.filter((i) => i.governed).every((i) => typeof i.id === "string")).toBe(true);
    expect(page.pagination).toEqual({
      page: 1,
      per_page: 25,
      total_items: 8,
      total_pages: 1,
      has_next: false,
      has_prev: false,
    });
  });

  it("a user sees the governed VMs of their service on every cluster, and no other (labels decide nothing)", async () => {
    const page = await listVms(users.shopApi, params(), deps);
    expect(names(page)).toEqual(["shop-api-01", "shop-api-02"]);
    expect(page.items.every((i) => i.governed && i.id !== null)).toBe(true);
    expect(page.items.find((i) => i.name === "shop-api-02")).toMatchObject({
      cluster_id: clusterB,
      cluster_name: "beta",
      namespace: "test",
      system: "shop",
      service: "api",
      status: "RUNNING",
    });
  });

  it("a service name shared by two systems is told apart by its system", async () => {
    const page = await listVms(users.both, params(), deps);
    expect(names(page)).toEqual(["crm-api-01", "shop-db-01", "shop-db-02"]);
  });

  it("filters apply inside the scope, never widen it", async () => {
    const failed = await listVms(users.both, params({ status: "FAILED" }), deps);
    expect(failed.items).toEqual([
      expect.objectContaining({ name: "shop-db-01", status: "FAILED", status_reason: "ErrImagePull" }),
    ]);
    const search = await listVms(users.shopApi, params({ q: "crm" }), deps);
    expect(search.pagination.total_items).toBe(0);
    const cluster = await listVms(users.both, params({ cluster: clusterB }), deps);
    expect(names(cluster)).toEqual(["shop-db-02"]);
    // Every enabled cluster is still reported, whatever the filter.
    expect(Object.keys(cluster.clusters).sort()).toEqual([clusterA, clusterB].sort());
  });

  it("a user without services sees nothing (and learns no VM name)", async () => {
    const page = await listVms(users.nobody, params(), deps);
    expect(page.items).toEqual([]);
    expect(page.pagination.total_items).toBe(0);
  });

  it("an anonymous caller is refused", async () => {
    await expect(listVms(null, params(), deps)).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });

  it("pages in order with the §21 flags", async () => {
    const second = await listVms(users.admin, params({ per_page: "2", page: "2", sort: "name" }), deps);
    expect(second.items.map((i) => i.name)).toEqual(["other-01", "shop-api-01"]);
    expect(second.pagination).toMatchObject({
      total_items: 8,
      total_pages: 4,
      has_next: true,
      has_prev: true,
    });
    const past = await listVms(users.admin, params({ per_page: "2", page: "9" }), deps);
    expect(past.items).toEqual([]);
    expect(past.pagination).toMatchObject({ total_items: 8, has_next: false, has_prev: true });
  });
});

describe("GET /api/v1/vms", () => {
  async function get(query: string, cookie?: string): Promise<Response> {
    const { GET } = await import("@/app/api/v1/vms/route");
    return GET(
      new Request(`${TEST_ORIGIN}/api/v1/vms${query}`, {
        headers: { origin: TEST_ORIGIN, ...(cookie ? { cookie } : {}) },
      }),
      { params: Promise.resolve({}) },
    );
  }
  async function cookieOf(username: string): Promise<string> {
    return h.cookieHeader(await h.signIn(username, TEST_PASSWORD, "203.0.113.77"));
  }

  it("answers the caller's VMs as a §21 page", async () => {
    const res = await get("?sort=name&order=desc", await cookieOf("lv_shop_api"));
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(["cache_status", "clusters", "items", "pagination"]);
    expect((body.items as { name: string }[]).map((i) => i.name)).toEqual(["shop-api-02", "shop-api-01"]);
  });

  it.each([
    ["per_page over 100", "?per_page=101"],
    ["an unknown status", "?status=ERROR"],
    ["an unknown sort", "?sort=ip"],
  ])("refuses %s with 400 VALIDATION_FAILED", async (_, query) => {
    const res = await get(query, await cookieOf("lv_admin"));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: "VALIDATION_FAILED" });
  });

  it("refuses an anonymous caller with 401", async () => {
    const res = await get("");
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: "UNAUTHENTICATED" });
  });
});
