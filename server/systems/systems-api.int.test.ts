// The systems and services API end to end: the real route handlers with real sessions and a fresh PostgreSQL.
// Names follow SPEC §3 (exact codes, warnings past 12), are immutable, unique; deletes are refused while
// children exist; users create only with "self-service systems" on and see only their own; every write is
// audited and every refusal leaves every table as it was.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PaginationView } from "@/lib/pagination";
import type {
  SelfServiceSettingView,
  ServiceDetailView,
  ServiceView,
  SystemView,
} from "@/lib/systems/system-views";
import {
  type AuthHarness,
  startAuthHarness,
  TEST_ORIGIN,
  tableChecksums,
} from "../auth/testing/auth-harness";

type Handler = (request: Request, segment: { params: Promise<unknown> }) => Promise<Response>;
type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

let h: AuthHarness;
const cookie = { admin: "", user: "", other: "" };
let userId = "";

const FILES = {
  systems: "@/app/api/v1/systems/route",
  system: "@/app/api/v1/systems/[id]/route",
  services: "@/app/api/v1/systems/[id]/services/route",
  service: "@/app/api/v1/systems/[id]/services/[serviceId]/route",
  setting: "@/app/api/v1/admin/settings/self-service-systems/route",
} as const;

async function api<T = Record<string, unknown>>(
  route: keyof typeof FILES,
  method: Method,
  opts: { as?: keyof typeof cookie; params?: Record<string, string>; body?: unknown; query?: string } = {},
): Promise<{ status: number; body: T }> {
  const mod = (await import(/* @vite-ignore */ FILES[route])) as Record<string, Handler>;
  const handler = mod[method];
  if (!handler) throw new Error(`${route} has no ${method}`);
  const headers: Record<string, string> = {
    origin: TEST_ORIGIN,
    "content-type": "application/json",
    cookie: cookie[opts.as ?? "admin"],
  };
  const res = await handler(
    new Request(`${TEST_ORIGIN}/api/v1/x${opts.query ?? ""}`, {
      method,
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    }),
    { params: Promise.resolve(opts.params ?? {}) },
  );
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

const audits = (action: string) =>
  h.prisma.auditLog.findMany({ where: { action }, orderBy: { createdAt: "asc" } });

/** Runs a refused call and checks its status and code, and that no table changed. */
async function refused(
  call: () => Promise<{ status: number; body: unknown }>,
  status: number,
  code: string,
): Promise<Record<string, unknown>> {
  const before = await tableChecksums(h.prisma);
  const res = await call();
  expect(res.status).toBe(status);
  expect((res.body as { code: string }).code).toBe(code);
  expect(await tableChecksums(h.prisma)).toEqual(before);
  return res.body as Record<string, unknown>;
}

beforeAll(async () => {
  h = await startAuthHarness();
  cookie.admin = await h.sessionCookie("sys_admin", "admin");
  cookie.user = await h.sessionCookie("sys_user", "user");
  cookie.other = await h.sessionCookie("sys_other", "user");
  userId = (await h.prisma.user.findFirstOrThrow({ where: { username: "sys_user" } })).id;
});
afterAll(async () => h?.close());

describe("systems (admin)", () => {
  let shop: SystemView;

  it("creates a system: 201, Location, no warnings, audited system.create", async () => {
    const res = await api<SystemView & { warnings: string[] }>("systems", "POST", {
      body: { name: "shop", description: "The web shop" },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: "shop",
      description: "The web shop",
      service_count: 0,
      warnings: [],
    });
    shop = res.body;
    const [audit] = await audits("system.create");
    expect(audit).toMatchObject({ resourceType: "system", resourceId: shop.id, resourceName: "shop" });
  });

  it("warns (NAME_LENGTH_WARNING) for a name of 13 to 15 characters", async () => {
    const res = await api<{ warnings: string[] }>("systems", "POST", { body: { name: "payments-core" } });
    expect(res.status).toBe(201);
    expect(res.body.warnings).toHaveLength(1);
    expect(res.body.warnings[0]).toMatch(/^NAME_LENGTH_WARNING: /);
  });

  it("refuses bad names with NAME_INVALID / NAME_TOO_LONG and a taken one with UNIQUE_VIOLATION", async () => {
    for (const name of ["Shop", "sh--op", "shop-", "9shop"])
      await refused(() => api("systems", "POST", { body: { name } }), 400, "NAME_INVALID");
    const tooLong = await refused(
      () => api("systems", "POST", { body: { name: "a-very-long-system" } }),
      400,
      "NAME_TOO_LONG",
    );
    expect(tooLong.params).toMatchObject({ entity: "system", length: 18, max_length: 15 });
    const taken = await refused(
      () => api("systems", "POST", { body: { name: "shop" } }),
      409,
      "UNIQUE_VIOLATION",
    );
    expect(taken.params).toEqual({ fields: ["name"] });
  });

  it("lists by name asc with SPEC §21 pagination", async () => {
    await api("systems", "POST", { body: { name: "alpha" } });
    const page1 = await api<{ items: SystemView[]; pagination: PaginationView }>("systems", "GET", {
      query: "?per_page=2",
    });
    expect(page1.status).toBe(200);
    expect(page1.body.items.map((s) => s.name)).toEqual(["alpha", "payments-core"]);
    expect(page1.body.pagination).toEqual({
      page: 1,
      per_page: 2,
      total_items: 3,
      total_pages: 2,
      has_next: true,
      has_prev: false,
    });
    const desc = await api<{ items: SystemView[] }>("systems", "GET", { query: "?sort_order=desc" });
    expect(desc.body.items.map((s) => s.name)).toEqual(["shop", "payments-core", "alpha"]);
    await refused(() => api("systems", "GET", { query: "?per_page=101" }), 400, "VALIDATION_FAILED");
  });

  it("PATCH changes the description only, audited with before/after; a name in the body is refused", async () => {
    const res = await api<SystemView>("system", "PATCH", {
      params: { id: shop.id },
      body: { description: "Shop front and back" },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: "shop", description: "Shop front and back" });
    const [audit] = await audits("system.update");
    expect(audit?.details).toEqual({
      before: { description: "The web shop" },
      after: { description: "Shop front and back" },
    });
    await refused(
      () => api("system", "PATCH", { params: { id: shop.id }, body: { name: "store", description: "x" } }),
      400,
      "VALIDATION_FAILED",
    );
    await refused(
      () => api("system", "PATCH", { params: { id: "missing" }, body: { description: "x" } }),
      404,
      "SYSTEM_NOT_FOUND",
    );
    // The same description again writes nothing.
    const before = await tableChecksums(h.prisma);
    await api("system", "PATCH", { params: { id: shop.id }, body: { description: "Shop front and back" } });
    expect(await tableChecksums(h.prisma)).toEqual(before);
  });

  describe("services", () => {
    let redis: ServiceView;

    it("creates services in the system (unique within it) and counts them", async () => {
      const res = await api<ServiceView & { warnings: string[] }>("services", "POST", {
        params: { id: shop.id },
        body: { name: "redis", description: "cache" },
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ name: "redis", system_name: "shop", vm_count: 0, member_count: 0 });
      redis = res.body;
      expect((await audits("service.create"))[0]).toMatchObject({
        resourceId: redis.id,
        resourceName: "shop/redis",
      });
      await api("services", "POST", { params: { id: shop.id }, body: { name: "api" } });
      const taken = await refused(
        () => api("services", "POST", { params: { id: shop.id }, body: { name: "redis" } }),
        409,
        "UNIQUE_VIOLATION",
      );
      expect(taken.params).toEqual({ fields: ["system_id", "name"] });
      await refused(
        () => api("services", "POST", { params: { id: shop.id }, body: { name: "re_dis" } }),
        400,
        "NAME_INVALID",
      );
      await refused(
        () => api("services", "POST", { params: { id: "missing" }, body: { name: "web" } }),
        404,
        "SYSTEM_NOT_FOUND",
      );
      const list = await api<{ items: ServiceView[] }>("services", "GET", { params: { id: shop.id } });
      expect(list.body.items.map((s) => s.name)).toEqual(["api", "redis"]);
      expect((await api<SystemView>("system", "GET", { params: { id: shop.id } })).body.service_count).toBe(
        2,
      );
    });

    it("PATCH changes a service's description only; the name stays", async () => {
      const ids = { id: shop.id, serviceId: redis.id };
      const res = await api<ServiceView>("service", "PATCH", { params: ids, body: { description: null } });
      expect(res.body).toMatchObject({ name: "redis", description: null });
      expect((await audits("service.update"))[0]?.details).toEqual({
        before: { description: "cache" },
        after: { description: null },
      });
      await refused(
        () => api("service", "PATCH", { params: ids, body: { name: "valkey", description: null } }),
        400,
        "VALIDATION_FAILED",
      );
    });

    it("a system with services cannot be deleted: 409 SYSTEM_HAS_SERVICES, nothing deleted", async () => {
      const body = await refused(
        () => api("system", "DELETE", { params: { id: shop.id } }),
        409,
        "SYSTEM_HAS_SERVICES",
      );
      expect(body.params).toEqual({ system: "shop", service_count: 2 });
    });

    it("a service with VMs or pending adoptions cannot be deleted: 409 SERVICE_IN_USE with the counts", async () => {
      const ids = { id: shop.id, serviceId: redis.id };
      const vm = await h.prisma.vm.create({
        data: { name: "dev-shop-redis-01", namespace: "dev", serviceId: redis.id, status: "RUNNING" },
      });
      const cluster = await h.prisma.cluster.create({
        data: { name: "c1", encryptedKubeconfig: Buffer.from("x"), encryptionKeyId: "k" },
      });
      await h.prisma.pendingAdoption.create({
        data: {
          clusterId: cluster.id,
          namespace: "dev",
          resourceName: "dev-shop-redis-02",
          system: "shop",
          service: "redis",
          k8sUid: "uid-2",
        },
      });
      let body = await refused(() => api("service", "DELETE", { params: ids }), 409, "SERVICE_IN_USE");
      expect(body.params).toEqual({ service: "redis", vm_count: 1, pending_adoption_count: 1 });

      // The detail lists the governed VM and the members.
      await h.prisma.serviceMembership.create({ data: { userId, serviceId: redis.id } });
      const detail = await api<ServiceDetailView>("service", "GET", { params: ids });
      expect(detail.body.vms).toEqual([
        { id: vm.id, name: "dev-shop-redis-01", namespace: "dev", status: "RUNNING", cluster_id: null },
      ]);
      expect(detail.body.members.map((m) => m.username)).toEqual(["sys_user"]);

      await h.prisma.vm.delete({ where: { id: vm.id } });
      body = await refused(() => api("service", "DELETE", { params: ids }), 409, "SERVICE_IN_USE");
      expect(body.params).toEqual({ service: "redis", vm_count: 0, pending_adoption_count: 1 });

      await h.prisma.pendingAdoption.updateMany({ data: { status: "IGNORED" } });
      const res = await api("service", "DELETE", { params: ids });
      expect(res.status).toBe(204);
      expect(await h.prisma.service.findUnique({ where: { id: redis.id } })).toBeNull();
      expect(await h.prisma.serviceMembership.count({ where: { serviceId: redis.id } })).toBe(0);
      expect((await audits("service.delete"))[0]).toMatchObject({
        resourceId: redis.id,
        resourceName: "shop/redis",
        details: { system_id: shop.id, removed_memberships: 1 },
      });
      await refused(() => api("service", "DELETE", { params: ids }), 404, "SERVICE_NOT_FOUND");
    });

    it("deletes a system once its services are gone", async () => {
      const list = await api<{ items: ServiceView[] }>("services", "GET", { params: { id: shop.id } });
      for (const s of list.body.items)
        expect((await api("service", "DELETE", { params: { id: shop.id, serviceId: s.id } })).status).toBe(
          204,
        );
      expect((await api("system", "DELETE", { params: { id: shop.id } })).status).toBe(204);
      expect((await audits("system.delete"))[0]).toMatchObject({ resourceId: shop.id, resourceName: "shop" });
      await refused(() => api("system", "GET", { params: { id: shop.id } }), 404, "SYSTEM_NOT_FOUND");
    });
  });
});

describe("users and self-service systems", () => {
  it("a user cannot create while the setting is off (403 SELF_SERVICE_DISABLED), nor edit or delete", async () => {
    await refused(
      () => api("systems", "POST", { as: "user", body: { name: "mine" } }),
      403,
      "SELF_SERVICE_DISABLED",
    );
    const alpha = await h.prisma.system.findUniqueOrThrow({ where: { name: "alpha" } });
    await refused(
      () => api("services", "POST", { as: "user", params: { id: alpha.id }, body: { name: "web" } }),
      403,
      "SELF_SERVICE_DISABLED",
    );
    await refused(
      () => api("system", "PATCH", { as: "user", params: { id: alpha.id }, body: { description: "x" } }),
      403,
      "FORBIDDEN",
    );
    await refused(() => api("system", "DELETE", { as: "user", params: { id: alpha.id } }), 403, "FORBIDDEN");
    await refused(() => api("setting", "PUT", { as: "user", body: { enabled: true } }), 403, "FORBIDDEN");
  });

  it("an admin turns it on (audited config.update, once)", async () => {
    expect((await api<SelfServiceSettingView>("setting", "GET")).body.enabled).toBe(false);
    const res = await api<SelfServiceSettingView>("setting", "PUT", { body: { enabled: true } });
    expect(res.body).toMatchObject({ enabled: true, updated_by: "sys_admin" });
    const before = await tableChecksums(h.prisma);
    await api("setting", "PUT", { body: { enabled: true } });
    expect(await tableChecksums(h.prisma)).toEqual(before);
    const updates = await audits("config.update");
    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatchObject({
      resourceType: "setting",
      resourceId: "self-service-systems",
      details: { before: { enabled: false }, after: { enabled: true } },
    });
  });

  it("then a user creates a system and a service in it, becoming the service's member", async () => {
    const system = await api<SystemView>("systems", "POST", { as: "user", body: { name: "mine" } });
    expect(system.status).toBe(201);
    expect(system.body.created_by).toBe(userId);
    const service = await api<ServiceView>("services", "POST", {
      as: "user",
      params: { id: system.body.id },
      body: { name: "web" },
    });
    expect(service.status).toBe(201);
    expect(service.body.member_count).toBe(1);
    expect(
      await h.prisma.serviceMembership.findUnique({
        where: { userId_serviceId: { userId, serviceId: service.body.id } },
      }),
    ).not.toBeNull();
    expect((await audits("service.create")).at(-1)?.details).toMatchObject({ creator_is_member: true });

    // The user sees their systems only (created, or holding a membership); another user sees none of them.
    const mine = await api<{ items: SystemView[] }>("systems", "GET", { as: "user" });
    expect(mine.body.items.map((s) => s.name)).toEqual(["mine"]);
    const theirs = await api<{ items: SystemView[] }>("systems", "GET", { as: "other" });
    expect(theirs.body.items).toEqual([]);
    await refused(
      () => api("system", "GET", { as: "other", params: { id: system.body.id } }),
      404,
      "SYSTEM_NOT_FOUND",
    );
    await refused(
      () => api("services", "POST", { as: "other", params: { id: system.body.id }, body: { name: "db" } }),
      404,
      "SYSTEM_NOT_FOUND",
    );
    await refused(
      () =>
        api("service", "GET", { as: "other", params: { id: system.body.id, serviceId: service.body.id } }),
      404,
      "SERVICE_NOT_FOUND",
    );
    const detail = await api<ServiceDetailView>("service", "GET", {
      as: "user",
      params: { id: system.body.id, serviceId: service.body.id },
    });
    expect(detail.body.members.map((m) => m.username)).toEqual(["sys_user"]);
  });

  it("turned off again, the user is refused once more", async () => {
    await api("setting", "PUT", { body: { enabled: false } });
    await refused(
      () => api("systems", "POST", { as: "user", body: { name: "more" } }),
      403,
      "SELF_SERVICE_DISABLED",
    );
  });
});
