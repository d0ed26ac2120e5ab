// The health checker and capability detector against kubesim profiles (issue 7 "Done when"): each cluster
// gives the right status, features and hardware, and the right compatibility answers for a set of instance
// sizes; run-time changes of version, gates, nodes and reachability are picked up by the next check.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUILTIN_PROFILES, type ProfileInput } from "@/kubesim/profile";
import { type KubeSim, startKubeSim } from "@/kubesim/simulator";
import { clusterCapabilitySet, hardwareCapabilities } from "@/lib/capabilities/cluster-capability-set";
import { type InstanceSizeRequirementSource, requirementsOf } from "@/lib/capabilities/requirements";
import type { HealthCheckResult } from "@/lib/domain/cluster-health";
import { KubeClient } from "../k8s/kube-client";
import { validateKubeconfig } from "../k8s/kubeconfig";
import { type CompatibilityCluster, filterCompatibleClusters } from "./cluster-compatibility";
import { checkClusterHealth } from "./health-checker";

const STORAGE = [
  { name: "standard", provisioner: "rancher.io/local-path", default: true },
  { name: "ceph-rbd", provisioner: "rbd.csi.ceph.com" },
];

const PROFILES: Record<string, ProfileInput> = {
  "v1.7-gpu": {
    ...BUILTIN_PROFILES["v1.7"],
    name: "v1.7-gpu",
    nodes: [
      { name: "node-a" },
      { name: "node-b", gpus: 2 },
      { name: "node-c", gpus: 1, gpuResource: "nvidia.com/GA102GL_A10", hugepages1Gi: "16Gi" },
      { name: "node-d", gpus: 8, schedulable: false },
    ],
    storageClasses: STORAGE,
    sriovNetworks: [{ namespace: "default", name: "sriov-a", resourceName: "intel.com/sriov_netdevice" }],
    vms: { count: 0 },
  },
  "v1.4-legacy": { ...BUILTIN_PROFILES.legacy, vms: { count: 0 } },
  "v1.9-disabled": {
    name: "v1.9-disabled",
    kubevirtVersion: "v1.9.1",
    featureGates: ["ObjectGraph"],
    disabledFeatureGates: ["Snapshot"],
    nodes: [{ name: "node-1", hugepages2Mi: "4Gi" }],
    storageClasses: STORAGE,
  },
  "no-kubevirt": BUILTIN_PROFILES["no-kubevirt"] ?? {},
  degraded: { ...BUILTIN_PROFILES.degraded, vms: { count: 0 } },
};

/** Instance sizes and their requirements (SPEC §5.5 columns). */
const SIZES: Record<string, InstanceSizeRequirementSource> = {
  small: {},
  gpu: { requiresGpu: true },
  a10: { gpuDevices: [{ name: "gpu1", deviceName: "nvidia.com/GA102GL_A10" }] },
  "hugepages-1gi": { requiresHugepages: true, hugepagesSize: "1Gi" },
  sriov: { requiresSriov: true },
  snapshottable: { requiredFeatures: ["Snapshot"] },
};

const sims: Record<string, KubeSim> = {};
const clients: KubeClient[] = [];

function clientFor(kubeconfigYaml: string): KubeClient {
  const client = new KubeClient(validateKubeconfig(kubeconfigYaml));
  clients.push(client);
  return client;
}

const check = (yaml: string) => checkClusterHealth(clientFor(yaml), { timeoutMs: 5_000 });

/** Which sizes each checked cluster is offered for (all clusters in one environment). */
function offers(results: Record<string, HealthCheckResult>): Record<string, string[]> {
  const clusters: CompatibilityCluster[] = Object.entries(results).map(([name, r]) => ({
    id: name,
    name,
    environment: "prod",
    status: r.status,
    enabled: true,
    capabilities: r.capabilities
      ? clusterCapabilitySet({
          enabledFeatures: r.capabilities.enabledFeatures,
          hardware: hardwareCapabilities(r.capabilities),
        })
      : new Set(),
  }));
  return Object.fromEntries(
    Object.entries(SIZES).map(([size, source]) => [
      size,
      filterCompatibleClusters(clusters, requirementsOf(source), { environment: "prod" }).compatible.map(
        (c) => c.name,
      ),
    ]),
  );
}

