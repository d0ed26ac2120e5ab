// VM operation jobs end to end: a worker (watchers + job runner) against kubesim over HTTPS and a real
// PostgreSQL. Operations are requested as the web use cases request them (server/testing/vm-operation-harness),
// and every assertion is on what the cluster received (kubesim's state and request log), on the watcher-fed
// cache, and on the recorded outcome (event, ticket, audit, notice).
import { randomBytes } from "node:crypto";
import pg from "pg";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type KubeSim, startKubeSim } from "@/kubesim/simulator";
import { ShepherdLabel } from "@/lib/domain/labels";
import { TASKS_CHANGED_CHANNEL } from "@/lib/vms/task-change-notice";
import { VM_OPERATION_JOB } from "@/lib/vms/vm-operation";
import { parseConfig } from "../config";
import { createPrisma, type PrismaClient } from "../db/prisma";
import { CredentialCipher } from "../k8s/credential-cipher";
import type { KubeClient } from "../k8s/kube-client";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { createGovernedVm, type GovernedVm, requestVmOperation } from "../testing/vm-operation-harness";
import { registerSimCluster, vmBody, waitFor } from "../testing/watch-harness";
import { Worker } from "../worker/worker";
import { enqueueJob } from "./enqueue-job";

const NS = "test";
const cipher = new CredentialCipher({ key: randomBytes(32) });
let db: TestDatabase;
let prisma: PrismaClient;
let workerPrisma: PrismaClient;
let sim: KubeSim;
let client: KubeClient;
let clusterId: string;
let worker: Worker;
let userId: string;
let listener: pg.Client;
const notices: string[] = [];
/** Event ids whose first attempt "crashes" right after the provider call. */
const crashAfterCall = new Set<string>();
/** Every (event, attempt) that reached the point after the provider call. */
const afterCall: { eventId: string; attempt: number }[] = [];

const VMS = `/apis/kubevirt.io/v1/namespaces/${NS}/virtualmachines`;
const SUBRESOURCE = (vm: string, verb: string) =>
  `/apis/subresources.kubevirt.io/v1/namespaces/${NS}/virtualmachines/${vm}/${verb}`;

beforeAll(async () => {
  db = await createTestDatabase();
  prisma = createPrisma(db.url, { maxConnections: 5 });
  sim = await startKubeSim({ profile: "empty", stepDelayMs: 0, https: true });
  ({ id: clusterId, client } = await registerSimCluster(prisma, cipher, sim));
  userId = (
    await prisma.user.create({ data: { name: "Alice", email: "alice@example.com", username: "alice" } })
  ).id;
  listener = new pg.Client({ connectionString: db.url });
  await listener.connect();
  listener.on("notification", (n) => notices.push(n.payload ?? ""));
  await listener.query(`LISTEN ${TASKS_CHANGED_CHANNEL}`);
});

afterAll(async () => {
  await worker?.stop("test");
  await workerPrisma?.$disconnect();
  await listener?.end();
  client?.close();
  await sim?.stop();
  await prisma?.$disconnect();
  await db?.drop();
});

