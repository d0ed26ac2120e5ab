// The Events watcher and listVmEvents against kubesim over HTTP and a real PostgreSQL: a VM started in kubesim
// shows KubeVirt's start events through listVmEvents, newest first; Events about other objects (pods, CDI) that
// reach the API are never cached.
import { randomBytes } from "node:crypto";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type KubeSim, startKubeSim } from "@/kubesim/simulator";
import type { KubeEvent } from "@/lib/domain/kube-event";
import { parseConfig } from "../config";
import type { ResourceKind } from "../db/generated/prisma/enums";
import { createPrisma, type PrismaClient } from "../db/prisma";
import { CredentialCipher } from "../k8s/credential-cipher";
import type { KubeClient } from "../k8s/kube-client";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { createVM, expectReconciled, registerSimCluster, waitFor } from "../testing/watch-harness";
import { watchBackoff } from "../watch/backoff";
import { createClusterBreaker } from "../watch/circuit-breaker";
import { kubeListWatchSource } from "../watch/kube-list-watch-source";
import { ResourceWatcher } from "../watch/resource-watcher";
import { countsTowardBreaker } from "../watch/watch-failure";
import { collectionPath, WATCHED_RESOURCES } from "../watch/watched-resources";
import { CacheService } from "./cache-service";
import { listVmEvents } from "./cached-vm-events";

const log = pino({ level: "silent" });
const config = parseConfig({
  WATCH_BACKOFF_BASE_MS: "20",
  WATCH_BACKOFF_MAX_MS: "200",
  WATCH_STATUS_INTERVAL_MS: "200",
  WATCH_BATCH_MAX_WAIT_MS: "5",
});
const KINDS: ResourceKind[] = ["VirtualMachine", "Event"];
const ns = "test";

let db: TestDatabase;
let prisma: PrismaClient;
let sim: KubeSim;
let clusterId: string;
let client: KubeClient;
const abort = new AbortController();
let runs: Promise<void>[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  prisma = createPrisma(db.url, { maxConnections: 8 });
  const cache = new CacheService({ prisma, staleAfterMs: 120_000 });
  sim = await startKubeSim({ profile: "empty", stepDelayMs: 0 });
  ({ id: clusterId, client } = await registerSimCluster(
    prisma,
    new CredentialCipher({ key: randomBytes(32) }),
    sim,
  ));
  const breaker = createClusterBreaker({
    threshold: config.watch.breakerThreshold,
    openMs: config.watch.breakerOpenMs,
    counts: countsTowardBreaker,
  });
  const watchers = WATCHED_RESOURCES.filter((r) => KINDS.includes(r.kind)).map(
    ({ kind, api }) =>
      new ResourceWatcher({
        clusterId,
        kind,
        source: kubeListWatchSource({
          clusterId,
          path: collectionPath(api),
          client: async () => client,
          invalidate: () => undefined,
        }),
        sink: cache.sink(clusterId, kind),
        breaker,
        backoff: watchBackoff(config.watch),
        timing: config.watch,
        log,
      }),
  );
  runs = watchers.map((w) => w.run(abort.signal));
  await waitFor("watchers watching", () => watchers.every((w) => w.status().state === "watching"));
});
afterAll(async () => {
  abort.abort();
  await Promise.all(runs);
  client?.close();
  await sim?.stop();
  await prisma?.$disconnect();
  await db?.drop();
});

const vmObjects = (name: string) => [
  { kind: "VirtualMachine", name },
  { kind: "VirtualMachineInstance", name },
];

function postEvent(name: string, involvedObject: Record<string, string>, reason = "Test") {
  return client.request({
    method: "POST",
    path: `/api/v1/namespaces/${ns}/events`,
    body: {
      apiVersion: "v1",
      kind: "Event",
      metadata: { name },
      involvedObject: { namespace: ns, ...involvedObject },
      reason,
      message: `about ${involvedObject.kind} ${involvedObject.name}`,
      type: "Normal",
      source: { component: "test" },
    },
  });
}

const cachedEventNames = async () =>
  (
    await prisma.cachedResource.findMany({
      where: { clusterId, kind: "Event" },
      select: { name: true },
    })
  ).map((r) => r.name);