beforeAll(async () => {
  await Promise.all(
    Object.entries(PROFILES).map(async ([name, profile]) => {
      sims[name] = await startKubeSim({ name, profile, stepDelayMs: 0, https: true });
    }),
  );
});

afterAll(async () => {
  for (const c of clients) c.close();
  await Promise.all(Object.values(sims).map((s) => s.stop()));
});

const sim = (name: string): KubeSim => {
  const s = sims[name];
  if (!s) throw new Error(`no sim ${name}`);
  return s;
};

describe("health and capabilities per kubesim profile", () => {
  let results: Record<string, HealthCheckResult> = {};

  beforeAll(async () => {
    const stopped = await startKubeSim({ name: "gone", profile: "empty", stepDelayMs: 0 });
    await stopped.stop();
    const wrongToken = sim("v1.7-gpu").kubeconfigYaml.replace(
      String(sim("v1.7-gpu").adminToken),
      "not-a-token",
    );
    const entries = await Promise.all([
      ...Object.keys(PROFILES).map(async (name) => [name, await check(sim(name).kubeconfigYaml)] as const),
      ["unreachable", await check(stopped.kubeconfigYaml)] as const,
      ["unauthorized", await check(wrongToken)] as const,
    ]);
    results = Object.fromEntries(entries);
  });

  it("a healthy v1.7 cluster with GPUs: explicit gates, GA gates, GPUs by device, hugepages, SR-IOV, storage", () => {
    const r = results["v1.7-gpu"];
    expect(r).toMatchObject({ status: "HEALTHY", version: "v1.7.0" });
    expect(r?.reason).toBeUndefined();
    const caps = r?.capabilities;
    expect(caps).toMatchObject({
      versionSource: "virt-api",
      versionKnown: true,
      featureGates: { enabled: ["Snapshot", "HotplugVolumes"], disabled: [] },
      gpuDevices: [
        { resourceName: "nvidia.com/GA102GL_A10", total: 1, nodes: ["node-c"] },
        { resourceName: "nvidia.com/gpu", total: 2, nodes: ["node-b"] },
      ],
      hugepages: ["1Gi"],
      sriovNetworks: [{ namespace: "default", name: "sriov-a", resourceName: "intel.com/sriov_netdevice" }],
      storageClasses: ["ceph-rbd", "standard"],
      defaultStorageClass: "standard",
      schedulableNodes: 3,
      verifiedByDryRun: {},
    });
    expect(caps?.enabledFeatures).toEqual(
      expect.arrayContaining([
        "Snapshot",
        "HotplugVolumes",
        "LiveMigration",
        "GPU",
        "NUMA",
        "VMLiveUpdateFeatures",
      ]),
    );
    // Beta is not on by default before v1.9; VMExport is GA only from v1.9.
    expect(caps?.enabledFeatures).not.toContain("ImageVolume");
    expect(caps?.enabledFeatures).not.toContain("VMExport");
    expect(caps?.apis.snapshot).toContain("v1beta1");
    expect(caps?.apis.clone).toContain("v1beta1");
    expect(caps?.apis.migrations).toEqual(["v1alpha1"]);
    expect(caps?.apis.volumeSnapshots).toEqual([]);
    expect(r?.warnings.map((w) => w.code)).toContain("VOLUME_SNAPSHOTS_UNAVAILABLE");
  });

  it("a v1.4 cluster without the Snapshot gate: HEALTHY, Snapshot off, clone served only as v1alpha1", () => {
    const r = results["v1.4-legacy"];
    expect(r).toMatchObject({ status: "HEALTHY", version: "v1.4.2" });
    expect(r?.capabilities?.enabledFeatures).not.toContain("Snapshot");
    expect(r?.capabilities?.enabledFeatures).toEqual(
      expect.arrayContaining(["GPU", "LiveMigration", "NUMA"]),
    );
    expect(r?.capabilities?.apis.clone).toEqual(["v1alpha1"]);
    expect(r?.capabilities).toMatchObject({ gpuDevices: [], hugepages: [], sriovNetworks: [] });
  });

  it("a v1.9 cluster: Beta gates on by default, the disabled one off, GA wins", () => {
    const caps = results["v1.9-disabled"]?.capabilities;
    expect(results["v1.9-disabled"]?.status).toBe("HEALTHY");
    expect(caps?.enabledFeatures).toEqual(
      expect.arrayContaining([
        "DeclarativeHotplugVolumes",
        "GPUsWithDRA",
        "ImageVolume",
        "VMExport",
        "ObjectGraph",
      ]),
    );
    expect(caps?.enabledFeatures).not.toContain("Snapshot");
    expect(caps?.featureGates.disabled).toEqual(["Snapshot"]);
    expect(caps?.hugepages).toEqual(["2Mi"]);
  });

  it("KubeVirt missing: UNHEALTHY, no features, hardware still read", () => {
    const r = results["no-kubevirt"];
    expect(r).toMatchObject({ status: "UNHEALTHY", reason: { code: "KUBEVIRT_NOT_INSTALLED" } });
    expect(r?.version).toBeUndefined();
    expect(r?.capabilities).toMatchObject({ enabledFeatures: [], schedulableNodes: 0 });
    expect(r?.capabilities?.storageClasses).toEqual(["ceph-rbd", "standard"]);
    expect(r?.warnings.map((w) => w.code)).not.toContain("VERSION_UNREADABLE");
  });

  it("degraded KubeVirt: UNHEALTHY with the CR's reason; virt-api down too; version from the CR", () => {
    const r = results.degraded;
    expect(r).toMatchObject({
      status: "UNHEALTHY",
      reason: { code: "KUBEVIRT_DEGRADED" },
      version: "v1.8.2",
    });
    expect(r?.reason?.detail).toContain("virt-api deployment is not ready");
    expect(r?.warnings.map((w) => w.code)).toEqual(
      expect.arrayContaining(["KUBEVIRT_NOT_AVAILABLE", "VIRT_API_UNAVAILABLE"]),
    );
    expect(r?.capabilities?.versionSource).toBe("kubevirt-cr");
  });

  it("an unreachable server and a server answering 401 are UNREACHABLE, without capabilities", () => {
    expect(results.unreachable).toMatchObject({ status: "UNREACHABLE", reason: { code: "API_UNREACHABLE" } });
    expect(results.unauthorized).toMatchObject({
      status: "UNREACHABLE",
      reason: { code: "API_UNAUTHORIZED" },
    });
    expect(results.unreachable?.capabilities).toBeUndefined();
    expect(results.unauthorized?.capabilities).toBeUndefined();
  });

  it("offers each instance size only on the clusters that can run it", () => {
    expect(offers(results)).toEqual({
      small: ["v1.7-gpu", "v1.4-legacy", "v1.9-disabled"],
      gpu: ["v1.7-gpu"],
      a10: ["v1.7-gpu"],
      "hugepages-1gi": ["v1.7-gpu"],
      sriov: ["v1.7-gpu"],
      snapshottable: ["v1.7-gpu"],
    });
  });
});