it("enqueueJob adds a job to the queue of a freshly migrated database, inside the caller's transaction", async () => {
  const count = async () =>
    (await prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM graphile_worker.jobs`)[0]?.n;
  expect(await count()).toBe(0);
  await expect(
    prisma.$transaction(async (tx) => {
      await enqueueJob(tx, VM_OPERATION_JOB, { event_id: "rolled-back" });
      throw new Error("roll back");
    }),
  ).rejects.toThrow("roll back");
  expect(await count()).toBe(0);
  await prisma.$transaction((tx) => enqueueJob(tx, VM_OPERATION_JOB, { event_id: "no-such-event" }));
  // The public view leaves the payload out; the library's own table has it.
  const [job] = await prisma.$queryRaw<{ task_identifier: string; payload: unknown }[]>`
    SELECT t.identifier AS task_identifier, j.payload FROM graphile_worker._private_jobs j
    JOIN graphile_worker._private_tasks t ON t.id = j.task_id`;
  expect(job).toEqual({ task_identifier: VM_OPERATION_JOB, payload: { event_id: "no-such-event" } });
});

describe("with a worker running the job queue", () => {
  beforeAll(async () => {
    const { adoption: _noScans, ...config } = parseConfig({
      CLUSTER_OWNERSHIP_POLL_MS: "150",
      WATCH_STATUS_INTERVAL_MS: "200",
      HEALTH_CHECK_INTERVAL_MS: "3600000",
      LOG_LEVEL: "silent",
    });
    workerPrisma = createPrisma(db.url, { maxConnections: 12 });
    worker = new Worker({
      config,
      prisma: workerPrisma,
      log: pino({ level: "silent" }),
      clusterSync: { databaseUrl: db.url, cipher },
      afterProviderCall: ({ eventId, attempt }) => {
        afterCall.push({ eventId, attempt });
        if (attempt === 1 && crashAfterCall.has(eventId))
          throw new Error("simulated crash after the provider call");
      },
    });
    worker.start();
  });

  it("the job left behind by the previous test (unknown event) completes without acting", async () => {
    await waitFor(
      "the queue to drain",
      async () =>
        (await prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM graphile_worker.jobs`)[0]
          ?.n === 0,
      30_000,
    );
  });

  it("runs every verb against the cluster; the cache shows the results", async () => {
    const vm = await runningVm("dev-shop-api-01", "01");
    await prisma.service.update({ where: { id: vm.serviceId }, data: { nextInstanceIndex: 2 } });

    // stop, crashing between the provider call and the outcome on the first attempt: retried, acts once.
    await sim.client.clearRequests();
    const stop = await request(vm, "stop");
    crashAfterCall.add(stop);
    await expectTask(stop, "COMPLETED");
    const attempts = await prisma.$queryRaw<{ attempts: number }[]>`
      SELECT attempts FROM graphile_worker._private_jobs WHERE payload->>'event_id' = ${stop}`;
    expect(attempts).toEqual([]); // done and removed after its second attempt
    expect(afterCall.filter((c) => c.eventId === stop).map((c) => c.attempt)).toEqual([1, 2]);
    expect(await requestsTo(SUBRESOURCE(vm.name, "stop"))).toBe(1);
    await cachedVmStatus(vm.name, "Stopped");
    expect(await audit(stop)).toMatchObject({ action: "vm.stop", outcome: "success", actorName: "alice" });
    expect(notices).toContain(JSON.stringify({ task_id: stop, vm_id: vm.id }));

    await expectTask(await request(vm, "start"), "COMPLETED");
    await cachedVmStatus(vm.name, "Running");
    await expectTask(await request(vm, "pause"), "COMPLETED");
    await cachedVmStatus(vm.name, "Paused");
    await expectTask(await request(vm, "unpause"), "COMPLETED");
    await cachedVmStatus(vm.name, "Running");
    await sim.client.clearRequests();
    await expectTask(await request(vm, "restart"), "COMPLETED");
    expect(await requestsTo(SUBRESOURCE(vm.name, "restart"))).toBe(1);
    await cachedVmStatus(vm.name, "Running");

    const migrate = await request(vm, "migrate");
    await expectTask(migrate, "COMPLETED");
    const migrateAudit = await prisma.auditLog.findFirstOrThrow({ where: { correlationId: migrate } });
    const migration = String((migrateAudit.details as { migration?: string }).migration);
    expect(migration).toMatch(/^kubevirt-migrate-vm-/);
    await expectTask(await request(vm, "cancel-migration", { migration }), "COMPLETED");
    expect(
      (await kube(`/apis/kubevirt.io/v1/namespaces/${NS}/virtualmachineinstancemigrations`)).items,
    ).toEqual([]);

    await expectTask(await request(vm, "snapshot", { snapshot: "snap-a" }), "COMPLETED");
    await waitFor("the snapshot ready in the cache", async () => {
      const row = await prisma.cachedResource.findFirst({
        where: { clusterId, kind: "VirtualMachineSnapshot", name: "snap-a" },
      });
      const ready = (row?.object as { status?: { readyToUse?: boolean } } | undefined)?.status?.readyToUse;
      return row?.status === "Succeeded" && ready === true;
    });

    await expectTask(await request(vm, "force-stop"), "COMPLETED");
    await cachedVmStatus(vm.name, "Stopped");
    const restore = await request(vm, "restore", { snapshot: "snap-a" });
    await expectTask(restore, "COMPLETED");
    const restoreObj = await kube(
      `/apis/snapshot.kubevirt.io/v1beta1/namespaces/${NS}/virtualmachinerestores/restore-${restore}`,
    );
    expect(restoreObj.spec).toMatchObject({
      virtualMachineSnapshotName: "snap-a",
      target: { name: vm.name },
    });

    const clone = await request(vm, "clone", { approved: true });
    await expectTask(clone, "COMPLETED");
    expect(await prisma.approvalTicket.findFirst({ where: { eventId: clone } })).toMatchObject({
      status: "SUCCESS",
    });
    const target = await prisma.vm.findUniqueOrThrow({ where: { originEventId: clone } });
    expect(target).toMatchObject({ name: `${NS}-shop-api-02`, instance: "02", status: "CREATING" });
    expect((await prisma.service.findUniqueOrThrow({ where: { id: vm.serviceId } })).nextInstanceIndex).toBe(
      3,
    );
    const cloned = await waitFor("the cloned VM", () => kube(`${VMS}/${target.name}`).catch(() => undefined));
    expect(cloned.metadata.labels).toMatchObject({
      [ShepherdLabel.instance]: "02",
      [ShepherdLabel.hostname]: target.name,
      [ShepherdLabel.system]: "shop",
      [ShepherdLabel.service]: "api",
      [ShepherdLabel.createdBy]: "alice",
      [ShepherdLabel.managedBy]: "kubevirt-shepherd",
    });

    await expectTask(await request(vm, "delete-snapshot", { snapshot: "snap-a" }), "COMPLETED");
    await expect(
      kube(`/apis/snapshot.kubevirt.io/v1beta1/namespaces/${NS}/virtualmachinesnapshots/snap-a`),
    ).rejects.toBeDefined();

    const del = await request(vm, "delete");
    await expectTask(del, "COMPLETED");
    await expect(kube(`${VMS}/${vm.name}`)).rejects.toBeDefined();
    expect(await prisma.vm.findUnique({ where: { id: vm.id } })).toBeNull();
    expect(await audit(del)).toMatchObject({ action: "vm.delete_executed", outcome: "success" });
  });

  it("a permanent refusal ends FAILED at once with the code, audited as a failure", async () => {
    const vm = await stoppedVm("dev-shop-api-11");
    const pause = await request(vm, "pause");
    const event = await expectTask(pause, "FAILED");
    expect(event.errorCode).toBe("VM_WRONG_STATE");
    expect(event.errorParams).toMatchObject({ action: "pause" });
    expect(await audit(pause)).toMatchObject({
      action: "vm.pause",
      outcome: "failure",
      details: expect.objectContaining({ error_code: "VM_WRONG_STATE" }),
    });
    expect(notices).toContain(JSON.stringify({ task_id: pause, vm_id: vm.id }));
  });

  it("a cancelled task is not executed", async () => {
    const vm = await runningVm("dev-shop-api-12");
    await sim.client.clearRequests();
    const stop = await request(vm, "stop", { status: "CANCELLED" });
    await waitFor("the job to be consumed", async () => {
      const rows = await prisma.$queryRaw<unknown[]>`
        SELECT 1 FROM graphile_worker._private_jobs WHERE payload->>'event_id' = ${stop}`;
      return rows.length === 0;
    });
    expect(await requestsTo(SUBRESOURCE(vm.name, "stop"))).toBe(0);
    expect((await prisma.domainEvent.findUniqueOrThrow({ where: { id: stop } })).status).toBe("CANCELLED");
    expect(await audit(stop)).toBeNull();
  });

  it("a job for a cluster whose cache is rebuilding does not call it, and completes once it is fresh", async () => {
    const vm = await runningVm("dev-shop-api-13");
    await prisma.cacheSyncState.updateMany({ where: { clusterId }, data: { rebuilding: true } });
    await sim.client.clearRequests();
    const stop = await request(vm, "stop");
    await waitFor("a refused attempt", async () => {
      const [job] = await prisma.$queryRaw<{ last_error: string | null }[]>`
        SELECT last_error FROM graphile_worker._private_jobs WHERE payload->>'event_id' = ${stop}`;
      return job?.last_error?.includes("cache rebuilding") ?? false;
    });
    expect(await requestsTo(SUBRESOURCE(vm.name, "stop"))).toBe(0);
    expect((await prisma.domainEvent.findUniqueOrThrow({ where: { id: stop } })).status).toBe("PROCESSING");
    await prisma.cacheSyncState.updateMany({ where: { clusterId }, data: { rebuilding: false } });
    await expectTask(stop, "COMPLETED");
    expect(await requestsTo(SUBRESOURCE(vm.name, "stop"))).toBe(1);
  });
});

