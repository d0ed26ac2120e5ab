// Live change notices on a real PostgreSQL: one LISTEN session fans a NOTIFY out to SSE streams, each
// filtered to what its user may see; the hub re-LISTENs after its session is killed and tells subscribers to
// resync; a client that goes away is unsubscribed.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ShepherdLabel } from "@/lib/domain/labels";
import { TASKS_CHANGED_CHANNEL } from "@/lib/vms/task-change-notice";
import { ADOPTIONS_CHANGED_CHANNEL } from "../adoption/adoption-change-notice";
import { CacheService } from "../cache/cache-service";
import { CACHE_CHANGES_CHANNEL } from "../cache/change-notifier";
import { CLUSTER_CHANGES_CHANNEL } from "../clusters/notify-cluster-changed";
import { createPrisma, type PrismaClient } from "../db/prisma";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { openCacheEventStream } from "./cache-event-stream";
import { CacheEventsHub, EVENTS_APPLICATION_NAME } from "./cache-events-hub";
import { createNoticeFilter } from "./notice-filter";

let db: TestDatabase;
let prisma: PrismaClient;
let cache: CacheService;
let hub: CacheEventsHub;
let admin: pg.Client;
const cluster = randomUUID();
/** Scopes by governance rows (server/vms/vm-scope.ts): members of shop/api, of crm/api, of nothing. */
const scopes = {
  shop: { kind: "member", userId: "u-shop" },
  crm: { kind: "member", userId: "u-crm" },
  nobody: { kind: "member", userId: "u-nobody" },
  all: { kind: "all", userId: "u-admin" },
} as const;
const serviceIds: Record<"shop" | "crm", string> = { shop: "", crm: "" };

function vm(name: string, namespace: string, system: string, service: string) {
  return {
    apiVersion: "kubevirt.io/v1",
    kind: "VirtualMachine",
    metadata: {
      name,
      namespace,
      uid: `uid-${name}`,
      resourceVersion: "1",
      labels: { [ShepherdLabel.system]: system, [ShepherdLabel.service]: service },
    },
    spec: {},
    status: { printableStatus: "Stopped" },
  };
}

interface SseEvent {
  event: string;
  data: unknown;
}

/** Reads an SSE response into events as they arrive. */
function reader(response: Response) {
  const events: SseEvent[] = [];
  let comments = 0;
  const body = response.body;
  if (!body) throw new Error("no body");
  const stream = body.pipeThrough(new TextDecoderStream()).getReader();
  void (async () => {
    let buffer = "";
    for (;;) {
      const { value, done } = await stream.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      buffer += value;
      let end = buffer.indexOf("\n\n");
      while (end !== -1) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (block.startsWith(":")) comments++;
        const name = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (name) events.push({ event: name, data: data === undefined ? undefined : JSON.parse(data) });
        end = buffer.indexOf("\n\n");
      }
    }
  })();
  return {
    events,
    comments: () => comments,
    cache: () => events.filter((e) => e.event === "cache").map((e) => e.data),
    cluster: () => events.filter((e) => e.event === "cluster").map((e) => e.data),
    adoption: () => events.filter((e) => e.event === "adoption").map((e) => e.data),
    task: () => events.filter((e) => e.event === "task").map((e) => e.data),
  };
}