describe("run-time changes are picked up by the next check", () => {
  it("version, gates, nodes and reachability", async () => {
    const s = await startKubeSim({
      name: "changing",
      profile: { ...PROFILES["v1.4-legacy"] },
      stepDelayMs: 0,
    });
    try {
      const client = clientFor(s.kubeconfigYaml);
      const run = () => checkClusterHealth(client, { timeoutMs: 5_000 });

      const before = await run();
      expect(before).toMatchObject({ status: "HEALTHY", version: "v1.4.2" });
      expect(before.capabilities?.enabledFeatures).not.toContain("Snapshot");

      await s.client.setKubeVirt({ version: "v1.9.0" });
      const upgraded = await run();
      expect(upgraded.version).toBe("v1.9.0");
      expect(upgraded.capabilities?.enabledFeatures).toContain("Snapshot");

      await s.client.setKubeVirt({ disabledFeatureGates: ["Snapshot"] });
      expect((await run()).capabilities?.enabledFeatures).not.toContain("Snapshot");

      await s.client.addNode({ name: "gpu-node", gpus: 4 });
      expect((await run()).capabilities?.gpuDevices).toEqual([
        { resourceName: "nvidia.com/gpu", total: 4, nodes: ["gpu-node"] },
      ]);

      await s.client.setKubeVirt({ degraded: true });
      expect(await run()).toMatchObject({ status: "UNHEALTHY", reason: { code: "KUBEVIRT_DEGRADED" } });
      await s.client.setKubeVirt({ degraded: false, apiServiceAvailable: false });
      expect(await run()).toMatchObject({ status: "UNHEALTHY", reason: { code: "VIRT_API_UNAVAILABLE" } });
      await s.client.setKubeVirt({ apiServiceAvailable: true });
      expect((await run()).status).toBe("HEALTHY");

      await s.client.refuseConnections(1_500);
      expect(await run()).toMatchObject({ status: "UNREACHABLE", reason: { code: "API_UNREACHABLE" } });
      await new Promise((r) => setTimeout(r, 1_700));
      expect((await run()).status).toBe("HEALTHY");
    } finally {
      await s.stop();
    }
  });

  it("a non-semver version: gates it cannot decide are settled by a dry run", async () => {
    const s = await startKubeSim({
      name: "custom",
      profile: { ...PROFILES["v1.9-disabled"] },
      stepDelayMs: 0,
    });
    try {
      const client = clientFor(s.kubeconfigYaml);
      // Disabled and not enabled is off in every release: decided without a dry run.
      await s.client.setKubeVirt({ version: "custom-build-2026" });
      const off = await checkClusterHealth(client);
      expect(off).toMatchObject({ status: "HEALTHY", version: "custom-build-2026" });
      expect(off.capabilities).toMatchObject({ versionKnown: false, verifiedByDryRun: {} });
      expect(off.capabilities?.enabledFeatures).not.toContain("Snapshot");
      expect(off.capabilities?.enabledFeatures).toContain("LiveMigration");
      expect(off.warnings.map((w) => w.code)).toContain("VERSION_NOT_SEMVER");

      // Undecidable from the version: admission decides (kubesim reads "v1.4-custom" as 1.4: gate off).
      await s.client.setKubeVirt({ version: "v1.4-custom", disabledFeatureGates: [] });
      const denied = await checkClusterHealth(client);
      expect(denied.capabilities?.verifiedByDryRun.Snapshot).toMatchObject({ enabled: false });
      expect(denied.capabilities?.verifiedByDryRun.Snapshot?.detail).toContain(
        "snapshot feature gate not enabled",
      );
      expect(denied.capabilities?.enabledFeatures).not.toContain("Snapshot");
      expect(denied.capabilities?.uncertainFeatures).not.toContain("Snapshot");
      expect(denied.capabilities?.uncertainFeatures).toContain("GPU");
      expect(denied.warnings.map((w) => w.code)).toContain("FEATURES_UNCERTAIN");

      await s.client.setKubeVirt({ version: "custom-build-2026" });
      const admitted = await checkClusterHealth(client);
      expect(admitted.capabilities?.verifiedByDryRun.Snapshot).toEqual({ enabled: true });
      expect(admitted.capabilities?.enabledFeatures).toContain("Snapshot");
      // Nothing was stored by the dry runs.
      const snapshots = await client.request<{ items: unknown[] }>({
        method: "GET",
        path: "/apis/snapshot.kubevirt.io/v1beta1/virtualmachinesnapshots",
      });
      expect(snapshots.items).toEqual([]);
    } finally {
      await s.stop();
    }
  });
});