// ------------------------------------------------------------------------------------------ helpers

async function runningVm(name: string, instance?: string): Promise<GovernedVm> {
  await client.request({
    method: "POST",
    path: VMS,
    body: vmBody(name, "Always", {
      [ShepherdLabel.system]: "shop",
      [ShepherdLabel.service]: "api",
      [ShepherdLabel.managedBy]: "kubevirt-shepherd",
    }),
  });
  await cachedVmStatus(name, "Running");
  return governed(name, instance);
}

async function stoppedVm(name: string): Promise<GovernedVm> {
  await client.request({ method: "POST", path: VMS, body: vmBody(name, "Halted") });
  await cachedVmStatus(name, "Stopped");
  return governed(name);
}

function governed(name: string, instance?: string): Promise<GovernedVm> {
  return createGovernedVm(prisma, {
    clusterId,
    namespace: NS,
    name,
    system: "shop",
    service: "api",
    ...(instance ? { instance } : {}),
  });
}

function request(
  vm: GovernedVm,
  action: Parameters<typeof requestVmOperation>[2]["action"],
  extra: Omit<Parameters<typeof requestVmOperation>[2], "action" | "requestedBy"> = {},
): Promise<string> {
  return requestVmOperation(prisma, vm, { action, requestedBy: userId, ...extra });
}