async function until(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function notify(namespaces: string[] | null, kinds = ["VirtualMachine"]): Promise<void> {
  await admin.query("SELECT pg_notify($1, $2)", [
    CACHE_CHANGES_CHANNEL,
    JSON.stringify({ cluster, kinds, namespaces }),
  ]);
}

async function open(
  scope: Parameters<typeof createNoticeFilter>[1],
  opts: {
    heartbeatMs?: number;
    adoptionNotices?: boolean;
    clusterNotices?: boolean;
    taskVisible?: (notice: { task_id: string; vm_id: string }) => Promise<boolean>;
  } = {},
) {
  const abort = new AbortController();
  const response = openCacheEventStream({
    hub,
    filter: await createNoticeFilter(cache, scope),
    adoptionNotices: opts.adoptionNotices ?? false,
    clusterNotices: opts.clusterNotices ?? false,
    ...(opts.taskVisible ? { taskVisible: opts.taskVisible } : {}),
    signal: abort.signal,
    heartbeatMs: opts.heartbeatMs,
  });
  const r = reader(response);
  await until(() => r.events.some((e) => e.event === "ready"));
  return { ...r, response, abort };
}

beforeAll(async () => {
  db = await createTestDatabase();
  prisma = createPrisma(db.url, { maxConnections: 2 });
  cache = new CacheService({ prisma, staleAfterMs: 120_000 });
  await prisma.cluster.create({
    data: { id: cluster, name: "c", encryptedKubeconfig: Buffer.from("x"), encryptionKeyId: "k" },
  });
  await cache
    .sink(cluster, "VirtualMachine")
    .replace([vm("shop-1", "prod", "shop", "api"), vm("crm-1", "crm", "crm", "api")], "1");
  for (const system of ["shop", "crm"] as const) {
    const s = await prisma.system.create({ data: { name: system } });
    const service = await prisma.service.create({ data: { name: "api", systemId: s.id } });
    serviceIds[system] = service.id;
    await prisma.user.create({
      data: {
        id: `u-${system}`,
        name: system,
        email: `${system}@example.test`,
        memberships: { create: { serviceId: service.id } },
      },
    });
  }
  await prisma.user.create({ data: { id: "u-nobody", name: "nobody", email: "nobody@example.test" } });
  await prisma.vm.createMany({
    data: [
      { name: "shop-1", namespace: "prod", clusterId: cluster, serviceId: serviceIds.shop },
      { name: "crm-1", namespace: "crm", clusterId: cluster, serviceId: serviceIds.crm },
    ],
  });
  admin = new pg.Client({ connectionString: db.url });
  await admin.connect();
  hub = new CacheEventsHub({ databaseUrl: db.url, minBackoffMs: 50, maxBackoffMs: 200 });
});
afterAll(async () => {
  await hub?.close();
  await admin?.end();
  await prisma?.$disconnect();
  await db?.drop();
});

describe("CacheEventsHub + SSE", () => {
  it("delivers a NOTIFY to a permitted subscriber, cut to its namespaces, and not to a forbidden one", async () => {
    const shop = await open(scopes.shop);
    const crm = await open(scopes.crm);
    const nobody = await open(scopes.nobody);
    const all = await open(scopes.all);
    await hub.listening();
    expect(hub.subscriberCount).toBe(4);

    await notify(["prod", "staging"]);
    await notify(["crm"]);
    await until(() => all.cache().length === 2 && crm.cache().length === 1);
    expect(all.cache()).toEqual([
      { cluster, kinds: ["VirtualMachine"], namespaces: ["prod", "staging"] },
      { cluster, kinds: ["VirtualMachine"], namespaces: ["crm"] },
    ]);
    // Notices are delivered in order, so crm's first notice being the second one proves it missed the first.
    expect(crm.cache()).toEqual([{ cluster, kinds: ["VirtualMachine"], namespaces: ["crm"] }]);
    expect(shop.cache()).toEqual([{ cluster, kinds: ["VirtualMachine"], namespaces: ["prod"] }]);
    expect(nobody.cache()).toEqual([]);
    for (const s of [shop, crm, nobody, all]) s.abort.abort();
  });

  it("learns a namespace where the user's service gets its first VM", async () => {
    const shop = await open(scopes.shop);
    await cache
      .sink(cluster, "VirtualMachine")
      .applyBatch(
        [{ type: "ADDED", object: vm("shop-2", "newns", "shop", "api"), resourceVersion: "2" }],
        "2",
      );
    await prisma.vm.create({
      data: { name: "shop-2", namespace: "newns", clusterId: cluster, serviceId: serviceIds.shop },
    });
    await notify(["newns"]);
    await until(() => shop.cache().length === 1);
    expect(shop.cache()).toEqual([{ cluster, kinds: ["VirtualMachine"], namespaces: ["newns"] }]);
    shop.abort.abort();
  });

  it("delivers cluster notices only to streams opened for admins, and drops malformed ones", async () => {
    // An admin without services still gets them: they are about clusters, not VMs.
    const admin_ = await open(scopes.nobody, { clusterNotices: true });
    const user = await open(scopes.all);
    await hub.listening();
    await admin.query("SELECT pg_notify($1, $2)", [
      CLUSTER_CHANGES_CHANNEL,
      '{"cluster_id":"c9","change":"bogus"}',
    ]);
    await admin.query("SELECT pg_notify($1, $2)", [
      CLUSTER_CHANGES_CHANNEL,
      JSON.stringify({ cluster_id: cluster, change: "checked" }),
    ]);
    // A cache notice sent afterwards: once the user has it, a cluster notice would have arrived before it.
    await notify(["prod"]);
    await until(() => admin_.cluster().length === 1 && user.cache().length === 1);
    expect(admin_.cluster()).toEqual([{ cluster_id: cluster, change: "checked" }]);
    expect(admin_.cache()).toEqual([]);
    expect(user.cluster()).toEqual([]);
    for (const s of [admin_, user]) s.abort.abort();
  });

  it("relays adoption notices only to streams opened for admins, and drops malformed ones", async () => {
    const admin_ = await open(scopes.all, { adoptionNotices: true, clusterNotices: true });
    const approver = await open(scopes.all);
    await hub.listening();
    await admin.query("SELECT pg_notify($1, $2)", [ADOPTIONS_CHANGED_CHANNEL, '{"cluster_id":""}']);
    await admin.query("SELECT pg_notify($1, $2)", [
      ADOPTIONS_CHANGED_CHANNEL,
      JSON.stringify({ cluster_id: cluster }),
    ]);
    // A cache notice sent afterwards: once it has arrived, an adoption notice would have arrived before it.
    await notify(["prod"]);
    await until(() => admin_.cache().length === 1 && approver.cache().length === 1);
    expect(admin_.adoption()).toEqual([{ cluster_id: cluster }]);
    expect(approver.adoption()).toEqual([]);
    for (const s of [admin_, approver]) s.abort.abort();
  });

  it("relays task notices to the streams whose caller may see the VM, in order, and drops malformed ones", async () => {
    const mine = await open(scopes.all, { taskVisible: async (n) => n.vm_id === "vm-mine" });
    const none = await open(scopes.all);
    await hub.listening();
    const task = (task_id: string, vm_id: string) =>
      admin.query("SELECT pg_notify($1, $2)", [TASKS_CHANGED_CHANNEL, JSON.stringify({ task_id, vm_id })]);
    await admin.query("SELECT pg_notify($1, $2)", [TASKS_CHANGED_CHANNEL, '{"task_id":"t0"}']);
    await task("t1", "vm-mine");
    await task("t2", "vm-other");
    await task("t3", "vm-mine");
    await notify(["prod"]);
    await until(() => mine.cache().length === 1 && none.cache().length === 1);
    expect(mine.task()).toEqual([
      { task_id: "t1", vm_id: "vm-mine" },
      { task_id: "t3", vm_id: "vm-mine" },
    ]);
    expect(none.task()).toEqual([]);
    for (const s of [mine, none]) s.abort.abort();
  });

  it("unsubscribes when the client disconnects", async () => {
    const before = hub.subscriberCount;
    const s = await open(scopes.all);
    expect(hub.subscriberCount).toBe(before + 1);
    s.abort.abort();
    expect(hub.subscriberCount).toBe(before);
  });

  it("sends heartbeat comments", async () => {
    const s = await open(scopes.all, { heartbeatMs: 30 });
    await until(() => s.comments() >= 2);
    s.abort.abort();
  });

  it("re-LISTENs after its session is killed, tells subscribers to resync, then delivers again", async () => {
    const s = await open(scopes.all);
    await hub.listening();
    const { rows } = await admin.query<{ pid: number }>(
      "SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()",
      [EVENTS_APPLICATION_NAME],
    );
    expect(rows).toHaveLength(1);
    await admin.query("SELECT pg_terminate_backend($1)", [rows[0]?.pid]);
    await until(() => s.events.some((e) => e.event === "resync"));
    expect(hub.state).toBe("listening");
    await notify(["prod"]);
    await until(() => s.cache().length === 1);
    s.abort.abort();
  });
});
