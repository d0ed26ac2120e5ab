// A health round on the real database against kubesim: results persisted on the cluster rows, a version
// change audited once as cluster.version_drift (health polling itself never audited), status changes
// reported, a slow cluster timed out without delaying the others, the last capabilities kept while a cluster
// is unreachable, and stored capabilities feeding compatibility and the provider's gating.
import { randomBytes, randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { BUILTIN_PROFILES } from "@/kubesim/profile";
import { type KubeSim, startKubeSim } from "@/kubesim/simulator";
import { parseClusterChangeNotice } from "@/lib/clusters/cluster-change-notice";
import { parseStatusReason } from "@/lib/domain/cluster-health";
import { createPrisma, type PrismaClient } from "../db/prisma";
import { ClusterConnections } from "../k8s/cluster-connections";
import { CredentialCipher } from "../k8s/credential-cipher";
import { CredentialStore } from "../k8s/credential-store";
import { validateKubeconfig } from "../k8s/kubeconfig";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { checkAllClusters } from "./check-all-clusters";
import { storedProviderCapabilities } from "./cluster-capability-row";
import { compatibilityClusterOf, filterCompatibleClusters } from "./cluster-compatibility";
import { CLUSTER_CHANGES_CHANNEL } from "./notify-cluster-changed";
import { persistCheckResult } from "./persist-check-result";

let db: TestDatabase;
let prisma: PrismaClient;
let connections: ClusterConnections;
let store: CredentialStore;
let healthy: KubeSim;
let slow: KubeSim;
const cipher = new CredentialCipher({ key: randomBytes(32) });

beforeAll(async () => {
  db = await createTestDatabase();
  prisma = createPrisma(db.url, { maxConnections: 4 });
  store = new CredentialStore({ prisma, cipher });
  connections = new ClusterConnections({ prisma, cipher });
  [healthy, slow] = await Promise.all([
    startKubeSim({
      name: "east",
      profile: {
        ...BUILTIN_PROFILES["v1.7"],
        vms: { count: 0 },
        nodes: [{ name: "n1", gpus: 2, hugepages2Mi: "2Gi" }],
      },
      stepDelayMs: 0,
      https: true,
    }),
    startKubeSim({ name: "slow", profile: "legacy", stepDelayMs: 0 }),
  ]);
});

afterAll(async () => {
  connections?.close();
  await Promise.all([healthy?.stop(), slow?.stop()]);
  await prisma?.$disconnect();
  await db?.drop();
});

async function register(name: string, yaml: string, extra: { enabled?: boolean } = {}): Promise<string> {
  const id = randomUUID();
  const kubeconfig = validateKubeconfig(yaml);
  await prisma.cluster.create({
    data: {
      id,
      name,
      environment: "prod",
      apiServerUrl: kubeconfig.summary.server,
      ...store.seal(id, kubeconfig),
      ...extra,
    },
  });
  return id;
}

describe("checkAllClusters", () => {
  let eastId: string;
  let slowId: string;
  let offId: string;

  beforeAll(async () => {
    eastId = await register("east", healthy.kubeconfigYaml);
    slowId = await register("slow", slow.kubeconfigYaml);
    offId = await register("off", healthy.kubeconfigYaml, { enabled: false });
  });

  it("checks every enabled cluster concurrently; a slow one times out without delaying the others", async () => {
    await slow.client.setLatency(3_000);
    const started = Date.now();
    const outcomes = await checkAllClusters({ prisma, connections }, { timeoutMs: 800 });
    const elapsed = Date.now() - started;
    await slow.client.setLatency(0);

    expect(outcomes.map((o) => o.name)).toEqual(["east", "slow"]);
    const east = outcomes.find((o) => o.clusterId === eastId);
    const late = outcomes.find((o) => o.clusterId === slowId);
    expect(east?.result).toMatchObject({ status: "HEALTHY", version: "v1.7.0" });
    expect(east?.result.durationMs).toBeLessThan(800);
    expect(late?.result).toMatchObject({ status: "UNREACHABLE", reason: { code: "API_TIMEOUT" } });
    expect(elapsed).toBeLessThan(2_500);
    expect(east?.persisted).toMatchObject({
      persisted: true,
      statusChanged: true,
      versionChanged: false,
      previousStatus: "UNKNOWN",
    });

    const row = await prisma.cluster.findUniqueOrThrow({ where: { id: eastId } });
    expect(row).toMatchObject({
      status: "HEALTHY",
      statusReason: null,
      kubevirtVersion: "v1.7.0",
      storageClasses: ["ceph-rbd", "standard"],
      defaultStorageClass: "standard",
      hardwareCapabilities: {
        gpu: true,
        "gpu:nvidia.com/gpu": true,
        hugepages: true,
        "hugepages:2mi": true,
        sriov: false,
      },
    });
    expect(row.enabledFeatures).toEqual(
      expect.arrayContaining(["Snapshot", "HotplugVolumes", "LiveMigration", "GPU"]),
    );
    expect(row.lastCheckedAt).not.toBeNull();
    expect(row.capabilitiesDetectedAt).not.toBeNull();
    expect(row.storageClassesUpdatedAt).not.toBeNull();
    expect(row.detectedCapabilities).toMatchObject({
      kubevirt_version: "v1.7.0",
      gpu_devices: [{ resourceName: "nvidia.com/gpu", total: 2, nodes: ["n1"] }],
      hugepages: ["2Mi"],
      storage_classes: ["ceph-rbd", "standard"],
      verified_by_dry_run: {},
    });
    const slowRow = await prisma.cluster.findUniqueOrThrow({ where: { id: slowId } });
    expect(slowRow.status).toBe("UNREACHABLE");
    expect(parseStatusReason(slowRow.statusReason ?? "")).toMatchObject({ code: "API_TIMEOUT" });
    // Disabled clusters are not checked; health polling is not audited.
    expect((await prisma.cluster.findUniqueOrThrow({ where: { id: offId } })).status).toBe("UNKNOWN");
    expect(await prisma.auditLog.count()).toBe(0);
  });

  it("audits a version change once, as cluster.version_drift, and reports it", async () => {
    await healthy.client.setKubeVirt({ version: "v1.9.1" });
    const [first] = await checkAllClusters({ prisma, connections }, { clusterIds: [eastId] });
    expect(first?.persisted).toMatchObject({
      versionChanged: true,
      statusChanged: false,
      previousVersion: "v1.7.0",
    });
    const again = await checkAllClusters({ prisma, connections }, { clusterIds: [eastId] });
    expect(again[0]?.persisted).toMatchObject({ versionChanged: false });

    const audits = await prisma.auditLog.findMany();
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      action: "cluster.version_drift",
      actorId: "system:health-checker",
      resourceType: "cluster",
      resourceId: eastId,
      resourceName: "east",
      environment: "prod",
      details: { from: "v1.7.0", to: "v1.9.1" },
    });
    const row = await prisma.cluster.findUniqueOrThrow({ where: { id: eastId } });
    expect(row.kubevirtVersion).toBe("v1.9.1");
    expect(row.enabledFeatures).toEqual(expect.arrayContaining(["VMExport", "ImageVolume"]));
  });

  it("keeps the last version and capabilities while a cluster is unreachable, and reports status changes", async () => {
    await healthy.client.refuseConnections(1_500);
    const [down] = await checkAllClusters(
      { prisma, connections },
      { clusterIds: [eastId], timeoutMs: 1_000 },
    );
    expect(down?.result.status).toBe("UNREACHABLE");
    expect(down?.persisted).toMatchObject({ statusChanged: true, previousStatus: "HEALTHY" });
    const row = await prisma.cluster.findUniqueOrThrow({ where: { id: eastId } });
    expect(row).toMatchObject({ status: "UNREACHABLE", kubevirtVersion: "v1.9.1" });
    expect(row.enabledFeatures).toContain("Snapshot");
    expect(row.statusReason).toMatch(/^API_UNREACHABLE: /);
    await new Promise((r) => setTimeout(r, 1_700));
    const [up] = await checkAllClusters({ prisma, connections }, { clusterIds: [eastId] });
    expect(up?.persisted).toMatchObject({ statusChanged: true, previousStatus: "UNREACHABLE" });
  });

  it("never lets an older result overwrite a newer one", async () => {
    const [latest] = await checkAllClusters({ prisma, connections }, { clusterIds: [eastId] });
    const stale = {
      ...(latest?.result ?? { warnings: [], durationMs: 0 }),
      status: "UNREACHABLE" as const,
      checkedAt: new Date(0),
    };
    expect(await persistCheckResult(prisma, eastId, stale)).toMatchObject({ persisted: false });
    expect((await prisma.cluster.findUniqueOrThrow({ where: { id: eastId } })).status).toBe("HEALTHY");
    expect(await persistCheckResult(prisma, randomUUID(), stale)).toMatchObject({ persisted: false });
  });

  it("stored capabilities answer compatibility and the provider's capability lookup", async () => {
    await checkAllClusters({ prisma, connections }, { clusterIds: [slowId] });
    const rows = await prisma.cluster.findMany({ orderBy: { name: "asc" } });
    const result = filterCompatibleClusters(rows.map(compatibilityClusterOf), ["gpu", "Snapshot"], {
      environment: "prod",
    });
    expect(result.compatible.map((c) => c.name)).toEqual(["east"]);
    expect(
      Object.fromEntries(result.incompatible.map((i) => [i.cluster.name, i.reasons.map((r) => r.code)])),
    ).toEqual({
      off: ["DISABLED", "UNHEALTHY", "MISSING_CAPABILITIES"],
      slow: ["MISSING_CAPABILITIES"],
    });

    const capabilitiesOf = storedProviderCapabilities(prisma);
    expect((await capabilitiesOf(eastId))?.enabledFeatures).toContain("Snapshot");
    expect((await capabilitiesOf(slowId))?.enabledFeatures).not.toContain("Snapshot");
    expect(await capabilitiesOf(offId)).toBeUndefined(); // never detected
    // Declared capabilities never reach the provider's gating, even a gate name stored by an older version.
    await prisma.cluster.update({
      where: { id: slowId },
      data: { adminDeclaredCapabilities: { capabilities: ["Snapshot", "sriov"], note: null } },
    });
    expect((await capabilitiesOf(slowId))?.enabledFeatures).not.toContain("Snapshot");
    expect((await capabilitiesOf(slowId))?.enabledFeatures).not.toContain("sriov");
  });

  it("records every persisted check in the history (trigger schedule) and announces it", async () => {
    const listener = new pg.Client({ connectionString: db.url });
    await listener.connect();
    const notices: unknown[] = [];
    listener.on("notification", (n) => notices.push(parseClusterChangeNotice(n.payload)));
    await listener.query(`LISTEN ${CLUSTER_CHANGES_CHANNEL}`);
    try {
      const before = await prisma.clusterHealthCheck.count({ where: { clusterId: eastId } });
      const [outcome] = await checkAllClusters({ prisma, connections }, { clusterIds: [eastId] });
      const [latest] = await prisma.clusterHealthCheck.findMany({
        where: { clusterId: eastId },
        orderBy: { checkedAt: "desc" },
        take: 1,
      });
      expect(await prisma.clusterHealthCheck.count({ where: { clusterId: eastId } })).toBe(before + 1);
      expect(latest).toMatchObject({
        status: "HEALTHY",
        trigger: "schedule",
        kubevirtVersion: outcome?.result.version,
        checkedAt: outcome?.result.checkedAt,
      });
      await vi.waitFor(() => expect(notices).toContainEqual({ cluster_id: eastId, change: "checked" }));
    } finally {
      await listener.end();
    }
  });
});