async function expectTask(eventId: string, status: "COMPLETED" | "FAILED") {
  const event = await waitFor(
    `task ${eventId} to finish`,
    async () => {
      const e = await prisma.domainEvent.findUniqueOrThrow({ where: { id: eventId } });
      return e.status === "COMPLETED" || e.status === "FAILED" ? e : undefined;
    },
    30_000,
  );
  expect({ status: event.status, code: event.errorCode }).toEqual({
    status,
    code: status === "FAILED" ? expect.any(String) : null,
  });
  return event;
}

function cachedVmStatus(name: string, status: string) {
  return waitFor(
    `VM ${name} ${status} in the cache`,
    async () =>
      (await prisma.cachedResource.findFirst({
        where: { clusterId, kind: "VirtualMachine", namespace: NS, name, status },
      })) ?? undefined,
    30_000,
  );
}

function audit(eventId: string) {
  return prisma.auditLog.findFirst({ where: { correlationId: eventId } });
}

async function requestsTo(path: string): Promise<number> {
  const { requests } = await sim.client.requests();
  return requests.filter((r) => r.path === path && r.method === "PUT").length;
}

// biome-ignore lint/suspicious/noExplicitAny: raw Kubernetes objects read in assertions only
function kube(path: string): Promise<any> {
  return client.request({ method: "GET", path });
}