describe("listVmEvents over the watched Events", () => {
  it("a started VM: the VM's SuccessfulCreate and the VMI's Created/Started, newest first", async () => {
    await createVM(client, "ev-vm", "Always");
    const events = await waitFor("the start events in the cache", async () => {
      const evs = await listVmEvents(prisma, {
        clusterId,
        namespace: ns,
        objects: vmObjects("ev-vm"),
        limit: 50,
      });
      return evs.some((e) => e.reason === "Started") ? evs : undefined;
    });
    const vmCreate = events.find((e) => e.involvedObject.kind === "VirtualMachine");
    expect(vmCreate).toMatchObject({
      type: "Normal",
      reason: "SuccessfulCreate",
      message: "Started the virtual machine by creating the new virtual machine instance ev-vm",
      involvedObject: { kind: "VirtualMachine", name: "ev-vm", namespace: ns },
      count: 1,
    } satisfies Partial<KubeEvent>);
    const vmiReasons = events
      .filter((e) => e.involvedObject.kind === "VirtualMachineInstance")
      .map((e) => e.reason);
    expect(vmiReasons).toEqual(expect.arrayContaining(["SuccessfulCreate", "Created", "Started"]));
    expect(events.find((e) => e.reason === "Started")?.message).toBe("VirtualMachineInstance started.");
    const seen = events.map((e) => e.lastSeen?.getTime() ?? 0);
    expect(seen).toEqual([...seen].sort((a, b) => b - a));
    // limit, and objects the caller did not name are left out.
    expect(
      await listVmEvents(prisma, { clusterId, namespace: ns, objects: vmObjects("ev-vm"), limit: 1 }),
    ).toHaveLength(1);
    expect(
      await listVmEvents(prisma, {
        clusterId,
        namespace: ns,
        objects: [{ kind: "VirtualMachineInstance", name: "ev-vm" }],
        limit: 50,
      }),
    ).toEqual(events.filter((e) => e.involvedObject.kind === "VirtualMachineInstance"));
    expect(
      await listVmEvents(prisma, { clusterId, namespace: "dev", objects: vmObjects("ev-vm"), limit: 50 }),
    ).toEqual([]);
    expect(await listVmEvents(prisma, { clusterId, namespace: ns, objects: [], limit: 50 })).toEqual([]);
  });

  it("Events about pods or other API groups are not cached; the cache equals the KubeVirt Events of the cluster", async () => {
    await postEvent("pod-ev", { apiVersion: "v1", kind: "Pod", name: "virt-launcher-ev-vm-abcde" });
    await postEvent("dv-ev", { apiVersion: "cdi.kubevirt.io/v1beta1", kind: "DataVolume", name: "ev-vm" });
    // Same name as the VM, but a kind the caller did not ask for: cached, yet not returned for the VM.
    await postEvent("vmim-ev", {
      apiVersion: "kubevirt.io/v1",
      kind: "VirtualMachineInstanceMigration",
      name: "ev-vm",
    });
    // Written last: once it is cached, the watcher has seen the two before it.
    await postEvent(
      "marker-ev",
      { apiVersion: "kubevirt.io/v1", kind: "VirtualMachine", name: "ev-vm" },
      "Marker",
    );
    await waitFor("the marker cached", async () => (await cachedEventNames()).includes("marker-ev"));
    const names = await cachedEventNames();
    expect(names).toContain("vmim-ev");
    expect(names).not.toContain("pod-ev");
    expect(names).not.toContain("dv-ev");
    // The controller's own pod-level events exist in the cluster too and are dropped the same way.
    await expectReconciled(prisma, clusterId, client, KINDS);
    const evs = await listVmEvents(prisma, {
      clusterId,
      namespace: ns,
      objects: vmObjects("ev-vm"),
      limit: 50,
    });
    expect(evs.map((e) => e.reason)).toContain("Marker");
    expect(evs.some((e) => e.involvedObject.kind === "VirtualMachineInstanceMigration")).toBe(false);
    // Columns: status = type, vm_name = involved object's name.
    const row = await prisma.cachedResource.findFirst({
      where: { clusterId, kind: "Event", name: "marker-ev" },
    });
    expect(row).toMatchObject({ namespace: ns, status: "Normal", vmName: "ev-vm" });
  });
});
